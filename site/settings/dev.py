"""The embedded demo: what `make run` uses. Never for production."""

import os
import warnings

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-for-the-embedded-demo"
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# collectstatic is for production; in the demo whitenoise serves from the finders.
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
# The demo runs tasks (e-mails to the console) at once, so `make run` needs no worker;
# `make serve` (USE_TASK_WORKER=1) and production use the database queue and `db_worker`.
if not env_bool("USE_TASK_WORKER", False):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

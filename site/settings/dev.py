"""The embedded demo: what `make run` uses. Never for production."""

import os
import warnings

from .base import *  # noqa: F403
from .base import BASE_DIR, env_bool, installation_secret_key

# The demo shows what members see: the site's own error pages, not Django's technical
# page listing every URL pattern. DEBUG=1 in the environment brings that page back.
DEBUG = env_bool("DEBUG", False)
# Demo data (known passwords) may be loaded only where this flag is set (seed_demo).
ABHNETZ_DEMO = True
# One key per installation, generated on first start into a git-ignored file.
SECRET_KEY = os.environ.get("SECRET_KEY") or installation_secret_key(
    os.environ.get("ABHNETZ_SECRET_KEY_FILE", BASE_DIR / ".secret_key")
)
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# collectstatic is for production; in the demo whitenoise serves from the finders, also
# with DEBUG off (runserver serves static files only with DEBUG on), and picks up
# changed files without a restart.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
# The demo runs tasks (e-mails to the console) at once, so `make run` needs no worker;
# `make serve` (USE_TASK_WORKER=1) and production use the database queue and `db_worker`.
if not env_bool("USE_TASK_WORKER", False):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

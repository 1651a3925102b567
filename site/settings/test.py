"""Test settings: fast hashing, immediate tasks, local cache, German locale."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-that-is-long-enough-for-django-checks-0123456789"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Immediate tasks, or Wagtail's own index and reference updates never run.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL
WHITENOISE_USE_FINDERS = True
# With ELASTICSEARCH_URL set, tests write to an alias of their own, never the site's.
ELASTICSEARCH_INDEX = f"abhnetz-test-{os.getpid()}"
# Find static files when asked for: listing every finder's files whenever a middleware
# chain is built cost 65-90 ms per test client (docs/development/testing.md).
WHITENOISE_AUTOREFRESH = True

# Cached fragments (abhnetz.core.fragments) are off, so query budgets count the full
# work of a page; tests/core/test_fragments.py turns them on.
ABHNETZ_FRAGMENT_CACHE = False

"""Settings shared by every environment; everything that differs comes from the environment.

With no environment at all (``manage.py`` defaults to ``abhnetz.settings.dev``) the site
runs the embedded demo: SQLite, database search, e-mail to the console.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

SITE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SITE_DIR.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The site shell: one small app per job.
    "abhnetz.core",
    "abhnetz.accounts",
    "abhnetz.topics",
    "abhnetz.organisations",
    "abhnetz.audiences",
    "abhnetz.announcements",
    "abhnetz.notifications",
    # Content apps.
    "knowledge",
    "knowledge.guides",
    "knowledge.minutes",
    "knowledge.documents",
    "knowledge.spaces",
    "knowledge.figures",
    "forums",
    "events",
    "search",
    # Wagtail.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Background work.
    "django_tasks",
    "django_tasks_db",
    # Django.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "abhnetz.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Everything needs a login unless a view says otherwise (login_not_required).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "abhnetz.accounts.middleware.AdminRequiresMFAMiddleware",
    # Admin addresses naming a page or document outside the audience answer 404.
    "abhnetz.audiences.admin_gate.AdminAudienceGateMiddleware",
    "abhnetz.core.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "abhnetz.urls"
# The site's own pages for 404, 403, 400 and 500 are templates in site/templates.
CSRF_FAILURE_VIEW = "abhnetz.core.error_views.csrf_failure"
WSGI_APPLICATION = "abhnetz.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "abhnetz.core.context_processors.site_shell",
                "abhnetz.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# Database: SQLite by default, anything else (PostgreSQL) from DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the worker and the web process share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: rate limits and sessions need one cache shared by all workers in production.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith("redis://") or CACHE_URL.startswith("rediss://"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
elif CACHE_URL == "db":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "abhnetz_cache",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# allauth: e-mail login, closed sign-up (invitations and access requests), MFA.
ACCOUNT_ADAPTER = "abhnetz.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[ABH-Netz] "
ACCOUNT_RATE_LIMITS = {
    # Failed logins (abhnetz.accounts.adapter): per IP, and per address from one IP
    # (so nobody can lock a colleague out), plus a ceiling per address from anywhere.
    # allauth keeps the counters in the default cache.
    "login_failed": "10/m/ip,5/5m/key",
    "login_failed_address": "50/h/key",
    "reset_password": "20/m/ip,5/m/key",
    # The public access-request form (abhnetz.accounts.onboarding_views).
    "access_request": "5/h/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ABH-Netz"
# Accept the code of the neighbouring 30-second step too (RFC 6238, 5.2): a code typed
# in its last seconds, or a phone clock a few seconds off, otherwise fails. allauth keeps
# a used code refused for the whole 90-second window (in the shared cache), so a code
# still works only once (decision 0074).
MFA_TOTP_TOLERANCE = 1

# Wagtail.
WAGTAIL_SITE_NAME = "ABH-Netz"
# The one address every link in a mail is built from (abhnetz.core.mail.site_url);
# `make run PORT=8123` sets it to http://127.0.0.1:8123.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_LOGIN_URL = "/konto/login/"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# ASCII slugs, umlauts folded (ä → ae) by abhnetz.core.slugs on the server and in the
# admin's slug widget: „Ärztliche Bescheinigung“ → aerztliche-bescheinigung.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# An approved revision is published without the approver's "publish" right (decision 0019)
WAGTAIL_FINISH_WORKFLOW_ACTION = "knowledge.guides.workflow_finish.publish_approved"
# No avatars from gravatar.com in the admin: no page asks a third party for anything.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Documents carry a language, topics and an audience; uploads are checked by content.
WAGTAILDOCS_DOCUMENT_MODEL = "documents.Document"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "knowledge.documents.forms.DocumentForm"


WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Background work: django-tasks with the database backend; `manage.py db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Language, time zone and formats: German first, Europe/Berlin, 18.04.2026 14:30.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["abhnetz.formats"]
# The admin's date pickers write and read these (Python formats; each must be the first
# of the input formats in abhnetz.formats, or Wagtail's check wagtailadmin.E003 fails).
# With Wagtail's ISO default the picker could not read a typed 15.03.2027 and put
# today's date in its place on leaving the field.
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

# Static files: npm packages are copied into site/static/vendor at build time.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_build"
STATICFILES_DIRS = [SITE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# E-mail: console unless EMAIL_URL (smtp://user:pass@host:port, smtp+tls://...) is set.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    from urllib.parse import unquote, urlsplit

    _mail = urlsplit(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or 25
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_TLS = _mail.scheme == "smtp+tls"
    EMAIL_USE_SSL = _mail.scheme == "smtps"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ABH-Netz <noreply@abhnetz.example>")

# Search: the database backend unless ELASTICSEARCH_URL is set (see docs/search.md).
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# the alias queries and writes use (tests use their own, see settings/test.py)
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "abhnetz-search")

# Content Security Policy: strict on the front end; /admin/ gets the relaxed policy
# Wagtail's inline scripts need (abhnetz.core.middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# ABH-Netz's own knobs.
# Only the demo settings turn this on: seed_demo loads known passwords where it is set.
ABHNETZ_DEMO = False
# Only production settings with ABHNETZ_BENCH=1 (make bench) serve the benchmark's floor view.
ABHNETZ_BENCH = False
ABHNETZ_INVITATION_DAYS = 14
ABHNETZ_PAGE_SIZE = 20
# Largest upload (documents and forms) in megabytes; Wagtail's own limit follows it.
ABHNETZ_MAX_UPLOAD_MB = int(os.environ.get("ABHNETZ_MAX_UPLOAD_MB", "20"))
WAGTAILDOCS_MAX_UPLOAD_SIZE = ABHNETZ_MAX_UPLOAD_MB * 1024 * 1024

SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # every task logs two lines at INFO; failures still show
    "loggers": {"django_tasks": {"level": "WARNING"}},
}


def installation_secret_key(path: Path) -> str:
    """A secret key made once for this installation and kept outside git (mode 0600).

    The demo must not share one key with every other demo: whoever knows it forges feed
    tokens, sessions and password-reset links.
    """
    import secrets

    path = Path(path)
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        # O_EXCL: two processes starting at once keep the key of whichever wrote first
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as file:
        file.write(key + "\n")
    return key


def require_secret_key(secret_key: str) -> str:
    """Production refuses to start without a real secret key."""
    if not secret_key or secret_key.startswith("dev-only") or len(secret_key) < 40:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 40 characters."
        )
    return secret_key

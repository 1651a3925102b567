"""Production: everything from the environment, and no default secret."""

import os

from .base import *  # noqa: F403
from .base import LOGGING, MIDDLEWARE, env_bool, require_secret_key

DEBUG = False
SECRET_KEY = require_secret_key(os.environ.get("SECRET_KEY", ""))

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# the load balancer's probe asks over plain HTTP on the internal network
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Only a flag in the header; submitting the domain to the preload list stays the operator's choice.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Serving: whitenoise serves the hashed, compressed files collectstatic made
# (CompressedManifestStaticFilesStorage in base.py) with far-future cache headers.
WHITENOISE_MAX_AGE = 365 * 24 * 3600

# Structured logs: one JSON object per line (LOG_FORMAT=text for plain lines).
if os.environ.get("LOG_FORMAT", "json") == "json":
    LOGGING["formatters"] = {"json": {"()": "abhnetz.core.logs.JsonFormatter"}}
    LOGGING["handlers"]["console"]["formatter"] = "json"

# The HTTP benchmark (make bench): queries and CPU per response, and the floor view.
ABHNETZ_BENCH = env_bool("ABHNETZ_BENCH", False)
if ABHNETZ_BENCH:
    MIDDLEWARE = ["abhnetz.core.bench.BenchMiddleware", *MIDDLEWARE]
    # the benchmark measures what a reply costs, not the posting limit's form error
    FORUMS_POST_RATE = (1_000_000, 60)

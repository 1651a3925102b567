"""gunicorn's settings for ABH-Netz: ``gunicorn -c python:abhnetz.gunicorn_conf abhnetz.wsgi``.

Threads rather than many processes: pages wait on the database more than they compute,
and a thread shares its process's caches. Every value can be overridden from the
environment (WEB_WORKERS, WEB_THREADS, WEB_BIND, WEB_TIMEOUT).
"""

import multiprocessing
import os

bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")
# one process per core (2 on the reference machine), four threads each
workers = int(os.environ.get("WEB_WORKERS", multiprocessing.cpu_count()))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
# a request that runs longer than this is stuck: the worker is replaced
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# recycle workers now and then (bounded memory growth), not all at once
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# the reverse proxy terminates TLS and sets X-Forwarded-Proto (settings/production.py)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("WEB_ACCESS_LOG", "-")
access_log_format = (
    '{"time":"%(t)s","remote":"%(h)s","request":"%(r)s","status":%(s)s,'
    '"bytes":"%(b)s","duration_ms":%(M)s,"agent":"%(a)s"}'
)
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# gunicorn 24+ opens a control socket in $HOME by default; two servers on one machine
# (a benchmark next to the demo) would fight over it
control_socket_disable = True

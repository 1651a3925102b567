"""/healthz: is this process able to serve, and is the task queue being worked off?

For load balancers and monitoring, so no login and nothing about the content: only
"ok" or "fail" per check. 200 when the database answers, 503 when it does not. The
task queue reports "backlog" (still 200: pages are served) when a task has waited for
longer than ``TASK_BACKLOG_MINUTES`` — the worker is down or far behind.
"""

import logging
from datetime import timedelta

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)
TASK_BACKLOG_MINUTES = 10


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.warning("healthz: the database does not answer", exc_info=True)
        return False


def task_queue_state() -> str:
    """ "ok", "backlog" (a task waits too long) or "fail" (the queue cannot be read)."""
    from django.conf import settings

    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if not backend.startswith("django_tasks_db"):
        return "ok"  # immediate tasks (the demo): nothing can queue up
    from django_tasks_db.models import DBTaskResult

    try:
        # ready to run (not scheduled for later) and waiting since long
        waiting = (
            DBTaskResult.objects.ready()
            .filter(enqueued_at__lt=timezone.now() - timedelta(minutes=TASK_BACKLOG_MINUTES))
            .exists()
        )
    except DatabaseError:
        logger.warning("healthz: the task queue cannot be read", exc_info=True)
        return "fail"
    return "backlog" if waiting else "ok"


@login_not_required
@never_cache
@require_safe
def healthz(request):
    database = database_ok()
    tasks = task_queue_state() if database else "fail"
    body = {"status": "ok" if database else "fail", "database": "ok" if database else "fail",
            "tasks": tasks}  # fmt: skip
    return JsonResponse(body, status=200 if database else 503)

"""What the HTTP benchmark (bench/, ``make bench``) needs from the server.

Only installed when ``ABHNETZ_BENCH`` is set (settings/production.py): the middleware
reports per response the SQL queries it ran and the CPU time its thread spent, and
``floor`` is the cheapest Django view there is, the unit pages are measured in.
"""

import time

from django.db import connections
from django.http import HttpResponse


class BenchMiddleware:
    """X-Bench-Queries and X-Bench-CPU-ms on every response (outermost middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = _QueryCounter()
        cpu = time.thread_time()
        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(counter.count)
        response["X-Bench-CPU-ms"] = f"{(time.thread_time() - cpu) * 1000:.2f}"
        return response


class _QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def floor(request):
    """The floor: through every middleware (session, user, CSP), no template, no query
    of its own."""
    return HttpResponse(b"ok", content_type="text/plain")

"""The CSRF failure page in the site's look (Django's own is English and technical).

The other error pages need no view: Django's default handlers render the templates
404.html, 403.html, 400.html and 500.html in site/templates; a too large post gets
413.html (``bad_request``).
"""

from django.shortcuts import render


def csrf_failure(request, reason: str = ""):
    # ``reason`` is for the log, not for members: Django logs it already
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception=None):
    """handler400: a too large post gets a page saying so (413), the rest Django's 400.

    A text far over its field's limit (a megabyte pasted into a reply, umlauts taking
    six bytes each once encoded) exceeds ``DATA_UPLOAD_MAX_MEMORY_SIZE`` before any form
    sees it, so no field error can be shown: say what happened and that going back
    keeps the text. The request's POST is unreadable here (Django marked it).
    """
    from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
    from django.views.defaults import bad_request as django_bad_request

    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
        return render(request, "413.html", status=413)
    return django_bad_request(request, exception)


def server_error(request):
    """handler500: the German 503 page while the database is unreachable, else the 500 page.

    Called inside Django's ``except`` for the failed request, so ``sys.exc_info()`` is the
    error. Neither page may touch the database or the user (it is down, or broken):
    both render without a request context, like Django's own ``server_error``.
    """
    import sys

    from django.db import InterfaceError, OperationalError
    from django.http import HttpResponse, HttpResponseServerError
    from django.template import loader

    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        # clients and proxies may try again after the usual restart window
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())

"""The CSRF failure page in the site's look (Django's own is English and technical).

The other error pages need no view: Django's default handlers render the templates
404.html, 403.html, 400.html and 500.html in site/templates.
"""

from django.shortcuts import render


def csrf_failure(request, reason: str = ""):
    # ``reason`` is for the log, not for members: Django logs it already
    return render(request, "403_csrf.html", status=403)


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

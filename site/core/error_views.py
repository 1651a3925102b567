"""The CSRF failure page in the site's look (Django's own is English and technical).

The other error pages need no view: Django's default handlers render the templates
404.html, 403.html, 400.html and 500.html in site/templates.
"""

from django.shortcuts import render


def csrf_failure(request, reason: str = ""):
    # ``reason`` is for the log, not for members: Django logs it already
    return render(request, "403_csrf.html", status=403)

"""The site's URLs plus views that fail on purpose, for the error page tests."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from abhnetz.urls import handler400, handler500  # noqa: F401 (the site's error handlers)
from abhnetz.urls import urlpatterns as site_urlpatterns


@login_not_required
def fail_with_500(request):
    raise RuntimeError("a bug")


def fail_with_403(request):
    raise PermissionDenied


def fail_with_400(request):
    raise SuspiciousOperation("tampered")


urlpatterns = [
    path("test-fehler/500/", fail_with_500),
    path("test-fehler/403/", fail_with_403),
    path("test-fehler/400/", fail_with_400),
    *site_urlpatterns,
]

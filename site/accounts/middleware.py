from django.shortcuts import redirect
from django.urls import reverse

from .mfa import needs_mfa_setup


class AdminRequiresMFAMiddleware:
    """Coordinators and administrators reach /admin/ only with a second factor set up.

    allauth asks for the second factor at login once one is set up; this closes the
    gap before that, sending them to set it up first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/") and needs_mfa_setup(request.user):
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path_info}")
        return self.get_response(request)

from django.shortcuts import redirect

from .mfa import mfa_passed, mfa_step_url, requires_mfa_for_admin


class AdminRequiresMFAMiddleware:
    """Coordinators and administrators reach /admin/ only past the second factor.

    The same condition as every privileged action (``mfa.mfa_passed``): an app set
    up, and this session passed it. Without an app they are told why and set one up;
    with one this session has not used, they confirm with a code.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path_info.startswith("/admin/")
            and requires_mfa_for_admin(request.user)
            and not mfa_passed(request)
        ):
            return redirect(mfa_step_url(request, request.get_full_path()))
        return self.get_response(request)

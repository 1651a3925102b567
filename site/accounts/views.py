from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


@login_not_required
def admin_login_redirect(request):
    """/admin/login/ goes through allauth, so the admin cannot be entered without MFA."""
    next_url = request.GET.get("next", "/admin/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/admin/"
    return redirect(f"{reverse('account_login')}?next={next_url}")

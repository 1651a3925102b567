"""The way to the second factor: why it is needed, the set-up, and back to where one was.

allauth's TOTP activation ends on the recovery codes and forgets where the person was
going; these subclasses keep ``next`` through both steps, and count the activation as
this session's proof of the second factor (it just checked a code from the app).
"""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.views import ViewRecoveryCodesView
from allauth.mfa.totp.views import ActivateTOTPView
from django.shortcuts import redirect, render
from django.urls import reverse

from .mfa import has_totp, mfa_passed, safe_next, with_next


def mfa_required(request):
    """Why this needs a second factor, before allauth asks for the password again."""
    next_url = safe_next(request, request.GET.get("next"))
    if mfa_passed(request):
        return redirect(next_url)
    if has_totp(request.user):
        # set up already, not used in this session: confirm with a code instead
        return redirect(with_next(reverse("mfa_reauthenticate"), next_url))
    activate_url = with_next(reverse("mfa_activate_totp"), next_url)
    return render(
        request,
        "mfa/required.html",
        {"activate_url": activate_url, "next_url": next_url},
    )


class ActivateTOTPKeepingNextView(ActivateTOTPView):
    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["next_url"] = self._next()
        return context

    def _next(self) -> str:
        requested = self.request.POST.get("next") or self.request.GET.get("next")
        return safe_next(self.request, requested, "")

    def form_valid(self, form):
        response = super().form_valid(form)
        totp = Authenticator.objects.get(user=self.request.user, type=Authenticator.Type.TOTP)
        # the code just entered proves the app: as good as entering it at login
        record_authentication(
            self.request, self.request.user, "mfa", id=totp.pk, type=totp.type, activated=True
        )
        return response

    def get_success_url(self) -> str:
        url = super().get_success_url()
        if next_url := self._next():
            if self.did_generate_recovery_codes:
                return with_next(url, next_url)
            return next_url
        return url


class ViewRecoveryCodesKeepingNextView(ViewRecoveryCodesView):
    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["next_url"] = safe_next(self.request, self.request.GET.get("next"), "")
        return context


activate_totp = ActivateTOTPKeepingNextView.as_view()
view_recovery_codes = ViewRecoveryCodesKeepingNextView.as_view()

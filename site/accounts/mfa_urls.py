"""Our steps on the way to the second factor, in front of allauth's own (same names)."""

from django.urls import path

from . import mfa_views

urlpatterns = [
    path("zweiter-faktor/", mfa_views.mfa_required, name="mfa_required"),
    path("2fa/totp/activate/", mfa_views.activate_totp, name="mfa_activate_totp"),
    path("2fa/recovery-codes/", mfa_views.view_recovery_codes, name="mfa_view_recovery_codes"),
]

"""Onboarding pages: invitations, accepting them, access requests and their review.

Thin views: forms check the input, services in ``onboarding_services`` do the writes
and the permission checks.
"""

from functools import wraps

from allauth.account.utils import perform_login
from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import onboarding_services as services
from . import permissions
from .mfa import mfa_gate
from .models import AccessRequest, AccessRequestStatus, Invitation
from .onboarding_forms import (
    AccessRequestApproveForm,
    AccessRequestDeclineForm,
    AccessRequestForm,
    InvitationAcceptForm,
    InvitationForm,
    add_service_error,
)


def onboarding_view(view):
    """Coordinators and administrators only, and past the second factor (mfa.mfa_gate)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not permissions.may_onboard(request.user):
            raise PermissionDenied
        if (response := mfa_gate(request)) is not None:
            return response
        return view(request, *args, **kwargs)

    return wrapped


def account_overview(request):
    """The "Konto" page: where the account's own settings and onboarding live."""
    return render(
        request,
        "accounts/account_overview.html",
        {"may_onboard": permissions.may_onboard(request.user)},
    )


# --- invitations -------------------------------------------------------------------


@onboarding_view
def invitation_list(request):
    invitations = (
        Invitation.objects.open()
        .select_related("organisation", "invited_by")
        .order_by("expires_at")
    )
    return render(request, "accounts/invitation_list.html", {"invitations": invitations})


@onboarding_view
def invitation_create(request):
    form = InvitationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                by=request.user,
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
                confirmed_outside_domain=form.cleaned_data["confirm_outside_domain"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The invitation to %(email)s was sent.") % {"email": invitation.email}
            )
            return redirect("invitation_list")
    return render(
        request,
        "accounts/invitation_form.html",
        {"form": form, "days": settings.ABHNETZ_INVITATION_DAYS},
    )


@onboarding_view
def invitation_role_field(request):
    """The role select for the organisation just chosen (htmx swaps it into the form)."""
    form = InvitationForm(user=request.user, prefix=request.GET.get("prefix") or None)
    try:
        organisation = form.fields["organisation"].clean(
            request.GET.get(form.add_prefix("organisation"))
        )
    except ValidationError:
        organisation = None
    form._offer_roles(request.user, organisation)
    return render(request, "accounts/partials/role_field.html", {"form": form})


@require_POST
@onboarding_view
def invitation_revoke(request, pk):
    invitation = get_object_or_404(Invitation, pk=pk)
    services.invitation_revoke(by=request.user, invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
    )
    return redirect("invitation_list")


@never_cache
@login_not_required
def invitation_accept(request, token):
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationInvalid as invalid:
        status = 404 if invalid.reason == "unknown" else 410
        return render(
            request, "accounts/invitation_invalid.html", {"reason": invalid.reason}, status=status
        )

    initial = {}
    access_request = getattr(invitation, "access_request", None)
    if access_request is not None:
        initial = {"first_name": access_request.first_name, "last_name": access_request.last_name}
    form = InvitationAcceptForm(request.POST or None, invitation=invitation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationInvalid as invalid:
            return render(
                request, "accounts/invitation_invalid.html", {"reason": invalid.reason}, status=410
            )
        if request.user.is_authenticated:
            # someone else was signed in on this browser: the new account takes over
            logout(request)
        messages.success(request, _("Welcome to ABH-Netz! Your account is ready."))
        # no fixed target: the adapter leads a first login to the profile
        return perform_login(request, user)
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )


# --- access requests ---------------------------------------------------------------


@login_not_required
def access_request(request):
    # a public form that sends mail: limited per IP (ACCOUNT_RATE_LIMITS["access_request"])
    if request.method == "POST" and not ratelimit.consume(request, action="access_request"):
        return ratelimit.respond_429(request)
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.access_request_submit(
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("access_request_sent")
    refused = form.is_bound and form.has_error("email", code=services.UNKNOWN_DOMAIN)
    return render(
        request,
        "accounts/access_request.html",
        {
            "form": form,
            # the refusal says which organisations take part (names only)
            "participating": services.participating_organisation_names() if refused else None,
        },
    )


@login_not_required
def access_request_sent(request):
    return render(request, "accounts/access_request_sent.html")


@onboarding_view
def access_request_list(request):
    pending = AccessRequest.objects.filter(status=AccessRequestStatus.PENDING).select_related(
        "organisation"
    )
    decided = (
        AccessRequest.objects.exclude(status=AccessRequestStatus.PENDING)
        .select_related("organisation", "decided_by")
        .order_by("-decided_at")[:20]
    )
    return render(
        request, "accounts/access_request_list.html", {"pending": pending, "decided": decided}
    )


@onboarding_view
def access_request_detail(request, pk):
    access_request = get_object_or_404(
        AccessRequest.objects.select_related("organisation", "decided_by"), pk=pk
    )
    approve_form = AccessRequestApproveForm(
        request.POST if "approve" in request.POST else None,
        user=request.user,
        access_request=access_request,
        prefix="approve",
    )
    decline_form = AccessRequestDeclineForm(
        request.POST if "decline" in request.POST else None, prefix="decline"
    )
    if request.method == "POST" and access_request.status == AccessRequestStatus.PENDING:
        try:
            if "approve" in request.POST and approve_form.is_valid():
                invitation = services.access_request_approve(
                    by=request.user,
                    access_request=access_request,
                    organisation=approve_form.cleaned_data["organisation"],
                    role=approve_form.cleaned_data["role"],
                    confirmed_outside_domain=approve_form.cleaned_data["confirm_outside_domain"],
                )
                messages.success(
                    request,
                    _("The request was approved and an invitation was sent to %(email)s.")
                    % {"email": invitation.email},
                )
                return redirect("access_request_list")
            if "decline" in request.POST and decline_form.is_valid():
                services.access_request_decline(
                    by=request.user,
                    access_request=access_request,
                    reason=decline_form.cleaned_data["reason"],
                )
                messages.success(
                    request,
                    _("The request was declined; %(email)s was told.")
                    % {"email": access_request.email},
                )
                return redirect("access_request_list")
        except ValidationError as error:
            add_service_error(approve_form if "approve" in request.POST else decline_form, error)
    return render(
        request,
        "accounts/access_request_detail.html",
        {
            "access_request": access_request,
            "approve_form": approve_form,
            "decline_form": decline_form,
        },
    )

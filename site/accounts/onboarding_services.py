"""Onboarding writes: invitations and access requests.

Views call these and stay thin. Each service checks permission itself (raising
``PermissionDenied``) and validates what must hold whatever the form said (raising
``ValidationError`` keyed by field, so a view can show it next to the field). E-mails
leave only after the transaction commits.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from abhnetz.core.mail import absolute_url, mail_send
from abhnetz.notifications.services import notify
from abhnetz.organisations.models import Organisation

from .models import AccessRequest, AccessRequestStatus, Invitation, RoleGroup, User
from .notification_kinds import ACCESS_REQUEST_WAITS
from .permissions import invitable_roles, may_onboard
from .roles import ONBOARDING_ROLES, Role, roles_for_organisation_kind


def role_fits(role: Role | str, organisation: Organisation) -> bool:
    return role in roles_for_organisation_kind(organisation.kind)


def role_misfit_message(organisation: Organisation) -> str:
    return _("This role does not fit %(organisation)s. Please choose one of the roles offered.") % {
        "organisation": organisation
    }


def email_outside_organisation(email: str, organisation: Organisation) -> bool:
    """The address is not at one of the organisation's e-mail domains."""
    return email_domain(email) not in organisation.domain_list


def outside_domain_message(organisation: Organisation) -> str:
    return _(
        "The address does not belong to the e-mail domains of %(organisation)s. If it is "
        "right all the same, please confirm it below."
    ) % {"organisation": organisation}


def _require_onboarding(user) -> None:
    if not may_onboard(user):
        raise PermissionDenied(_("Only coordinators and administrators may onboard people."))


# --- helpers -----------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].strip().lower()


def organisations_for_domain(domain: str) -> list[Organisation]:
    """The participating organisations whose e-mail domains include ``domain``."""
    domain = domain.lower()
    candidates = Organisation.objects.filter(email_domains__icontains=domain)
    return [organisation for organisation in candidates if domain in organisation.domain_list]


def account_exists(email: str) -> bool:
    return (
        User.objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email).exists()
    )


def _send_on_commit(template: str, *, to: list, context: dict) -> None:
    """Mail ``accounts/email/<template>_*`` to each of ``to`` in their language, after commit.

    Addresses without an account (invitations, access requests) get German.
    """
    mail_send(template=f"accounts/email/{template}", to=to, context=context)


# --- invitations -------------------------------------------------------------------


class InvitationInvalid(Exception):
    """The link cannot be used; ``reason`` is one of unknown, used, expired, withdrawn."""

    def __init__(self, reason: str, invitation: Invitation | None = None):
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


def invitation_for_token(token: str, *, for_update: bool = False) -> Invitation:
    """The open invitation behind ``token``, or ``InvitationInvalid`` saying why not."""
    queryset = Invitation.objects.select_related("organisation")
    if for_update:
        queryset = queryset.select_for_update()
    invitation = queryset.filter(token_hash=hash_token(token)).first()
    if invitation is None:
        raise InvitationInvalid("unknown")
    if invitation.accepted_at is not None:
        raise InvitationInvalid("used", invitation)
    if invitation.revoked_at is not None:
        raise InvitationInvalid("withdrawn", invitation)
    if invitation.is_expired:
        raise InvitationInvalid("expired", invitation)
    return invitation


@transaction.atomic
def invitation_create(
    *,
    by: User,
    email: str,
    organisation: Organisation,
    role: Role | str,
    access_request: AccessRequest | None = None,
    confirmed_outside_domain: bool = False,
) -> Invitation:
    """Invite ``email`` into ``organisation`` with ``role`` and send the link.

    The role must fit the organisation's kind; an address outside the organisation's
    e-mail domains needs ``confirmed_outside_domain``. An earlier open invitation to
    the same address is withdrawn, so only the newest link works. The returned
    invitation carries the plain ``token`` (never stored).
    """
    _require_onboarding(by)
    email = User.objects.normalize_email(email).strip().lower()
    if role not in invitable_roles(by):
        raise PermissionDenied(_("You may not hand out this role."))
    if not role_fits(role, organisation):
        raise ValidationError({"role": role_misfit_message(organisation)})
    if account_exists(email):
        raise ValidationError(
            {"email": _("A person with this e-mail address already has an account.")}
        )
    if email_outside_organisation(email, organisation) and not confirmed_outside_domain:
        raise ValidationError(
            {"confirm_outside_domain": outside_domain_message(organisation)},
            code="outside_domain",
        )

    now = timezone.now()
    Invitation.objects.open().filter(email__iexact=email).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        organisation=organisation,
        role=role,
        token_hash=hash_token(token),
        invited_by=by,
        expires_at=now + timedelta(days=settings.ABHNETZ_INVITATION_DAYS),
    )
    invitation.token = token
    _send_on_commit(
        "invitation",
        to=[email],
        context={
            "invitation": invitation,
            "inviter": by,
            "access_request": access_request,
            "accept_url": absolute_url(reverse("invitation_accept", kwargs={"token": token})),
            "days": settings.ABHNETZ_INVITATION_DAYS,
        },
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, by: User, invitation: Invitation) -> Invitation:
    _require_onboarding(by)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, first_name: str, last_name: str, password: str) -> User:
    """Create the account the invitation promises; the link proves the e-mail address.

    Raises ``InvitationInvalid`` for an unknown, used, withdrawn or expired link.
    The password must already have passed the validators (the form does that).
    """
    invitation = invitation_for_token(token, for_update=True)
    if account_exists(invitation.email):
        # someone else created the account meanwhile; the link is spent
        raise InvitationInvalid("used", invitation)
    user = User.objects.create_user(
        email=invitation.email,
        password=password,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        organisation=invitation.organisation,
    )
    user.groups.add(RoleGroup.objects.get(slug=invitation.role).group)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


# --- access requests ---------------------------------------------------------------


UNKNOWN_DOMAIN = "unknown_domain"


def validate_access_request_email(email: str, organisation: Organisation | None) -> None:
    """The address must belong to a participating organisation (the chosen one, if any)."""
    domain = email_domain(email)
    if organisation is not None:
        if domain not in organisation.domain_list:
            raise ValidationError(
                {
                    "email": ValidationError(
                        _(
                            "This address does not belong to %(organisation)s. Please use "
                            "your work e-mail address."
                        )
                        % {"organisation": organisation},
                        code=UNKNOWN_DOMAIN,
                    )
                }
            )
    elif not organisations_for_domain(domain):
        raise ValidationError(
            {
                "email": ValidationError(
                    _(
                        "This address does not belong to a participating organisation. "
                        "Please use your work e-mail address."
                    ),
                    code=UNKNOWN_DOMAIN,
                )
            }
        )


def participating_organisation_names() -> list[str]:
    """The names of the organisations one can ask to join (those with e-mail domains).

    Shown to guests whose address was refused: which organisations take part is
    public knowledge in the network; their people and domains are not listed.
    """
    return list(
        Organisation.objects.exclude(email_domains="")
        .order_by("name")
        .values_list("name", flat=True)
    )


def onboarding_people():
    return User.objects.filter(is_active=True, groups__role__slug__in=ONBOARDING_ROLES)


@transaction.atomic
def access_request_submit(
    *,
    first_name: str,
    last_name: str,
    email: str,
    organisation: Organisation | None,
    message: str = "",
) -> AccessRequest | None:
    """Record a request for an account and tell the coordinators.

    The public page answers the same whether or not the address has an account, so
    it reveals no members: an existing member gets an e-mail pointing to the
    password reset instead, and a second pending request is not recorded twice.
    Returns the pending request, or ``None`` when the address already has an account.
    """
    email = User.objects.normalize_email(email).strip().lower()
    validate_access_request_email(email, organisation)
    if account_exists(email):
        _send_on_commit(
            "access_request_existing_account",
            to=[email],
            context={
                "login_url": absolute_url(reverse("account_login")),
                "reset_url": absolute_url(reverse("account_reset_password")),
            },
        )
        return None
    pending = AccessRequest.objects.filter(
        email__iexact=email, status=AccessRequestStatus.PENDING
    ).first()
    if pending is not None:
        return pending
    access_request = AccessRequest.objects.create(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        organisation=organisation,
        message=message.strip(),
    )
    notify(kind=ACCESS_REQUEST_WAITS, target=access_request, recipients=onboarding_people())
    return access_request


def _pending_for_update(access_request: AccessRequest) -> AccessRequest:
    access_request = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if access_request.status != AccessRequestStatus.PENDING:
        raise ValidationError(_("This access request has already been decided."))
    return access_request


@transaction.atomic
def access_request_approve(
    *,
    by: User,
    access_request: AccessRequest,
    role: Role | str,
    organisation: Organisation | None = None,
    confirmed_outside_domain: bool = False,
) -> Invitation:
    """Approve: invite the requester into the organisation (the requested one by default)."""
    _require_onboarding(by)
    access_request = _pending_for_update(access_request)
    organisation = organisation or access_request.organisation
    if organisation is None:
        raise ValidationError({"organisation": _("Please choose the organisation.")})
    invitation = invitation_create(
        by=by,
        email=access_request.email,
        organisation=organisation,
        role=role,
        access_request=access_request,
        confirmed_outside_domain=confirmed_outside_domain,
    )
    access_request.status = AccessRequestStatus.APPROVED
    access_request.decided_at = timezone.now()
    access_request.decided_by = by
    access_request.invitation = invitation
    access_request.save(update_fields=["status", "decided_at", "decided_by", "invitation"])
    return invitation


@transaction.atomic
def access_request_decline(
    *, by: User, access_request: AccessRequest, reason: str = ""
) -> AccessRequest:
    """Decline and tell the requester, with the reason if one is given."""
    _require_onboarding(by)
    access_request = _pending_for_update(access_request)
    access_request.status = AccessRequestStatus.DECLINED
    access_request.decided_at = timezone.now()
    access_request.decided_by = by
    access_request.decline_reason = reason.strip()
    access_request.save(update_fields=["status", "decided_at", "decided_by", "decline_reason"])
    _send_on_commit(
        "access_request_declined",
        to=[access_request.email],
        context={"access_request": access_request},
    )
    return access_request

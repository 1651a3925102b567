"""The user's own data: profile edits, the DSGVO export (Art. 15/20) and deletion (Art. 17).

Apps that store personal data extend the export and the deletion through Wagtail hooks,
so this module never imports them (architecture.md):

    @hooks.register(USER_DATA_EXPORT_HOOK)
    def export_rsvps(user):
        return "rsvps", [{"event": r.event.title, "answer": r.answer} for r in user.rsvps.all()]

    @hooks.register(BEFORE_USER_DELETE_HOOK)
    def forget_rsvps(user):
        user.rsvps.all().delete()

An export hook returns ``(key, data)`` with JSON-serialisable data (dates are fine), or
``None`` when it has nothing for this user. A delete hook runs inside the deletion's
transaction, before the user row goes; raising aborts the deletion.
"""

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail import hooks

from abhnetz.organisations.models import WorkingGroup

from .models import AccessRequest, Invitation, RoleGroup, User

USER_DATA_EXPORT_HOOK = "abhnetz_user_data_export"
BEFORE_USER_DELETE_HOOK = "abhnetz_before_user_delete"
EXPORT_FORMAT_VERSION = 1


@transaction.atomic
def profile_update(
    *,
    user: User,
    first_name: str,
    last_name: str,
    function: str,
    phone: str,
    expertise: Iterable,
    expertise_note: str,
) -> User:
    """Change the directory profile a person keeps about themselves."""
    user.first_name = first_name
    user.last_name = last_name
    user.function = function
    user.phone = phone
    user.expertise_note = expertise_note
    user.save(update_fields=["first_name", "last_name", "function", "phone", "expertise_note"])
    user.expertise.set(expertise)
    return user


def _profile(user: User) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "function": user.function,
        "phone": user.phone,
        "expertise": list(user.expertise.values_list("name", flat=True)),
        "expertise_note": user.expertise_note,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
    }


def _organisation(user: User) -> dict | None:
    organisation = user.organisation
    if organisation is None:
        return None
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "state": organisation.state,
        "city": organisation.city,
    }


def _roles(user: User) -> list[dict]:
    return [
        {"role": role.slug, "name": str(role.get_slug_display())}
        for role in RoleGroup.objects.filter(group__user=user).order_by("slug")
    ]


def _working_groups(user: User) -> list[dict]:
    return [
        {"name": wg.name, "status": wg.status}
        for wg in WorkingGroup.objects.filter(group__user=user).order_by("name")
    ]


def _groups(user: User) -> list[str]:
    return list(user.groups.order_by("name").values_list("name", flat=True))


def _email_addresses(user: User) -> list[dict]:
    return list(
        EmailAddress.objects.filter(user=user)
        .order_by("email")
        .values("email", "verified", "primary")
    )


def _authenticators(user: User) -> list[dict]:
    # the type and dates only: secrets and recovery codes never leave the database
    return list(
        Authenticator.objects.filter(user=user)
        .order_by("created_at")
        .values("type", "created_at", "last_used_at")
    )


def _own_addresses(user: User) -> set[str]:
    addresses = {user.email.lower()}
    others = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    addresses |= {email.lower() for email in others}
    return addresses


def _invitations(user: User) -> list[dict]:
    invitations = Invitation.objects.filter(
        Q(accepted_by=user) | Q(email__in=_own_addresses(user))
    ).select_related("organisation")
    # the token's hash is a secret of the link, not data about the person
    return [
        {
            "email": invitation.email,
            "organisation": invitation.organisation.name,
            "role": invitation.role,
            "created_at": invitation.created_at,
            "expires_at": invitation.expires_at,
            "accepted_at": invitation.accepted_at,
            "revoked_at": invitation.revoked_at,
        }
        for invitation in invitations.order_by("created_at")
    ]


def _access_requests(user: User) -> list[dict]:
    requests = AccessRequest.objects.filter(email__in=_own_addresses(user)).select_related(
        "organisation"
    )
    return [
        {
            "first_name": request.first_name,
            "last_name": request.last_name,
            "email": request.email,
            "organisation": request.organisation.name if request.organisation else None,
            "message": request.message,
            "status": request.status,
            "created_at": request.created_at,
            "decided_at": request.decided_at,
            "decline_reason": request.decline_reason,
        }
        for request in requests.order_by("created_at")
    ]


# sections that say "none" rather than disappear when empty
ALWAYS_EXPORTED = frozenset({"organisation"})

BUILT_IN_SECTIONS = {
    "profile": _profile,
    "organisation": _organisation,
    "roles": _roles,
    "working_groups": _working_groups,
    "groups": _groups,
    "email_addresses": _email_addresses,
    "mfa_authenticators": _authenticators,
    "invitations": _invitations,
    "access_requests": _access_requests,
}


def user_data_export(*, user: User) -> dict:
    """Everything ABH-Netz stores about ``user``, as a JSON-serialisable dict."""
    data: dict = {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now(),
    }
    for key, section in BUILT_IN_SECTIONS.items():
        value = section(user)
        if value is not None or key in ALWAYS_EXPORTED:
            data[key] = value
    for hook in hooks.get_hooks(USER_DATA_EXPORT_HOOK):
        result = hook(user)
        if result is None:
            continue
        key, value = result
        if key in data:
            raise ImproperlyConfigured(f"The user data export already has a section {key!r}.")
        data[key] = value
    return data


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete the account and the profile for good.

    What others need keeps existing without the person: announcements lose their author
    (``SET_NULL``, shown as "former member"), and so do Wagtail pages and revisions.
    """
    for hook in hooks.get_hooks(BEFORE_USER_DELETE_HOOK):
        hook(user)
    # how they came in holds their name and address: it goes with the account
    addresses = _own_addresses(user)
    for model in (AccessRequest, Invitation):
        model.objects.filter(email__in=addresses).delete()
    user.delete()

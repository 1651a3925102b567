"""Pure "may this person …" and "does this account …" checks of the accounts app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .roles import ONBOARDING_ROLES, Role, roles_for_organisation_kind

if TYPE_CHECKING:
    from abhnetz.organisations.models import Organisation


def profile_incomplete(user) -> bool:
    """The profile lacks the function or what colleagues may ask about (directory)."""
    if not user.function.strip():
        return True
    return not user.expertise_note.strip() and not user.expertise.exists()


def may_onboard(user) -> bool:
    """Coordinators and administrators invite people and decide access requests."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_role(*ONBOARDING_ROLES))
    )


def invitable_roles(user, organisation: Organisation | None = None) -> list[Role]:
    """The roles ``user`` may hand out (into ``organisation``, when given).

    Only administrators make administrators, and a role must fit the organisation's
    kind (``roles.roles_for_organisation_kind``).
    """
    if not may_onboard(user):
        return []
    if user.is_superuser or user.has_role(Role.ADMINISTRATOR):
        roles = list(Role)
    else:
        roles = [role for role in Role if role != Role.ADMINISTRATOR]
    if organisation is not None:
        fitting = roles_for_organisation_kind(organisation.kind)
        roles = [role for role in roles if role in fitting]
    return roles

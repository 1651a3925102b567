"""Who may do what with key figures: pure checks, no writes.

Which offices a reader sees *by name* is decided here, from the reader's roles and
organisation (the keys the shell's audience rule reads) and each office's sharing
choice. Everything that shows a named figure (table, chart, export) asks
``named_offices``, and the search stores ``roles_seeing_named`` as an office's keys;
an office outside them appears only inside network totals.
"""

from abhnetz.accounts.roles import Role
from abhnetz.audiences.rules import NETWORK_ROLES, OFFICE_ROLES
from abhnetz.organisations.models import OrganisationKind

from .models import Sharing

# The coordination sees every office by name (the issue: "the coordinator sees all").
FIGURE_OVERSEER_ROLES = frozenset({Role.COORDINATOR})
# Offices need this many contributions before a network total or median is shown,
# so a total is never one office's number in disguise (docs/decisions/0033).
MIN_OFFICES_FOR_TOTALS = 3


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_active", False) and user.pk)


def may_enter_figures(user, organisation) -> bool:
    """Office staff of ``organisation`` (an office), and nobody else, enter its figures."""
    if not _active(user) or organisation is None:
        return False
    # only offices report service-point figures
    if organisation.kind != OrganisationKind.OFFICE:
        return False
    # their own office only
    if user.organisation_id != organisation.pk:
        return False
    # and only as office staff (not a partner who moved, not the board)
    return user.has_role(Role.OFFICE_STAFF)


def may_set_sharing(user, organisation) -> bool:
    """The office decides its sharing itself: the staff who enter its figures."""
    return may_enter_figures(user, organisation)


def may_oversee_figures(user) -> bool:
    """The coordination sees all offices by name and which months are missing."""
    return _active(user) and bool(user.role_slugs & FIGURE_OVERSEER_ROLES)


def roles_seeing_named(sharing: str) -> frozenset:
    """The roles that see an office's figures by name under ``sharing``, beside the
    office's own people; the search stores these as a document's keys (indexers.py)."""
    # the coordination sees all
    roles = set(FIGURE_OVERSEER_ROLES)
    # shared by name with the network: every network role (not the advisory board alone)
    if sharing == Sharing.NETWORK:
        roles |= set(NETWORK_ROLES)
    # shared by name with offices: office staff and the coordination
    elif sharing == Sharing.OFFICES:
        roles |= set(OFFICE_ROLES)
    # anonymous (or no choice stored): nobody else
    return frozenset(roles)


def may_see_named(user, organisation_id: int, sharing: str) -> bool:
    """Whether ``user`` may see the office's figures next to its name."""
    if not _active(user):
        return False
    # an office always sees its own figures
    if user.organisation_id == organisation_id:
        return True
    # the roles its choice admits
    return bool(user.role_slugs & roles_seeing_named(sharing))


def named_offices(user, sharing_by_office: dict[int, str]) -> set[int]:
    """The ids of the offices in ``sharing_by_office`` whose named figures ``user`` sees."""
    return {
        organisation_id
        for organisation_id, sharing in sharing_by_office.items()
        if may_see_named(user, organisation_id, sharing)
    }

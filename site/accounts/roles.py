"""The roles of ABH-Netz. Each role is a Django group (architecture.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from abhnetz.organisations.models import OrganisationKind


class Role(models.TextChoices):
    OFFICE_STAFF = "office_staff", _("Office staff")
    PARTNER_STAFF = "partner_staff", _("Partner agency staff")
    ADVISORY_BOARD = "advisory_board", _("Advisory board member")
    COORDINATOR = "coordinator", _("Network coordinator")
    MODERATOR = "moderator", _("Moderator")
    ADMINISTRATOR = "administrator", _("Administrator")


# Group names as they appear in the Wagtail admin; the slug in RoleGroup is what code uses.
ROLE_GROUP_NAMES = {
    Role.OFFICE_STAFF: "Rolle: Mitarbeitende Ausländerbehörde",
    Role.PARTNER_STAFF: "Rolle: Mitarbeitende Partnerbehörde",
    Role.ADVISORY_BOARD: "Rolle: Integrationsbeirat",
    Role.COORDINATOR: "Rolle: Netzwerkkoordination",
    Role.MODERATOR: "Rolle: Moderation",
    Role.ADMINISTRATOR: "Rolle: Administration",
}

# Every role set of the project lives here (architecture.md, "Permissions as pure
# checks"); tests/security/test_code_rules.py refuses one elsewhere.

# Who "the whole network" is: every role but the advisory board, which is added only
# when the author ticks the board flag (abhnetz.audiences).
NETWORK_ROLES = (
    Role.OFFICE_STAFF,
    Role.PARTNER_STAFF,
    Role.COORDINATOR,
    Role.MODERATOR,
    Role.ADMINISTRATOR,
)
# "Offices only": staff of the Ausländerbehörden and the coordinators; no partners,
# no advisory board (domain.md).
OFFICE_ROLES = (Role.OFFICE_STAFF, Role.COORDINATOR)
# Roles that make someone more than an advisory board member: all but the board's.
NON_BOARD_ROLES = NETWORK_ROLES
# Roles that edit and remove announcements they can see (moderation).
ANNOUNCEMENT_MODERATOR_ROLES = frozenset({Role.COORDINATOR, Role.MODERATOR})
# Roles that see every guide due for review.
REVIEW_LIST_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})
# Roles that approve, besides the coordination, content restricted to organisations or
# working groups that admits them (docs/decisions/0019).
RESTRICTED_CONTENT_APPROVER_ROLES = frozenset({Role.MODERATOR})

# Roles that may write announcements.
ANNOUNCEMENT_AUTHOR_ROLES = frozenset({Role.COORDINATOR, Role.OFFICE_STAFF, Role.ADMINISTRATOR})
# Roles that may invite people and decide access requests.
ONBOARDING_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})
# Roles that moderate the forum (threads they may read) and read its moderation log.
FORUM_MODERATOR_ROLES = frozenset({Role.MODERATOR, Role.COORDINATOR})
# Roles that invite to events, run date polls and see participant lists.
EVENT_COORDINATOR_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})

# Roles that must have a second factor before they reach the admin: every role of a
# privileged set above (moderation, approval, onboarding, events, reviews), so a role
# that gains a privilege gains the requirement (docs/decisions/0021). Office staff reach
# the admin too, to write their guides, and are not privileged.
MFA_REQUIRED_ROLES = (
    ANNOUNCEMENT_MODERATOR_ROLES
    | REVIEW_LIST_ROLES
    | RESTRICTED_CONTENT_APPROVER_ROLES
    | ONBOARDING_ROLES
    | FORUM_MODERATOR_ROLES
    | EVENT_COORDINATOR_ROLES
    | {Role.ADMINISTRATOR}
)

# Which roles fit which kind of organisation: a Jobcenter's staff never get the offices'
# role (it opens offices-only content), and the board only its own (docs/decisions/0022).
# Coordination sits at ministries, consultancies or a lead office; moderation at offices.
PARTNER_KINDS = frozenset(
    {
        OrganisationKind.INTEGRATION_OFFICE,
        OrganisationKind.JOBCENTER,
        OrganisationKind.YOUTH_OFFICE,
        OrganisationKind.SOCIAL_OFFICE,
        OrganisationKind.HOUSING_OFFICE,
    }
)
ROLES_BY_ORGANISATION_KIND = {
    OrganisationKind.OFFICE: frozenset(
        {Role.OFFICE_STAFF, Role.MODERATOR, Role.COORDINATOR, Role.ADMINISTRATOR}
    ),
    **{kind: frozenset({Role.PARTNER_STAFF}) for kind in PARTNER_KINDS},
    OrganisationKind.ADVISORY_BOARD: frozenset({Role.ADVISORY_BOARD}),
    OrganisationKind.MINISTRY: frozenset({Role.COORDINATOR, Role.ADMINISTRATOR}),
    OrganisationKind.CONSULTANCY: frozenset({Role.COORDINATOR, Role.ADMINISTRATOR}),
}


def roles_for_organisation_kind(kind: str) -> list[Role]:
    """The roles a member of an organisation of ``kind`` may hold, in the roles' order."""
    fitting = ROLES_BY_ORGANISATION_KIND.get(kind, frozenset())
    return [role for role in Role if role in fitting]

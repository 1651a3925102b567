"""The roles of ABH-Netz. Each role is a Django group (architecture.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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

# Roles that must have a second factor before they reach the admin.
MFA_REQUIRED_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})
# Roles that may write announcements.
ANNOUNCEMENT_AUTHOR_ROLES = frozenset({Role.COORDINATOR, Role.OFFICE_STAFF, Role.ADMINISTRATOR})
# Roles that may invite people and decide access requests.
ONBOARDING_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})

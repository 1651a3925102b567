"""Who may do what with minutes' action items: pure checks, no writes."""

from abhnetz.accounts.models import User
from abhnetz.accounts.roles import Role

from .models import ActionItem


def may_complete_action_item(user: User, item: ActionItem) -> bool:
    """The owner, a member of the owning organisation, or a coordinator.

    Says nothing about visibility: callers have already fetched the item through the
    audience rule (the services check it again).
    """
    if not getattr(user, "is_active", False):
        return False
    # the person who took it on ...
    if item.owner_person_id and item.owner_person_id == user.pk:
        return True
    # ... anyone of the organisation that took it on ...
    if item.owner_organisation_id and item.owner_organisation_id == user.organisation_id:
        return True
    # ... and the coordinators, who keep the network's list tidy
    return user.has_role(Role.COORDINATOR)

"""Writes of action item status. Views call these; they check permission themselves."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from abhnetz.accounts.models import User
from abhnetz.accounts.roles import Role
from abhnetz.audiences.rules import can_view

from .models import ActionItem, ActionItemCompletion


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


def _check(item: ActionItem, by: User) -> None:
    if not (item.page.live and can_view(by, item.page) and may_complete_action_item(by, item)):
        raise PermissionDenied(_("You may not change the status of this action item."))


@transaction.atomic
def action_item_complete(*, item: ActionItem, by: User) -> ActionItemCompletion:
    """Mark ``item`` done; marking it again keeps the first completion."""
    _check(item, by)
    completion, _created = ActionItemCompletion.objects.get_or_create(
        item_uuid=item.uuid, defaults={"done_by": by, "done_at": timezone.now()}
    )
    return completion


@transaction.atomic
def action_item_reopen(*, item: ActionItem, by: User) -> None:
    """Mark ``item`` open again (e.g. after a click on the wrong row)."""
    _check(item, by)
    ActionItemCompletion.objects.filter(item_uuid=item.uuid).delete()

"""Writes of action item status. Views call these; they check permission themselves."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from abhnetz.accounts.models import User
from abhnetz.audiences.rules import can_view

from .models import ActionItem, ActionItemCompletion
from .permissions import may_complete_action_item


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

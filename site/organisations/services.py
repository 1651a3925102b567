"""Writes of organisations and working groups."""

from collections.abc import Iterable

from django.db import transaction

from .models import WorkingGroup


@transaction.atomic
def working_group_set_members(*, working_group: WorkingGroup, members: Iterable) -> None:
    """Make ``members`` the active members of the working group.

    Membership *is* the working group's Django group (architecture.md), so this is what
    opens the group's content to a person. Deactivated accounts keep their membership:
    they are not offered in the form, and reactivating them should not lose it.
    """
    group = working_group.group
    wanted = {user.pk for user in members}
    current = set(group.user_set.filter(is_active=True).values_list("pk", flat=True))
    if removed := current - wanted:
        group.user_set.remove(*removed)
    if added := wanted - current:
        group.user_set.add(*added)

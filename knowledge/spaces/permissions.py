"""Who may do what in working-group spaces: pure checks, no writes.

Services, selectors, views and the dashboard import them from here
(docs/decisions/0013-working-group-spaces.md):

- anyone signed in may ask to join an active or paused group they are not in, once at
  a time; advisory board members (who hold no other role) only the advisory board's
  groups; nobody may ask to join a closed group;
- the group's coordinator (``wg.coordinator``) and every network coordinator decide;
- members may leave.
"""

from abhnetz.accounts.roles import NON_BOARD_ROLES, Role
from abhnetz.audiences.rules import reader_keys
from abhnetz.organisations.models import WorkingGroup, WorkingGroupStatus

from .models import JoinRequest


def is_network_coordinator(user) -> bool:
    return bool(getattr(user, "is_active", False)) and user.has_role(Role.COORDINATOR)


def is_member(user, working_group: WorkingGroup) -> bool:
    return working_group.group_id in reader_keys(user)


def board_may_not_join(user, working_group: WorkingGroup) -> bool:
    """Advisory board members join only the advisory board's groups."""
    if not getattr(user, "is_active", False) or working_group.is_advisory_board:
        return False
    # they read only what is shared with the board: other groups' spaces are office work
    return user.has_role(Role.ADVISORY_BOARD) and not user.has_role(*NON_BOARD_ROLES)


def may_ask_to_join(user, working_group: WorkingGroup) -> bool:
    # signed in and active ...
    if not getattr(user, "is_active", False):
        return False
    # ... not yet a member ...
    if is_member(user, working_group):
        return False
    # ... the group still works ...
    if working_group.status == WorkingGroupStatus.CLOSED:
        return False
    # ... the board rule ...
    if board_may_not_join(user, working_group):
        return False
    # ... and no request of theirs is waiting already
    return not JoinRequest.objects.pending().filter(user=user, working_group=working_group).exists()


def may_decide(user, working_group: WorkingGroup) -> bool:
    if not getattr(user, "is_active", False):
        return False
    # the group's own coordinator, or the network's coordination
    return working_group.coordinator_id == user.pk or is_network_coordinator(user)


def may_decide_any(user) -> bool:
    if not getattr(user, "is_active", False):
        return False
    return is_network_coordinator(user) or user.coordinated_working_groups.exists()

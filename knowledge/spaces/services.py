"""Writes of working-group membership. Views call these; they check permission themselves.

Membership *is* the working group's Django group (architecture.md): adding a person to
``wg.group`` opens the group's content to them on their next request (reader keys).

Who may do what (docs/decisions/0013-working-group-spaces.md):
- anyone signed in may ask to join an active or paused group they are not in, once at
  a time; advisory board members (who hold no other role) only the advisory board's
  groups; nobody may ask to join a closed group;
- the group's coordinator (``wg.coordinator``) and every network coordinator decide;
- members may leave.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from abhnetz.accounts.models import User
from abhnetz.accounts.roles import Role
from abhnetz.audiences.rules import forget_reader_keys, reader_keys
from abhnetz.notifications.services import notify
from abhnetz.organisations.models import WorkingGroup, WorkingGroupStatus

from .models import JoinRequest, JoinRequestStatus
from .notification_kinds import JOIN_REQUEST_DECIDED, JOIN_REQUEST_WAITS

# Roles that make someone more than an advisory board member.
NON_BOARD_ROLES = (
    Role.OFFICE_STAFF,
    Role.PARTNER_STAFF,
    Role.COORDINATOR,
    Role.MODERATOR,
    Role.ADMINISTRATOR,
)


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


def _space_path(working_group: WorkingGroup, route: str | None = None) -> str:
    """The path of the group's space (or of one of its routes); the start page without one."""
    from .models import WorkingGroupPage

    space = WorkingGroupPage.objects.live().filter(working_group=working_group).first()
    if space is None:
        return "/"
    parts = space.get_url_parts()
    path = parts[2] if parts else "/"
    return path + space.reverse_subpage(route).lstrip("/") if route else path


def _deciders_to_tell(working_group: WorkingGroup):
    coordinator = working_group.coordinator
    if coordinator is not None and coordinator.is_active:
        return [coordinator]
    # no coordinator of its own: the network's coordination decides
    return User.objects.filter(is_active=True, groups__role__slug=Role.COORDINATOR)


@transaction.atomic
def join_request_submit(*, user: User, working_group: WorkingGroup, message: str) -> JoinRequest:
    """``user`` asks to join; the deciders are told (a notification)."""
    if not may_ask_to_join(user, working_group):
        raise PermissionDenied(_("You cannot ask to join this working group."))
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Please say in a sentence why you want to join.")})
    join_request = JoinRequest.objects.create(
        user=user, working_group=working_group, message=message
    )
    link = _space_path(working_group, "join_requests")
    notify(
        kind=JOIN_REQUEST_WAITS,
        target=join_request,
        recipients=_deciders_to_tell(working_group),
        actor=user,
        link=link,
    )
    return join_request


def _decide(*, join_request: JoinRequest, by: User, status: str) -> JoinRequest:
    # lock the row: two coordinators deciding at once must not both act
    join_request = (
        JoinRequest.objects.select_for_update()
        .select_related("user", "working_group")
        .get(pk=join_request.pk)
    )
    if not may_decide(by, join_request.working_group):
        raise PermissionDenied(_("You may not decide on requests to join this working group."))
    if join_request.status != JoinRequestStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    join_request.status = status
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    return join_request


@transaction.atomic
def join_request_approve(*, join_request: JoinRequest, by: User) -> JoinRequest:
    """Approve: the person joins the group at once and is told by e-mail."""
    join_request = _decide(join_request=join_request, by=by, status=JoinRequestStatus.APPROVED)
    join_request.working_group.group.user_set.add(join_request.user)
    forget_reader_keys(join_request.user)
    link = _space_path(join_request.working_group)
    notify(
        kind=JOIN_REQUEST_DECIDED,
        target=join_request,
        recipients=[join_request.user],
        actor=by,
        data={"approved": True},
        link=link,
    )
    return join_request


@transaction.atomic
def join_request_decline(*, join_request: JoinRequest, by: User) -> JoinRequest:
    """Decline: nothing changes but the request; the person is told by e-mail."""
    join_request = _decide(join_request=join_request, by=by, status=JoinRequestStatus.DECLINED)
    link = _space_path(join_request.working_group)
    notify(
        kind=JOIN_REQUEST_DECIDED,
        target=join_request,
        recipients=[join_request.user],
        actor=by,
        data={"approved": False},
        link=link,
    )
    return join_request


@transaction.atomic
def membership_leave(*, user: User, working_group: WorkingGroup) -> None:
    """``user`` leaves the group; what is shared only with it closes to them at once."""
    if not is_member(user, working_group):
        raise PermissionDenied(_("You are not a member of this working group."))
    working_group.group.user_set.remove(user)
    forget_reader_keys(user)

"""Writes of working-group membership. Views call these; they check permission themselves.

Membership *is* the working group's Django group (architecture.md): adding a person to
``wg.group`` opens the group's content to them on their next request (reader keys).

Who may do what: ``permissions`` (pure checks, docs/decisions/0013-working-group-spaces.md).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from abhnetz.accounts.models import User
from abhnetz.accounts.roles import Role
from abhnetz.audiences.rules import forget_reader_keys
from abhnetz.notifications.services import notify
from abhnetz.organisations.models import WorkingGroup

from .models import JoinRequest, JoinRequestStatus
from .notification_kinds import JOIN_REQUEST_DECIDED, JOIN_REQUEST_WAITS
from .permissions import is_member, may_ask_to_join, may_decide


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

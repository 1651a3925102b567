"""The spaces' part of the dashboard: join requests to decide, the reader's working groups."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from abhnetz.core.dashboard import INBOX_DECIDE, DashboardSection, InboxEntry, inbox_section
from abhnetz.organisations.models import WorkingGroup

from . import permissions
from .models import WorkingGroupIndexPage, WorkingGroupPage
from .selectors import decidable_requests


def join_request_entries(user) -> list[InboxEntry]:
    """Pending requests ``user`` may decide (their groups, or all for the coordination)."""
    if not permissions.may_decide_any(user):
        return []
    index = WorkingGroupIndexPage.objects.live().first()
    if index is None:
        return []
    count = decidable_requests(user).count()
    label = ngettext(
        "%(count)s request to join a working group is open",
        "%(count)s requests to join a working group are open",
        count,
    ) % {"count": count}
    url = index.url + index.reverse_subpage("join_requests")
    return [InboxEntry("join_requests", label, count, url)]


def my_working_groups(request) -> DashboardSection:
    """The reader's working groups, each linking to its space (when it has a live one)."""
    user = request.user
    spaces = {
        space.working_group_id: space
        for space in WorkingGroupPage.objects.live()
        .filter(working_group__group__user=user)
        .only("working_group_id", "url_path", "path", "depth")
    }
    groups = WorkingGroup.objects.filter(group__user=user).order_by("name")
    items = [
        {"name": group.name, "url": spaces[group.pk].get_url(request) if group.pk in spaces else ""}
        for group in groups
    ]
    return DashboardSection(
        key="working_groups",
        title=_("My working groups"),
        template="spaces/includes/dashboard_working_groups.html",
        context={"groups": items},
        empty_text=_("You are not a member of a working group yet."),
    )


def dashboard_sections(request) -> list:
    return [
        inbox_section(INBOX_DECIDE, join_request_entries(request.user)),
        my_working_groups(request),
    ]

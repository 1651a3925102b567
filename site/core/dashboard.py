"""The personal dashboard. Apps add their sections through a Wagtail hook.

A hook ``abhnetz_dashboard_section`` returns a ``DashboardSection`` for the request
(or None). Sections that no app fills yet show a helpful empty state, so the
dashboard's layout is stable as apps arrive.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from abhnetz.announcements.models import Announcement


@dataclass
class DashboardSection:
    key: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    empty_text: str = ""
    more_url: str = ""


EMPTY_SECTIONS = (
    ("guides", _("Latest guides"), _("No guides have been published for you yet.")),
    ("events", _("Upcoming events"), _("No upcoming events yet.")),
    ("questions", _("Open questions"), _("No open questions. Ask the network yours in the forum.")),
)


def dashboard_context(request) -> dict:
    user = request.user
    announcements = list(Announcement.objects.visible_to(user).for_listing()[:5])
    provided = {}
    for hook in hooks.get_hooks("abhnetz_dashboard_section"):
        section = hook(request)
        if section is not None:
            provided[section.key] = section
    sections = [
        provided.get(key)
        or DashboardSection(key=key, title=title, template="", empty_text=empty_text)
        for key, title, empty_text in EMPTY_SECTIONS
    ]
    working_groups = list(
        user.groups.filter(working_group__isnull=False)
        .select_related("working_group")
        .order_by("name")
    )
    return {
        "announcements": announcements,
        "sections": sections,
        "my_working_groups": [group.working_group for group in working_groups],
    }

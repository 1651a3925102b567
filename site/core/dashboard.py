"""The personal dashboard. Apps add their sections through Wagtail hooks (core/hooks.py).

``DASHBOARD_SLOT`` hooks declare the dashboard's places (``DashboardSlot``: key,
heading, empty state, order); ``DASHBOARD_SECTION`` hooks are called as ``fn(request)``
and return a ``DashboardSection``, a list of them, or None, shown in the slot of their
key. Slots that no app fills show their empty state, so the dashboard's layout is
stable as apps arrive.

The work inbox is made of two such sections, ``inbox_decide`` (what waits for a
coordinator's decision) and ``inbox_mine`` (the reader's own open work). Several apps
contribute to each: sections with the same key are merged, their ``entries`` (one
``InboxEntry`` each: a count already narrowed by the audience rule, a label and a
link) joined in hook order. "Waiting for your decision" appears only when an app gave
an entry (coordinators); "Your open work" always, saying so when nothing waits.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks

from abhnetz.announcements.models import Announcement
from abhnetz.audiences.rules import authored_by, visible_to_groups
from abhnetz.core import fragments
from abhnetz.core import hooks as shell_hooks

DASHBOARD_SECTION_HOOK = shell_hooks.DASHBOARD_SECTION
DASHBOARD_SLOT_HOOK = shell_hooks.DASHBOARD_SLOT
INBOX_DECIDE = "inbox_decide"
INBOX_MINE = "inbox_mine"
INBOX_TEMPLATE = "core/includes/dashboard_inbox.html"


@dataclass
class InboxEntry:
    """One line of the work inbox: "3 guides wait for approval", with where to act."""

    key: str  # for tests and data-testid: "approvals", "access_requests" …
    label: str  # the whole sentence, count included (ngettext)
    count: int
    url: str
    # a few of the waiting things themselves, each as (title, url)
    items: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class DashboardSlot:
    """A place on the dashboard, shown with its empty state until a section fills it."""

    key: str
    title: str
    empty_text: str
    # top to bottom, lowest first (guides 10, events 20, questions 30)
    order: int = 100


@dataclass
class DashboardSection:
    key: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    empty_text: str = ""
    more_url: str = ""
    entries: list[InboxEntry] = field(default_factory=list)


def inbox_section(
    key: str, entries: list[InboxEntry], *, keep_empty: bool = False
) -> DashboardSection | None:
    """A part of the work inbox (``INBOX_DECIDE`` or ``INBOX_MINE``); None without entries."""
    if not entries and not keep_empty:
        return None
    titles = {INBOX_DECIDE: _("Waiting for your decision"), INBOX_MINE: _("Your open work")}
    return DashboardSection(
        key=key,
        title=titles[key],
        template=INBOX_TEMPLATE,
        entries=list(entries),
        empty_text=_("Nothing is waiting for you."),
    )


# The inbox first (what needs doing), then what is new.
INBOX_KEYS = (INBOX_DECIDE, INBOX_MINE)
# Sections with a fixed place of their own, not in a slot.
FIXED_KEYS = (*INBOX_KEYS, "working_groups")


def dashboard_slots() -> list[DashboardSlot]:
    """The registered slots, one per key (the last registration wins), in their order."""
    slots: dict[str, DashboardSlot] = {}
    for fn in hooks.get_hooks(DASHBOARD_SLOT_HOOK):
        slot = fn()
        if slot is not None:
            slots[slot.key] = slot
    return sorted(slots.values(), key=lambda slot: slot.order)


def access_request_entries(user) -> list[InboxEntry]:
    """The shell's own part of the inbox: access requests, for those who decide them."""
    from abhnetz.accounts.models import AccessRequest, AccessRequestStatus
    from abhnetz.accounts.permissions import may_onboard

    if not may_onboard(user):
        return []
    count = AccessRequest.objects.filter(status=AccessRequestStatus.PENDING).count()
    label = ngettext(
        "%(count)s access request is open",
        "%(count)s access requests are open",
        count,
    ) % {"count": count}
    return [InboxEntry("access_requests", label, count, reverse("access_request_list"))]


def _provided_sections(request) -> dict[str, DashboardSection]:
    provided: dict[str, DashboardSection] = {}
    for hook in hooks.get_hooks(DASHBOARD_SECTION_HOOK):
        result = hook(request)
        for section in result if isinstance(result, list | tuple) else [result]:
            if section is None:
                continue
            if section.key in provided:
                # several apps fill one section (the inbox): their entries are joined
                provided[section.key].entries.extend(section.entries)
            else:
                provided[section.key] = section
    return provided


DASHBOARD_ANNOUNCEMENTS = 5


def _announcement_items(announcements) -> list[dict]:
    return [
        {"title": a.title, "url": a.get_absolute_url(), "published_at": a.published_at}
        for a in announcements[:DASHBOARD_ANNOUNCEMENTS]
    ]


def latest_announcements(user) -> list[dict]:
    """The newest announcements for ``user``: those their groups open (shared by
    everyone with those groups, abhnetz.core.fragments) and their own."""
    shared = fragments.for_audience(
        "announcements",
        user,
        lambda keys: _announcement_items(visible_to_groups(keys, Announcement.objects.all())),
    )
    own = _announcement_items(authored_by(user, Announcement.objects.all()))
    return fragments.with_own(shared, own, newest="published_at", limit=DASHBOARD_ANNOUNCEMENTS)


def dashboard_context(request) -> dict:
    """The dashboard, kept for the person until something changes (its sections see the
    request only for its user); what is new is built from lists shared by audience
    (abhnetz.core.fragments)."""
    return fragments.for_person("dashboard", request.user, lambda: _sections_context(request))


def _sections_context(request) -> dict:
    user = request.user
    provided = _provided_sections(request)
    decide = access_request_entries(user)
    if decide:
        if INBOX_DECIDE in provided:
            provided[INBOX_DECIDE].entries[:0] = decide
        else:
            provided[INBOX_DECIDE] = inbox_section(INBOX_DECIDE, decide)
    # everyone has open work, or is told that nothing waits; deciding is for some only
    provided.setdefault(INBOX_MINE, inbox_section(INBOX_MINE, [], keep_empty=True))
    inbox = [provided[key] for key in INBOX_KEYS if key in provided]
    slots = dashboard_slots()
    sections = [
        provided.get(slot.key)
        or DashboardSection(key=slot.key, title=slot.title, template="", empty_text=slot.empty_text)
        for slot in slots
    ]
    # a section of an app that declared no slot for it still shows, after the slots
    slotted = {slot.key for slot in slots} | set(FIXED_KEYS)
    sections += [section for key, section in provided.items() if key not in slotted]
    # "My working groups": an app (the spaces) may provide it with links to the spaces
    working_groups_section = provided.get("working_groups")
    working_groups = []
    if working_groups_section is None:
        working_groups = list(
            user.groups.filter(working_group__isnull=False)
            .select_related("working_group")
            .order_by("name")
        )
    return {
        "announcements": latest_announcements(user),
        "inbox": inbox,
        "sections": sections,
        "working_groups_section": working_groups_section,
        "my_working_groups": [group.working_group for group in working_groups],
    }

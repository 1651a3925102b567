"""The guides' lines of the work inbox (abhnetz.core.dashboard), each through the audience rule.

For the network coordination: submissions waiting for approval and guides past their
review date. For everyone who writes: their own guides due for review and their drafts.
"""

from django.db.models import Count, Window
from django.urls import reverse
from django.utils.translation import ngettext

from abhnetz.core.dashboard import INBOX_DECIDE, INBOX_MINE, InboxEntry, inbox_section

from .permissions import may_approve_guides, may_see_review_list
from .selectors import (
    approvals_waiting_for,
    drafts_of,
    guides_due_for_review,
    overdue_guides,
)

# How many of the reader's own waiting pages the inbox names.
SHOWN_ITEMS = 5


def _first_and_count(queryset) -> tuple[list, int]:
    """The first ``SHOWN_ITEMS`` rows and the total, in one query (a window count)."""
    first = list(queryset.annotate(total=Window(Count("pk")))[:SHOWN_ITEMS])
    return first, (first[0].total if first else 0)


def decide_entries(user) -> list[InboxEntry]:
    entries = []
    if may_approve_guides(user):
        count = approvals_waiting_for(user).count()
        label = ngettext(
            "%(count)s page waits for your approval",
            "%(count)s pages wait for your approval",
            count,
        ) % {"count": count}
        # the admin's dashboard lists them under "Awaiting your review"
        entries.append(InboxEntry("approvals", label, count, reverse("wagtailadmin_home")))
    if may_see_review_list(user):
        count = overdue_guides(user).count()
        label = ngettext(
            "%(count)s guide is overdue for review",
            "%(count)s guides are overdue for review",
            count,
        ) % {"count": count}
        entries.append(InboxEntry("overdue_reviews", label, count, reverse("guides:review_list")))
    return entries


def own_entries(request) -> list[InboxEntry]:
    user = request.user
    entries = []
    due, count = _first_and_count(guides_due_for_review(user).only("title", "url_path"))
    if count:
        label = ngettext(
            "%(count)s of your guides is due for review",
            "%(count)s of your guides are due for review",
            count,
        ) % {"count": count}
        items = [(guide.title, guide.get_url(request)) for guide in due]
        # the guides themselves are the links
        entries.append(InboxEntry("my_reviews", label, count, "", items))
    drafts, count = _first_and_count(drafts_of(user).only("title"))
    if count:
        label = ngettext(
            "%(count)s draft of yours is not published",
            "%(count)s drafts of yours are not published",
            count,
        ) % {"count": count}
        items = [
            (page.title, reverse("wagtailadmin_pages:edit", args=[page.pk])) for page in drafts
        ]
        # the admin's dashboard lists them under "Your most recent edits"
        entries.append(InboxEntry("my_drafts", label, count, reverse("wagtailadmin_home"), items))
    return entries


def inbox_sections(request) -> list:
    user = request.user
    return [
        inbox_section(INBOX_DECIDE, decide_entries(user)),
        inbox_section(INBOX_MINE, own_entries(request)),
    ]

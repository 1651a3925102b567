"""The minutes' line of the work inbox: the reader's own open action items."""

from django.urls import reverse
from django.utils.translation import ngettext

from abhnetz.core.dashboard import INBOX_MINE, InboxEntry, inbox_section

from .selectors import open_action_items


def inbox_sections(request):
    """Open action items the reader owns, of minutes they may read (one query)."""
    user = request.user
    count = open_action_items(user, owner=user).count()
    if not count:
        return None
    label = ngettext(
        "%(count)s open action item is yours",
        "%(count)s open action items are yours",
        count,
    ) % {"count": count}
    url = f"{reverse('minutes:action_items')}?meine=on"
    return inbox_section(INBOX_MINE, [InboxEntry("my_action_items", label, count, url)])

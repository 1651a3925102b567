"""Links to guides by title: ``[[Title]]`` in a post becomes a link to the live guide
of that title, when everyone who may read the post may read the guide.

Otherwise the text stays as typed: a reader outside the guide's audience learns nothing
from the link (not even that the guide exists). Resolved when the post is saved or
previewed; a thread moved later to a wider audience keeps its links (the guide itself
still answers through the audience rule).
"""

from __future__ import annotations

import re

from abhnetz.accounts.models import User
from abhnetz.audiences.rules import readers_of

GUIDE_LINK = re.compile(r"\[\[([^\[\]\n]{1,200})\]\]")
MAX_LINKS = 20  # titles looked up per post


def guide_links(body: str, *, target) -> str:
    """``body`` with each ``[[Title]]`` that may be linked for the readers of ``target``
    (a thread, a category, or a page for comments) as a Markdown link."""
    titles = list(dict.fromkeys(match.strip() for match in GUIDE_LINK.findall(body or "")))
    if not titles or target is None:
        return body
    from knowledge.guides.models import GuidePage

    everyone = readers_of(target, User.objects.all())
    links = {}
    for guide in GuidePage.objects.live().filter(title__in=titles[:MAX_LINKS]):
        outside = everyone.exclude(pk__in=readers_of(guide, User.objects.all()).values("pk"))
        if not outside.exists():
            links[guide.title] = guide.url

    def link(match: re.Match) -> str:
        title = match.group(1).strip()
        url = links.get(title)
        return f"[{title}](<{url}>)" if url else match.group(0)

    return GUIDE_LINK.sub(link, body)

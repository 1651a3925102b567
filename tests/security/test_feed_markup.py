"""Every Atom feed: text fields are declared text, HTML fields hold only sanitized HTML.

A feed reader renders ``type="html"`` as HTML. Each feed gets items whose title and
summary are the vectors below; the feed, parsed as XML, must declare every text
construct, and no field declared ``html`` may hold a tag, attribute or URL that runs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from abhnetz.announcements.services import announcement_create
from abhnetz.announcements.views import FEED_SALT as ANNOUNCEMENT_FEED_SALT
from abhnetz.audiences.models import Audience
from abhnetz.core.feeds import feed_token
from abhnetz.text import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from knowledge.feeds import TOPIC_FEED_SALT
from tests.factories import TopicFactory

ATOM = "{http://www.w3.org/2005/Atom}"
TEXT_CONSTRUCTS = {"title", "subtitle", "rights", "summary", "content"}

XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">klick</a>',
    '<a href="JaVaScRiPt:alert(1)">klick</a>',
    '<a href="java&#x09;script:alert(1)">klick</a>',
    '<a href=" javascript:alert(1)">klick</a>',
    '<a href="vbscript:msgbox(1)">klick</a>',
    '<a href="data:text/html,<script>alert(1)</script>">klick</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<![CDATA[<script>alert(1)</script>]]>",
    "]]><script>alert(1)</script>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "[klick](javascript:alert(1))",
    '<p title="</p><script>alert(1)</script>">x</p>',
]
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


class _Markup(HTMLParser):
    """The tags and attributes of an HTML fragment, as a browser's tokenizer sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def executable_parts(html: str) -> list[str]:
    """What in ``html`` could run in a reader that renders it: unknown tags, handlers, URLs."""
    parser = _Markup()
    parser.feed(html)
    parser.close()
    problems = []
    for tag, attrs in parser.tags:
        if tag not in ALLOWED_TAGS:
            problems.append(f"<{tag}>")
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}:
                problems.append(f"<{tag} {name}>")
            squeezed = "".join((value or "").split()).lower()
            if squeezed.startswith(DANGEROUS_SCHEMES):
                problems.append(f"<{tag} {name}={value}>")
    return problems


def check_feed(content: bytes) -> dict:
    """Parse the feed; fail on an undeclared text construct or executable HTML."""
    root = ET.fromstring(content)  # noqa: S314 - our own feed, parsed on purpose
    declared = {"text": 0, "html": 0}
    for element in root.iter():
        name = element.tag.removeprefix(ATOM)
        if name not in TEXT_CONSTRUCTS:
            continue
        kind = element.get("type")
        assert kind in ("text", "html"), f"<{name}> declares type={kind!r}"
        declared[kind] += 1
        if kind == "html":
            problems = executable_parts(element.text or "")
            assert not problems, f"<{name}> runs {problems}: {element.text!r}"
    return declared


@pytest.fixture
def topic(db):
    return TopicFactory(name="ServicePoint", slug="servicepoint")


def test_the_topic_feed_declares_its_plain_text_as_text(network, publish_page, topic):
    # given network pages whose titles (and so summaries) carry the vectors
    for vector in XSS_VECTORS:
        publish_page(vector, topics=[topic])
    token = feed_token(network.office_staff, salt=TOPIC_FEED_SALT)

    # when a feed reader fetches the topic's feed
    response = Client().get(reverse("knowledge:topic_feed", args=[topic.slug, token]))

    # then every field is declared text and keeps exactly what was typed
    assert response.status_code == 200
    assert check_feed(response.content)["html"] == 0
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    entries = list(root.iter(f"{ATOM}entry"))
    assert len(entries) == len(XSS_VECTORS)
    for entry in entries:
        title = entry.find(f"{ATOM}title").text
        assert title in XSS_VECTORS
        assert entry.find(f"{ATOM}summary").text == f"Worum es in {title} geht."


def test_the_announcement_feed_holds_only_sanitized_html(network):
    # given network-wide announcements whose titles and bodies are the vectors
    for vector in XSS_VECTORS:
        announcement_create(
            author=network.coordinator, title=vector[:200], body=vector, audience=Audience.network()
        )
    token = feed_token(network.office_staff, salt=ANNOUNCEMENT_FEED_SALT)

    # when a feed reader fetches the announcements feed
    response = Client().get(reverse("announcements:feed", args=[token]))

    # then titles are declared text and the bodies are HTML without anything that runs
    assert response.status_code == 200
    declared = check_feed(response.content)
    assert declared["html"] == len(XSS_VECTORS)
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    titles = [entry.find(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert {title.get("type") for title in titles} == {"text"}


def test_the_check_finds_what_a_naive_reader_would_run():
    # given Django's own Atom feed, which only XML-escapes a summary it marks html
    # when the corpus is checked as that feed would carry it
    caught = [vector for vector in XSS_VECTORS if executable_parts(vector)]

    # then the check sees most vectors as executable (it is not vacuous)
    assert len(caught) >= 20

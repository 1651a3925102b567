"""User text from a corpus of attack strings renders inert on every forum channel:
posts, titles, previews, mentions (names and addresses), e-mails, search snippets,
notifications, the dashboard.

"Inert" is checked on the parsed HTML, not by looking for strings: compared with the
same page showing harmless text, no element, event-handler attribute, style attribute
or htmx attribute is added, and no link or source points at a script URL.
"""

import html
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse

from abhnetz.accounts.roles import Role
from abhnetz.audiences.models import Audience
from abhnetz.notifications.models import Notification
from forums import services
from forums.models import Post, Thread, ThreadKind
from search import services as search_services
from tests.factories import UserFactory

VECTORS = [
    # script tags, obfuscated and broken up
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    '"><script>alert(1)</script>',
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    # event handlers
    "<img src=x onerror=alert(1)>",
    "'><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    '<a href="#" onmouseover="alert(1)">x</a>',
    # javascript:, vbscript: and data: URLs in links and images
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="&#1;javascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    # markdown link tricks: quotes breaking out of attributes, entities in the URL
    '![x](x" onerror="alert(1))',
    '[x](x" onmouseover="alert(1))',
    "[x](&#106;avascript:alert(1))",
    "[x](java&#x09;script:alert(1))",
    '[x](https://example.org "title\\" onmouseover=\\"alert(1))',
    "[x]: javascript:alert(1)\n\n[x]",
    # SVG and MathML
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    # style, frames, objects, forms, base, meta
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<link rel=stylesheet href=javascript:alert(1)>",
    # entity tricks (must stay text, never become tags)
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "&#x3C;svg onload=alert(1)&#x3E;",
    # htmx attributes would make the page fetch for the attacker
    '<a href="#" hx-get="/admin/" hx-trigger="load">x</a>',
    '<div data-hx-post="/forum/vorschau/" data-hx-trigger="load">x</div>',
    # mentions and template syntax
    "@<img src=x onerror=alert(1)>@adorf.example",
    "@office@adorf.example<script>alert(1)</script>",
    "[@office@adorf.example](javascript:alert(1))",
    "{{ request.user.password }} {% debug %}",
]

# elements and attributes user text must never add to a page
WATCHED_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
    "style", "link", "meta", "base", "form", "input", "button", "textarea", "select",
    "img", "video", "audio", "source", "details", "noscript", "template", "body", "title",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "srcdoc", "data", "poster",
    "background", "srcset", "content",
}  # fmt: skip
SCRIPT_URL = re.compile(r"^(javascript|vbscript|data|livescript):", re.I)
MARK = "Zqxmarke"


class Structure(HTMLParser):
    """What matters about a page for script: its watched elements and risky attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = Counter()
        self.risky = Counter()
        self.script_urls = []

    def handle_starttag(self, tag, attrs):
        if tag in WATCHED_TAGS:
            self.elements[tag] += 1
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.risky[name] += 1
            if name.startswith(("hx-", "data-hx-")):
                self.risky[name] += 1
            if name in URL_ATTRIBUTES and value:
                # what a browser would make of it: entities decoded, blanks and
                # control characters dropped
                url = re.sub(r"[\x00-\x20]", "", html.unescape(value))
                url = url.split("url=", 1)[-1] if name == "content" else url
                if SCRIPT_URL.match(url):
                    self.script_urls.append((tag, name, value))

    handle_startendtag = handle_starttag


def structure(page: str) -> Structure:
    parser = Structure()
    parser.feed(page)
    parser.close()
    return parser


def assert_inert(page: str, baseline: str, where: str) -> None:
    got, expected = structure(page), structure(baseline)
    assert got.script_urls == [], where
    assert got.elements == expected.elements, where
    assert got.risky == expected.risky, where


def marked(number: int, vector: str) -> str:
    return f"{MARK}{number} {vector}"


@pytest.fixture
def category(make_category):
    return make_category("Organisation & Abläufe", Audience.network())


def test_the_corpus_is_large_enough():
    assert len(VECTORS) >= 40
    assert len(set(VECTORS)) == len(VECTORS)


def test_posts_and_titles_render_inert_on_every_page(
    network, category, client_for, django_capture_on_commit_callbacks
):
    # given a harmless thread, and one thread per attack string (in title and text)
    asker, replier = network.office_staff, network.office_staff_b
    harmless = services.thread_create(
        author=asker, category=category, kind=ThreadKind.QUESTION, title=f"{MARK}0 Frage",
        body=f"{MARK}0 Text", topics=[],
    )  # fmt: skip
    answer = services.post_create(thread=harmless, author=replier, body=f"{MARK}0 Antwort")
    services.answer_accept(thread=harmless, post=answer, by=asker)
    threads = []
    for number, vector in enumerate(VECTORS, start=1):
        thread = services.thread_create(
            author=asker, category=category, kind=ThreadKind.QUESTION,
            title=marked(number, vector)[:200], body=marked(number, vector),
        )  # fmt: skip
        reply = services.post_create(thread=thread, author=replier, body=marked(number, vector))
        services.answer_accept(thread=thread, post=reply, by=asker)
        threads.append(thread)
    client = client_for(network.moderator)  # sees hidden text and history too
    baseline = client.get(harmless.get_absolute_url()).content.decode()
    # when each thread page is shown, then the text is there but does nothing
    for number, thread in enumerate(threads, start=1):
        page = client.get(thread.get_absolute_url()).content.decode()
        assert f"{MARK}{number}" in page
        assert_inert(page, baseline, f"thread page, vector {number}: {VECTORS[number - 1]!r}")
    # and the lists that show every title: compared with the same lists once every
    # title and text is made harmless (same rows, same states)
    lists = [
        reverse("forums:list"),
        reverse("forums:list") + "?filter=meine",
        reverse("forums:category", args=[category.slug]),
        reverse("forums:index"),
        "/",  # the dashboard's open questions
    ]
    hostile = {url: client.get(url).content.decode() for url in lists}
    neutralise()
    for url in lists:
        assert_inert(hostile[url], client.get(url).content.decode(), url)


def test_previews_render_inert(network, client_for):
    client = client_for(network.partner)
    baseline = client.post(reverse("forums:preview"), {"body": f"{MARK}0 harmlos"})
    baseline = baseline.content.decode()
    for number, vector in enumerate(VECTORS, start=1):
        response = client.post(reverse("forums:preview"), {"body": marked(number, vector)})
        page = response.content.decode()
        assert response.status_code == 200
        assert f"{MARK}{number}" in page
        assert_inert(page, baseline, f"preview, vector {number}: {vector!r}")


def test_names_in_mention_suggestions_and_mentions_render_inert(network, category, client_for):
    # given people whose names are attack strings (the directory shows what they typed)
    people = [
        UserFactory(
            email=f"person{number}@adorf.example",
            first_name=vector[:150],
            last_name=f"{MARK}{number}",
            organisation=network.office_a,
            roles=[Role.OFFICE_STAFF],
        )
        for number, vector in enumerate(VECTORS, start=1)
    ]
    client = client_for(network.office_staff)
    scope = {"kategorie": category.slug}
    baseline = client.get(
        reverse("forums:mentions"), {"body": f"@{MARK}1", **scope}
    ).content.decode()
    for number, person in enumerate(people, start=1):
        where = f"mention suggestions, vector {number}: {VECTORS[number - 1]!r}"
        response = client.get(
            reverse("forums:mentions"), {"body": f"Hallo @{MARK}{number}", **scope}
        )
        page = response.content.decode()
        assert person.email in page, where
        assert_inert(page, baseline, where)
    # when they are mentioned and write, their names show on the thread page and in the inbox
    thread = services.thread_create(
        author=people[0], category=category, kind=ThreadKind.DISCUSSION, title=f"{MARK}0",
        body=" ".join(f"@{person.email}" for person in people),
    )  # fmt: skip
    for person in people[1:]:
        services.post_create(thread=thread, author=person, body=f"@{network.office_staff.email}")
    reader = client_for(people[1])
    hostile_page = reader.get(thread.get_absolute_url()).content.decode()
    hostile_inbox = reader.get(reverse("notifications:inbox")).content.decode()
    neutralise()
    where = "thread page and inbox with hostile names"
    assert_inert(hostile_page, reader.get(thread.get_absolute_url()).content.decode(), where)
    assert_inert(hostile_inbox, reader.get(reverse("notifications:inbox")).content.decode(), where)


def neutralise():
    """Make every title, text, name and notification text harmless (for the baseline)."""
    from abhnetz.accounts.models import User

    Thread.objects.update(title=f"{MARK}0 Frage")
    Post.objects.update(body=f"{MARK}0 Text", body_html=f"<p>{MARK}0 Text</p>")
    User.objects.update(first_name="Harmlos")
    for notification in Notification.objects.all():
        notification.data = {**notification.data, "comment": f"{MARK}0 Text"}
        notification.save(update_fields=["data"])


def test_notifications_and_mails_render_inert(
    network, category, client_for, django_capture_on_commit_callbacks
):
    # given the asker follows their threads; replies with attack strings arrive
    asker = network.office_staff
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for number, vector in enumerate(VECTORS, start=1):
            thread = services.thread_create(
                author=asker, category=category, kind=ThreadKind.QUESTION,
                title=marked(number, vector)[:200], body=f"{MARK}{number}",
            )  # fmt: skip
            services.post_create(thread=thread, author=network.partner, body=marked(number, vector))
    # then the inbox lists them all and runs nothing
    assert Notification.objects.filter(recipient=asker).count() >= len(VECTORS)
    client = client_for(asker)
    inbox = client.get(reverse("notifications:inbox")).content.decode()
    assert f"{MARK}" in inbox
    # and the mails are plain text (a mail client shows, never runs, them), with any
    # HTML part inert and no header broken by the title
    mails = [message for message in mail.outbox if asker.email in message.to]
    assert len(mails) >= len(VECTORS)
    for message in mails:
        assert message.content_subtype == "plain"
        assert "\n" not in message.subject
        for content, mimetype in getattr(message, "alternatives", []):
            assert mimetype != "text/html" or not structure(content).elements["script"]
    neutralise()
    assert_inert(inbox, client.get(reverse("notifications:inbox")).content.decode(), "inbox")


def test_search_snippets_and_suggestions_render_inert(
    network, category, client_for, django_capture_on_commit_callbacks
):
    # given solved questions whose title, question and accepted answer are attack strings
    asker = network.office_staff
    with django_capture_on_commit_callbacks(execute=True):
        harmless = services.thread_create(
            author=asker, category=category, kind=ThreadKind.QUESTION,
            title=f"{MARK}0 Suchfrage", body=f"{MARK}0 Suchfrage",
        )  # fmt: skip
        reply = services.post_create(
            thread=harmless, author=network.partner, body=f"Suchfrage {MARK}0 Suchfrage"
        )
        services.answer_accept(thread=harmless, post=reply, by=asker)
        for number, vector in enumerate(VECTORS, start=1):
            thread = services.thread_create(
                author=asker, category=category, kind=ThreadKind.QUESTION,
                title=f"Suchfrage {marked(number, vector)}"[:200],
                body=f"Suchfrage {marked(number, vector)}",
            )  # fmt: skip
            reply = services.post_create(
                thread=thread, author=network.partner, body=f"Suchfrage {marked(number, vector)}"
            )
            services.answer_accept(thread=thread, post=reply, by=asker)
    client = client_for(network.office_staff_b)
    baseline = client.get(reverse("search:index"), {"q": f"{MARK}0"}).content.decode()
    similar_baseline = client.get(reverse("forums:similar"), {"title": f"{MARK}0 Suchfrage"})
    similar_baseline = similar_baseline.content.decode()
    for number, vector in enumerate(VECTORS, start=1):
        where = f"search, vector {number}: {vector!r}"
        term = f"{MARK}{number}"
        assert any(
            term in hit.title for hit in search_services.search(network.office_staff_b, term).hits
        ), where
        page = client.get(reverse("search:index"), {"q": term}).content.decode()
        assert term in page, where
        assert_inert(page, baseline, where)
        similar = client.get(reverse("forums:similar"), {"title": f"{term} Suchfrage"})
        assert_inert(similar.content.decode(), similar_baseline, "similar, " + where)

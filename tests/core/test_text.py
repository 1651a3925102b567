from html.parser import HTMLParser

import pytest

from abhnetz.text import plain_text, render_markdown, sanitize_html


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[klick](javascript:alert(1))",
        "[klick](vbscript:msgbox)",
        "![bild](data:text/html;base64,PHNjcmlwdD4=)",
        '<a href="https://example.org" onclick="alert(1)">x</a>',
        "<iframe src=//evil.example></iframe>",
    ],
)
def test_markdown_never_lets_active_content_through(markdown):
    # escaped text is harmless; what matters is which elements and attributes come out
    elements = Elements()
    elements.feed(render_markdown(markdown))
    assert elements.tags <= {"p", "a"}
    for name, value in elements.attributes:
        assert not name.startswith("on")
        if name == "href":
            assert value.startswith(("http:", "https:", "mailto:"))


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend(attrs)


def test_markdown_renders_the_usual_formatting():
    html = render_markdown("# Titel\n\n**fett**, *kursiv*, https://example.org\n\n1. eins\n2. zwei")
    assert "<h2>Titel</h2>" in html  # the page title is the only h1
    assert "<strong>fett</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">' in html
    assert "<ol>" in html


def test_sanitize_keeps_allowed_and_drops_the_rest():
    assert sanitize_html('<p style="color:red">Text</p>') == "<p>Text</p>"
    assert sanitize_html("<table><tr><td>1</td></tr></table>").startswith("<table>")


def test_plain_text_strips_markup():
    assert plain_text("**Öffnungszeiten** ab _Montag_") == "Öffnungszeiten ab Montag"


def _plain_text_with_linkify(markdown: str) -> str:
    """plain_text as it was before its fast path: always through the linkify parser."""
    import nh3

    from abhnetz import text

    return nh3.clean(text._markdown().render(markdown), tags=set()).strip()


# Words that linkify may turn into links, with and without Markdown around or inside them
LINKISH = [
    "https://example.de/Pfad", "HTTPS://EXAMPLE.DE", "www.bamf.de", "Www.Example.De",
    "info@abh.example", "mailto:x@y.de", "ftp://a.de/x", "münchen.de", "http://münchen.de/ä",
    "https://a.de/%C3%A4", "https://xn--mnchen-3ya.de", "https://XN--MNCHEN-3YA.DE",
    "https://a.de/&amp;", "&lt;https://a.de&gt;", "&amp;", "https://a.de/_x_",
    "https://a.de/*x*", "*https://a.de*", "_https://a.de_", "~~https://a.de~~",
    "https://a.de/`x`", "https://a.de/[x]", "https://a.de/<x>", "https://a.de/\\_x",
    "a\\@b.de", "(https://a.de)", "https://a.de/x)", "<https://a.de>", "<info@a.de>",
    "[https://a.de](https://b.de)", "![Bild](x.png)", "https://user:pw@a.de:8080/x?y=1#z",
    "http://192.168.0.1/x", "https://a.de.", "a.de:80", "z.B.", "18.04.2026", "10:30",
    "**fett**", "_kursiv_", "`code https://a.de`", "- Liste", "1. eins", "> Zitat",
    "    eingerückt https://a.de", "|a|b|\n|-|-|\n|https://a.de|x|", "## Titel", "§ 16a",
    "<b>roh</b>", "E-Akte", "\n\n", "*", "_", "~~", "`",
]  # fmt: skip


def test_plain_text_equals_the_linkify_rendering_for_any_mix_of_links_and_markup():
    import random

    rng = random.Random(15)
    for _ in range(3000):
        separator = rng.choice([" ", "", "\n"])
        markdown = separator.join(rng.choice(LINKISH) for _ in range(rng.randint(1, 8)))
        assert plain_text(markdown) == _plain_text_with_linkify(markdown), markdown


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # linkify shows a link's percent-escapes and punycode host decoded
        ("siehe https://a.de/%C3%A4", "siehe https://a.de/ä"),
        ("https://xn--mnchen-3ya.de", "https://münchen.de"),
        # and leaves Markdown characters inside an address as they are
        ("https://a.de/_x_ und _y_", "https://a.de/_x_ und y"),
    ],
)
def test_plain_text_keeps_what_linkify_does_to_an_address(markdown, expected):
    assert plain_text(markdown) == expected


def test_ordinary_text_skips_the_linkify_parser(monkeypatch):
    # issue #15: the index turns 300,000 forum posts into plain text; linkify's pretest
    # was most of that time, and text without a word it changes needs none of it
    from abhnetz import text

    def linkify_parser():
        raise AssertionError("the linkify parser was used")

    monkeypatch.setattr(text, "_markdown", linkify_parser)
    body = "**Fiktionsbescheinigung** beantragen: www.bamf.de oder info@abh.example, z.B. 18.04."
    expected = "Fiktionsbescheinigung beantragen: www.bamf.de oder info@abh.example, z.B. 18.04."
    assert plain_text(body) == expected

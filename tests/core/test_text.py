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

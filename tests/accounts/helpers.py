"""Helpers for account tests: links in e-mails, the basic accessibility of our pages."""

import re
from html import escape
from html.parser import HTMLParser

from django.utils.translation import gettext


def link_in(message, path_prefix: str) -> str:
    """The first absolute link in an e-mail whose path starts with ``path_prefix``."""
    match = re.search(rf"https?://[^/\s]+({re.escape(path_prefix)}\S*)", message.body)
    assert match, f"no link to {path_prefix} in:\n{message.body}"
    return match.group(1)


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1 = 0
        self.inline_styles = []
        self.inline_scripts = []
        self.in_script = False
        self.script_has_src = False
        self.labels = set()
        self.fields = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1 += 1
        if "style" in attrs or tag == "style":
            self.inline_styles.append(tag)
        if any(name.startswith("on") for name in attrs):
            self.inline_scripts.append(f"{tag} event handler")
        if tag == "script":
            self.in_script = True
            self.script_has_src = "src" in attrs
        if tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        if tag in {"input", "select", "textarea"} and attrs.get("type") not in {"hidden", "submit"}:
            self.fields.append(attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and not self.script_has_src and data.strip():
            self.inline_scripts.append(data.strip()[:40])


def assert_accessible_page(response) -> str:
    """What a page of ours must be: our frame, one h1, labelled fields, nothing inline (CSP)."""
    html = response.content.decode()
    assert 'class="site-header"' in html, "page does not extend base.html"
    parser = _PageParser()
    parser.feed(html)
    assert parser.h1 == 1, f"{parser.h1} h1 elements"
    assert not parser.inline_styles, f"inline styles: {parser.inline_styles}"
    assert not parser.inline_scripts, f"inline scripts: {parser.inline_scripts}"
    for field in parser.fields:
        labelled = field.get("id") in parser.labels or field.get("aria-label")
        # the site search in the header is labelled by a visually hidden label too
        assert labelled, f"field without label: {field}"
    return html


def text(msgid: str) -> str:
    """``msgid`` as the page shows it in the active language (tests pin German), HTML-escaped.

    Tests compare with the catalogue, not with English, so they keep passing once the
    German translations arrive.
    """
    return escape(gettext(msgid))

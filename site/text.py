"""User-written text: Markdown in, sanitized HTML out. The only place that does it.

markdown-it-py's ``js-default`` preset turns raw HTML off and rejects ``javascript:``
and similar links; nh3 then sanitizes against an allow-list all the same, so a bug
in one layer is not a hole.
"""

import re
from functools import cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "h5", "h6",
    "hr", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("js-default", {"linkify": True, "typographer": False}).enable(
        ["linkify", "table", "strikethrough"]
    )


def sanitize_html(html: str) -> SafeString:
    """Clean HTML from any source against the allow-list."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 just cleaned it


def render_markdown(text: str) -> SafeString:
    """Markdown written by a member, as HTML that is safe to show."""
    # Headings start at h2: the page's own title is the only h1.
    html = _markdown().render(text or "")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return sanitize_html(html)


@cache
def _markdown_without_links() -> MarkdownIt:
    return MarkdownIt("js-default", {"linkify": False, "typographer": False}).enable(
        ["table", "strikethrough"]
    )


# Linkify only wraps a bare address in <a>, leaving its text as typed, except inside a
# word that holds both an address character (. : @) and a Markdown or escape character
# (the link keeps "_x_", "&amp;", "%C3%A4" literally or decodes them; plain text would
# not) or a punycode host name (shown decoded). Text without such a word has the same
# plain text either way, and skipping linkify makes it about 3 x faster to index
# (issue #15: 300,000 forum posts; linkify's pretest is the slowest part).
_LINK_TEXT_MAY_DIFFER = re.compile(
    r"[.:@][^\s]*[\\*_~`\[\]<>&%!|]|[\\*_~`\[\]<>&%!|][^\s]*[.:@]|xn--", re.IGNORECASE
)


def plain_text(text: str) -> str:
    """The words of Markdown without markup, e.g. for feeds and search snippets."""
    text = text or ""
    markdown = _markdown() if _LINK_TEXT_MAY_DIFFER.search(text) else _markdown_without_links()
    return nh3.clean(markdown.render(text), tags=set()).strip()

"""User-written text: Markdown in, sanitized HTML out. The only place that does it.

markdown-it-py's ``js-default`` preset turns raw HTML off and rejects ``javascript:``
and similar links; nh3 then sanitizes against an allow-list all the same, so a bug
in one layer is not a hole.
"""

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


def plain_text(text: str) -> str:
    """The words of Markdown without markup, e.g. for feeds and search snippets."""
    return nh3.clean(_markdown().render(text or ""), tags=set()).strip()

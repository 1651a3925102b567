"""Template tags through which the shell lets other apps add to a page (core/hooks.py)."""

from django import template
from django.utils.safestring import mark_safe
from wagtail import hooks

from abhnetz.core import hooks as shell_hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def content_footer(context, page):
    """What apps show under a page that opts in (``comments_enabled``), e.g. its discussion."""
    request = context.get("request")
    if request is None or not getattr(page, "comments_enabled", False):
        return ""
    parts = [fn(request=request, page=page) for fn in hooks.get_hooks(shell_hooks.CONTENT_FOOTER)]
    # the hook's contract: each part is HTML its app rendered from an autoescaped template
    return mark_safe("".join(part for part in parts if part))  # noqa: S308

"""Breadcrumbs: one root name on every page ("Start"), separators from the stylesheet."""

from django import template

register = template.Library()

TEMPLATE = "includes/breadcrumbs.html"


@register.inclusion_tag(TEMPLATE)
def breadcrumbs(*trail, current=""):
    """Start › … › ``current``: ``{% breadcrumbs _("People") people_url current=person %}``.

    ``trail`` alternates labels and URLs of the pages between the start and this one.
    """
    pairs = zip(trail[::2], trail[1::2], strict=True)
    crumbs = [{"title": title, "url": url} for title, url in pairs]
    return {"crumbs": crumbs, "current": current}


@register.inclusion_tag(TEMPLATE, takes_context=True)
def page_breadcrumbs(context, page, current=""):
    """Start › the page's ancestors › the page (or, on a route of the page, › ``current``).

    The Wagtail root and the home page are left out: the home page is the fixed "Start".
    Ancestors are index and space pages, which every member may open.
    """
    request = context.get("request")
    crumbs = [
        {"title": ancestor.title, "url": ancestor.get_url(request)}
        for ancestor in list(page.get_ancestors())[2:]
    ]
    if current:
        crumbs.append({"title": page.title, "url": page.get_url(request)})
    return {"crumbs": crumbs, "current": current or page.title}

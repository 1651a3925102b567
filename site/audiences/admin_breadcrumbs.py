"""The admin's breadcrumbs name no ancestor outside the editor's audience.

A page the editor may read can sit below one they may not (a network-wide guide under
an office's own page). Wagtail's breadcrumbs (page editor and creator headers, the
explorer, the history and usage views, the page chooser and the move destination
chooser) list every ancestor by its title. Wagtail has no hook for them; they all come
from ``get_breadcrumbs_items_for_page``, which ``install()`` wraps where Wagtail looks it
up: an ancestor outside the audience becomes "Restricted area", without a link (its
address answers 404 anyway, admin_gate.py).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.permissions import page_permission_policy

from .admin_gate import narrow_pages

RESTRICTED_LABEL = _("Restricted area")


def _wrap(original):
    def breadcrumbs_items_for_page(page, user, *args, **kwargs):
        items = original(page, user, *args, **kwargs)
        if user.is_superuser or not items:
            return items
        include_self = kwargs.get("include_self", args[2] if len(args) > 2 else True)
        root = page_permission_policy.explorable_root_instance(user)
        # the very pages Wagtail made the items of, in the same (path) order
        pages = page.get_ancestors(inclusive=include_self).descendant_of(root, inclusive=True)
        page_ids = list(pages.values_list("pk", flat=True))
        readable = set(narrow_pages(user, pages).values_list("pk", flat=True))
        if len(page_ids) != len(items):
            return items  # not the list we know (a future Wagtail): leave it be
        return [
            item if page_id in readable else {"url": None, "label": RESTRICTED_LABEL}
            for page_id, item in zip(page_ids, items, strict=True)
        ]

    breadcrumbs_items_for_page.audience_narrowed = True
    return breadcrumbs_items_for_page


def install() -> None:
    """Put the narrowed breadcrumbs where Wagtail's views and template tags find them."""
    from wagtail.admin.templatetags import wagtailadmin_tags
    from wagtail.admin.views.pages import utils

    for module in (utils, wagtailadmin_tags):
        current = module.get_breadcrumbs_items_for_page
        if not getattr(current, "audience_narrowed", False):
            module.get_breadcrumbs_items_for_page = _wrap(current)

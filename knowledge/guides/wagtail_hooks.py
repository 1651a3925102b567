"""Guides in the Wagtail admin (person chooser, audience preview), the inbox, the demo."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks

from .choosers import person_chooser_viewset


@hooks.register("register_admin_viewset")
def register_person_chooser():
    return person_chooser_viewset


@hooks.register("insert_editor_js")
def audience_preview_js():
    """Shows "who will be able to read this" next to the audience fields of any page."""
    return format_html(
        '<script src="{}" data-preview-url="{}" defer></script>',
        static("guides/audience_preview.js"),
        reverse("audience_preview"),
    )


@hooks.register("abhnetz_dashboard_section")
def guides_inbox(request):
    """Approvals, overdue reviews, the reader's due guides and drafts (the work inbox)."""
    from .dashboard import inbox_sections

    return inbox_sections(request)


@hooks.register("abhnetz_seed_demo", order=20)
def seed_demo_guides(network):
    from .demo import seed_guides

    seed_guides(network)

"""Guides in the Wagtail admin: the person chooser, the audience preview, the demo guides."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks

from abhnetz.accounts.data_services import USER_DATA_EXPORT_HOOK, exports
from abhnetz.audiences.rules import visible_to

from .choosers import person_chooser_viewset
from .models import GuidePage


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


@hooks.register("abhnetz_seed_demo", order=20)
def seed_demo_guides(network):
    from .demo import seed_guides

    seed_guides(network)


@hooks.register(USER_DATA_EXPORT_HOOK)
@exports("guides.GuidePage.deputy")
def export_guides_as_deputy(user):
    """Guides a person stands in for (DSGVO); owned ones and versions are in "pages"."""
    # through the audience rule: a guide narrowed away from its deputy stays out
    guides = visible_to(user, GuidePage.objects.filter(deputy=user)).order_by("path")
    return (
        "guides_as_deputy",
        [
            {
                "title": guide.title,
                "live": guide.live,
                "review_due_on": guide.review_due_on,
                "last_reviewed_on": guide.last_reviewed_on,
            }
            for guide in guides
        ],
    )

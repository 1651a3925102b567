"""Guides in the Wagtail admin (person chooser, audience preview), the inbox, the demo,
and submissions nobody may approve."""

from django.contrib import messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
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


@hooks.register("abhnetz_dashboard_section")
def guides_inbox(request):
    """Approvals, overdue reviews, the reader's due guides and drafts (the work inbox)."""
    from .dashboard import inbox_sections

    return inbox_sections(request)


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


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def refuse_submission_without_approver(request, page):
    """A page that no approver may read is not left waiting for ever (decision 0019)."""
    from .workflow import workflow_cancel_without_approver

    if not workflow_cancel_without_approver(page=page, user=request.user):
        return None
    # Wagtail has queued "submitted for moderation": that is no longer true
    stored = messages.get_messages(request)
    kept = [message for message in stored if message.level != messages.SUCCESS]
    for message in kept:
        messages.add_message(request, message.level, message.message, message.extra_tags)
    messages.error(
        request,
        _(
            "“%(title)s” was saved but not submitted: nobody who may approve it, other than "
            "you, may read it. Widen its audience to the network coordination (for example "
            "“Foreign nationals offices only”) and submit it again."
        )
        % {"title": page.get_admin_display_title()},
    )
    return None


@hooks.register("before_create_page")
def refuse_direct_publishing_of_guides(request, parent_page, page_class):
    """A new guide is saved as a draft, not published: its approval publishes it.

    Editing offers no "Publish" (``GuidePermissionTester``); creating asks the parent
    page, which would let superusers publish a new guide of their own directly.
    """
    from .models import GuidePage

    if request.method != "POST" or "action-publish" not in request.POST:
        return None
    if not issubclass(page_class, GuidePage) or not parent_page.has_workflow:
        return None
    request.POST = request.POST.copy()
    del request.POST["action-publish"]
    messages.warning(
        request,
        _(
            "Guides are not published directly: “%(title)s” is kept as a draft. Submit it "
            "for approval; someone other than its author approves and publishes it."
        )
        % {"title": request.POST.get("title", "")},
    )
    return None

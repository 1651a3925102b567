from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from abhnetz.accounts.mfa import mfa_gate
from abhnetz.audiences.preview import preview_context
from abhnetz.audiences.rules import access_or_404
from abhnetz.core.feeds import SanitizedHtmlAtom1Feed, feed_reader, personal_feed_url
from abhnetz.core.pagination import paginate

from . import permissions, services
from .forms import AnnouncementForm
from .models import Announcement

FEED_SALT = "abhnetz.announcements.feed"


def announcement_list(request):
    announcements = Announcement.objects.visible_to(request.user).for_listing()
    return render(
        request,
        "announcements/announcement_list.html",
        {
            "page": paginate(request, announcements),
            "may_write": permissions.may_write_announcements(request.user),
            "feed_url": feed_url(request),
        },
    )


def announcement_detail(request, pk):
    announcement = access_or_404(request.user, Announcement.objects.for_listing(), pk=pk)
    return render(
        request,
        "announcements/announcement_detail.html",
        {
            "announcement": announcement,
            "may_edit": permissions.may_edit_announcement(request.user, announcement),
        },
    )


def announcement_create(request):
    if not permissions.may_write_announcements(request.user):
        raise PermissionDenied
    return _announcement_form(request, None)


def announcement_edit(request, pk):
    announcement = access_or_404(request.user, Announcement.objects.all(), pk=pk)
    if not permissions.may_edit_announcement(request.user, announcement):
        raise PermissionDenied
    if (response := _moderation_gate(request, announcement)) is not None:
        return response
    return _announcement_form(request, announcement)


def _moderation_gate(request, announcement: Announcement):
    """Changing someone else's announcement is moderation: it needs the second factor."""
    if permissions.is_moderation(request.user, announcement):
        return mfa_gate(request)
    return None


def _announcement_form(request, announcement: Announcement | None):
    """Writing and editing share one form; the preview button saves nothing."""
    form = AnnouncementForm(request.POST or None, instance=announcement)
    if request.method == "POST" and "preview" not in request.POST and form.is_valid():
        fields = {
            "title": form.cleaned_data["title"],
            "body": form.cleaned_data["body"],
            "audience": form.audience(),
        }
        if announcement is None:
            announcement = services.announcement_create(author=request.user, **fields)
            messages.success(request, _("The announcement was published."))
        else:
            services.announcement_update(announcement=announcement, by=request.user, **fields)
            messages.success(request, _("The announcement was saved."))
        return redirect(announcement)
    context = {"form": form, "announcement": announcement}
    if request.method == "POST" and "preview" in request.POST:
        # without JavaScript the preview button re-renders the form with the preview
        context["audience_preview"] = preview_context(request.POST)
    return render(request, "announcements/announcement_form.html", context)


def announcement_delete(request, pk):
    announcement = access_or_404(request.user, Announcement.objects.all(), pk=pk)
    if not permissions.may_edit_announcement(request.user, announcement):
        raise PermissionDenied
    if (response := _moderation_gate(request, announcement)) is not None:
        return response
    if request.method == "POST":
        services.announcement_delete(announcement=announcement, by=request.user)
        messages.success(request, _("The announcement was deleted."))
        return redirect("announcements:list")
    return render(
        request, "announcements/announcement_confirm_delete.html", {"announcement": announcement}
    )


def feed_url(request) -> str:
    """The reader's personal feed address: feed readers cannot log in."""
    return personal_feed_url(request, "announcements:feed", salt=FEED_SALT)


class AnnouncementFeed(Feed):
    """Atom feed of network-wide announcements the token's owner may read."""

    # the body is Markdown rendered to HTML; the title is plain text
    feed_type = SanitizedHtmlAtom1Feed
    title = gettext_lazy("ABH-Netz: announcements")
    subtitle = gettext_lazy("Announcements for the whole network")

    def get_object(self, request, token):
        return feed_reader(token, salt=FEED_SALT)

    def link(self, user):
        return reverse("announcements:list")

    def items(self, user):
        return Announcement.objects.visible_to(user).network_wide().select_related("author")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.body_html

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return str(item.author) if item.author else _("former member")


announcement_feed = login_not_required(AnnouncementFeed())

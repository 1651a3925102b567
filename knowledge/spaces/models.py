"""Working-group spaces (Teilprojektgruppen) and the toolkit (Werkzeugkoffer).

- ``WorkingGroupIndexPage`` (/wissen/arbeitsgruppen/) lists every group's space.
- ``WorkingGroupPage`` is one group's front door: every signed-in member of the network
  may read it (so that others can ask to join); what it gathers is filtered per reader.
  Knowledge pages created under it start with the group as their audience (see
  ``signal_handlers``).
- ``JoinRequest``: someone asks to join; the group's coordinator or a network
  coordinator decides (``services``).
- ``ToolkitPage`` (/wissen/werkzeugkoffer/) curates pages and documents into a path.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from abhnetz.core import limits
from abhnetz.core.models import SitePage
from knowledge.models import KnowledgePage

from .blocks import ToolkitSectionBlock


class MembersOnlyRoutablePage(RoutablePageMixin, SitePage):
    """A routable page of the spaces; every route (its index too) asks for a login.

    The login is asked by the one page gate (``abhnetz.audiences`` ``gate_pages``),
    which runs after Wagtail has routed to a sub-route.
    """

    class Meta:
        abstract = True


class WorkingGroupIndexPage(MembersOnlyRoutablePage):
    """/wissen/arbeitsgruppen/: all working groups with goal and status."""

    intro = models.TextField(_("introduction"), blank=True, max_length=limits.SHORT_TEXT)

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = ["spaces.WorkingGroupPage"]
    max_count = 1

    class Meta:
        verbose_name = _("working groups overview")

    def get_context(self, request, *args, **kwargs):
        from .selectors import space_overview

        context = super().get_context(request, *args, **kwargs)
        context["spaces"] = space_overview(request.user, self)
        context["requests_url"] = (
            self.url + self.reverse_subpage("join_requests")
            if _may_decide_any(request.user)
            else ""
        )
        return context

    @path("anfragen/", name="join_requests")
    def join_requests_route(self, request):
        from . import views

        return views.join_request_list(request, index=self)


def _may_decide_any(user) -> bool:
    from .permissions import may_decide_any

    return may_decide_any(user)


class WorkingGroupPage(MembersOnlyRoutablePage):
    """One working group's space: goal, status, members and the group's content."""

    working_group = models.OneToOneField(
        "organisations.WorkingGroup",
        verbose_name=_("working group"),
        # close a group instead of deleting it; delete its space first if you must
        on_delete=models.PROTECT,
        related_name="space_page",
    )

    content_panels = [*SitePage.content_panels, FieldPanel("working_group")]
    parent_page_types = ["spaces.WorkingGroupIndexPage"]

    class Meta:
        verbose_name = _("working-group space")

    @classmethod
    def clean_subpage_models(cls):
        """Any knowledge page type (guides, minutes …) may live in a space; not the toolkit.

        Computed rather than listed so that knowledge page types added later are
        allowed without touching this class. Their own ``parent_page_types`` must allow
        ``spaces.WorkingGroupPage`` (or be left open).
        """
        return [
            model
            for model in get_page_models()
            if issubclass(model, KnowledgePage) and not issubclass(model, ToolkitPage)
        ]

    def get_context(self, request, *args, **kwargs):
        from .selectors import space_context

        context = super().get_context(request, *args, **kwargs)
        context.update(space_context(request, self))
        context["join_url"] = self.route_url("join")
        context["leave_url"] = self.route_url("leave")
        context["requests_url"] = self.route_url("join_requests")
        from knowledge.guides.permissions import guide_add_url, may_create_guide

        # a guide written here starts visible to the group (decision 0013)
        context["create_guide_url"] = (
            guide_add_url(self) if may_create_guide(request.user, self) else ""
        )
        return context

    @path("beitreten/", name="join")
    def join_route(self, request):
        from . import views

        return views.join_request_create(request, space=self)

    @path("verlassen/", name="leave")
    def leave_route(self, request):
        from . import views

        return views.membership_leave(request, space=self)

    @path("anfragen/", name="join_requests")
    def join_requests_route(self, request):
        from . import views

        return views.join_request_list(request, space=self)

    @path("anfragen/<int:pk>/", name="join_request_decide")
    def join_request_decide_route(self, request, pk):
        from . import views

        return views.join_request_decide(request, space=self, pk=pk)

    def route_url(self, name: str, **kwargs) -> str:
        return self.url + self.reverse_subpage(name, kwargs=kwargs)


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    APPROVED = "approved", _("approved")
    DECLINED = "declined", _("declined")


class JoinRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=JoinRequestStatus.PENDING)

    def for_listing(self):
        return self.select_related("user__organisation", "working_group__space_page")


class JoinRequest(models.Model):
    """Someone asks to join a working group; its coordinator or a network coordinator decides."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="working_group_join_requests",
    )
    working_group = models.ForeignKey(
        "organisations.WorkingGroup",
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    message = models.TextField(_("message"), max_length=1000)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=JoinRequestStatus.choices,
        default=JoinRequestStatus.PENDING,
    )
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("request to join a working group")
        verbose_name_plural = _("requests to join a working group")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "working_group"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.working_group}"


class ToolkitPage(KnowledgePage):
    """/wissen/werkzeugkoffer/: a recommended path through guides and documents.

    Items the reader may not see are left out (``selectors.toolkit_sections``).
    """

    is_section = True

    sections = StreamField(
        [("section", ToolkitSectionBlock())], verbose_name=_("sections"), blank=True
    )

    content_panels = [*KnowledgePage.content_panels, FieldPanel("sections")]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("toolkit")

    def get_context(self, request, *args, **kwargs):
        from .selectors import toolkit_sections

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = toolkit_sections(request, self)
        return context

"""Practice guides (Praxisleitfäden) and what keeps them current.

A guide is a knowledge page with a body of practice blocks, an owner (Wagtail's page
owner) and a deputy who answer for it, and review dates. A guide whose review date has
passed says so on the page, is listed for the coordinators and its owner is reminded
(``manage.py send_review_reminders``); ``ReviewReminder`` remembers each reminder so
the command can run as often as cron likes.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import (
    AbstractGroupApprovalTask,
    PageManager,
    PagePermissionTester,
    PageQuerySet,
    TaskState,
)

from knowledge.models import KnowledgePage

from .blocks import GuideBodyBlock
from .panels import ApprovalPanel


class GuidePageQuerySet(PageQuerySet):
    def review_overdue(self, today=None):
        """Guides whose review date has passed (not yet narrowed to a reader)."""
        return self.filter(review_due_on__lt=today or timezone.localdate())


GuidePageManager = PageManager.from_queryset(GuidePageQuerySet)


class GuidePermissionTester(PagePermissionTester):
    def can_publish(self):
        # A guide under a workflow is published by its approval, by someone other than its
        # author: nobody publishes it directly, superusers neither (decision 0019).
        return super().can_publish() and not self.page.has_workflow


class GuidePage(RoutablePageMixin, KnowledgePage):
    """A practice guide: how an office does something, step by step, with its legal basis."""

    # the discussion under it comes from whichever app answers core/hooks.CONTENT_FOOTER
    comments_enabled = True

    body = StreamField(GuideBodyBlock(), verbose_name=_("content"), blank=True)
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deputy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Stands in for the owner and is reminded of the review as well."),
    )
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    review_due_on = models.DateField(
        _("review due on"),
        null=True,
        blank=True,
        help_text=_("When the guide must be checked again; the owner is reminded after it."),
    )

    objects = GuidePageManager()

    content_panels = [
        *KnowledgePage.content_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("deputy"), FieldPanel("last_reviewed_on"), FieldPanel("review_due_on")],
            heading=_("Responsibility and review"),
        ),
        ApprovalPanel(heading=_("Approval")),
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage", "spaces.WorkingGroupPage"]
    subpage_types: list[str] = []
    is_creatable = True
    template = "guides/guide_page.html"

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    def permissions_for_user(self, user):
        return GuidePermissionTester(user, self)

    @property
    def is_review_overdue(self) -> bool:
        return self.review_due_on is not None and self.review_due_on < timezone.localdate()

    def get_context(self, request, *args, **kwargs):
        from .documents import visible_document_ids
        from .workflow import approval_status

        context = super().get_context(request, *args, **kwargs)
        context["approval"] = approval_status(self)
        context["visible_document_ids"] = visible_document_ids(request.user, self.body)
        context["versions_url"] = self.subpage_url(request, "versions")
        return context

    def subpage_url(self, request, name: str) -> str:
        return self.get_url(request) + self.reverse_subpage(name)

    @path("versionen/", name="versions")
    def versions_route(self, request):
        from .views import guide_versions

        return guide_versions(request, self)

    @path("versionen/vergleich/", name="compare")
    def compare_route(self, request):
        from .views import guide_compare

        return guide_compare(request, self)


class ReviewReminder(models.Model):
    """That the owner of a guide was reminded of one review date (one reminder per date)."""

    guide = models.ForeignKey(GuidePage, on_delete=models.CASCADE, related_name="review_reminders")
    due_on = models.DateField(_("review due on"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(fields=["guide", "due_on"], name="one_reminder_per_due_date")
        ]

    def __str__(self) -> str:
        return f"{self.guide_id} {self.due_on}"


class GuideApprovalTask(AbstractGroupApprovalTask):
    """Approval by the chosen groups, limited by the audience rule and four eyes.

    Wagtail's group approval lets every member of the groups and every superuser act
    on every page. Here only those who may read the submitted page and did not write
    or submit it may (``permissions.may_approve``): they alone are offered the task,
    mailed, shown its preview and listed under "Awaiting your review". See
    docs/decisions/0019-guide-approval-four-eyes-and-audience.md.
    """

    class Meta:
        verbose_name = _("approval by readers other than the author")
        verbose_name_plural = _("approvals by readers other than the author")

    def _may_approve(self, obj, user) -> bool:
        from .permissions import may_approve

        return may_approve(user, task=self, page=obj)

    def user_can_access_editor(self, obj, user):
        return self._may_approve(obj, user)

    def locked_for_user(self, obj, user):
        return not self._may_approve(obj, user)

    def user_can_lock(self, obj, user):
        return self._may_approve(obj, user)

    def get_actions(self, obj, user):
        # Wagtail's list, without its own check (which admits only the groups)
        if not self._may_approve(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def on_action(self, task_state, user, action_name, **kwargs):
        # The admin hides the actions from others; this refuses them on the server too.
        from .permissions import may_approve

        page = task_state.workflow_state.content_object
        if not may_approve(user, task=self, page=page, task_state=task_state):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from .permissions import reviewable_task_states

        return reviewable_task_states(
            user, task=self, states=self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        )

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups who may read the page approve it; never its author "
            "or the person who submitted it."
        )

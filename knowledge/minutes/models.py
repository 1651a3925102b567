"""Minutes (Protokolle) of meetings, with their decisions and action items.

A ``MinutesPage`` is a knowledge page: it carries the knowledge page's audience, and
its decisions and action items are visible exactly to the readers of its live version.

Decisions and action items are inline children of the page. Wagtail rewrites such
children from the revision whenever a revision is published, so everything that
must outlive a publish is either part of the revision (a decision's number, an action
item's uuid, both assigned once) or stored outside the page (whether an action item
is done: ``ActionItemCompletion``, see docs/decisions/0012-action-item-status.md).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from abhnetz.core import limits
from abhnetz.text import render_markdown
from knowledge.models import KnowledgePage


class MeetingType(models.TextChoices):
    NETWORKING = "networking", _("Networking meeting of all offices at the ministry")
    WORKSHOP = "workshop", _("Working-group workshop")
    BILATERAL = "bilateral", _("Bilateral meeting")
    ADVISORY_BOARD = "advisory_board", _("Advisory board exchange")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


class MinutesPage(KnowledgePage):
    """The minutes of one meeting: when, where, who, what was discussed, decided and agreed."""

    # the discussion under it comes from whichever app answers core/hooks.CONTENT_FOOTER
    comments_enabled = True

    meeting_date = models.DateField(_("date of the meeting"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    meeting_type = models.CharField(
        _("type of meeting"), max_length=20, choices=MeetingType.choices
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Address or room. Leave empty for an online meeting."),
    )
    video_link = models.URLField(_("video conference link"), blank=True)
    participants = ParentalManyToManyField(
        "organisations.Organisation",
        verbose_name=_("participating organisations"),
        blank=True,
        related_name="+",
    )
    # Highest decision number ever given on this page, so a deleted decision's number
    # is never given to another one (citations stay true).
    last_decision_number = models.PositiveIntegerField(default=0, editable=False)

    content_panels = [
        *KnowledgePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("meeting_date"), FieldPanel("start_time"), FieldPanel("end_time")]
                ),
                FieldPanel("meeting_type"),
                FieldPanel("place"),
                FieldPanel("video_link"),
                FieldPanel("participants"),
            ],
            heading=_("Meeting"),
        ),
        InlinePanel("agenda_items", heading=_("Agenda"), label=_("agenda item")),
        InlinePanel("decisions", heading=_("Decisions"), label=_("decision")),
        InlinePanel("action_items", heading=_("Action items"), label=_("action item")),
    ]
    # in the knowledge base, or inside a working group's space
    parent_page_types = ["knowledge.KnowledgeIndexPage", "spaces.WorkingGroupPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        # the decisions register's order (newest meeting first) walks this and stops at
        # its page (issue #15); without it PostgreSQL sorted every visible decision
        indexes = [
            models.Index(
                models.F("meeting_date").desc(), "knowledgepage_ptr", name="minutes_meeting_order"
            )
        ]

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The meeting must end after it starts.")})
        if self.meeting_type and not (self.place or self.video_link):
            raise ValidationError(
                {"place": _("Give a place or a video conference link (or both).")}
            )

    def assign_decision_numbers(self) -> None:
        """Number new decisions once, after the highest number this page ever gave.

        Runs before the page or a revision is saved, so the number is in the revision
        and publishing it later keeps it.
        """
        decisions = list(self.decisions.all())
        highest = max([self.last_decision_number, *(d.number or 0 for d in decisions)])
        for decision in decisions:
            if not decision.number:
                highest += 1
                decision.number = highest
        self.last_decision_number = highest

    def save(self, *args, **kwargs):
        self.assign_decision_numbers()
        return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        self.assign_decision_numbers()
        return super().save_revision(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .selectors import minutes_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(minutes_detail(page=self, user=request.user))
        return context


class AgendaItem(Orderable):
    """One point of the agenda (Tagesordnungspunkt) with what was said about it."""

    page = ParentalKey(MinutesPage, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("title"), max_length=200)
    notes = models.TextField(
        _("notes"), blank=True, max_length=limits.BODY, help_text=_("Markdown.")
    )

    panels = [FieldPanel("title"), FieldPanel("notes")]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    @property
    def notes_html(self):
        return render_markdown(self.notes)


class Decision(Orderable):
    """A decision (Beschluss, Festlegung), citable as "Beschluss 3" at ``#beschluss-3``.

    ``number`` is given once (``MinutesPage.assign_decision_numbers``) and travels with
    the revision, so it survives editing, reordering and publishing.
    """

    page = ParentalKey(MinutesPage, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    text = models.TextField(_("text"), max_length=limits.TEXT, help_text=_("Markdown."))
    topic = models.ForeignKey(
        "topics.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("text"), FieldPanel("topic")]

    class Meta(Orderable.Meta):
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [
            models.Index(fields=["page", "number"], name="minutes_decision_number"),
            # a meeting's decisions in the register's order, read per meeting in turn
            models.Index(fields=["page", "sort_order", "id"], name="minutes_decision_order"),
        ]

    def __str__(self) -> str:
        return f"{self.page_id} #{self.number}"

    @property
    def anchor(self) -> str:
        return f"beschluss-{self.number}"

    @property
    def text_html(self):
        return render_markdown(self.text)


class ActionItem(Orderable):
    """An action item (Aufgabe): what, who, by when.

    Whether it is done is not stored here: publishing a revision rewrites this row
    from the revision. ``uuid`` is given once, travels with the revision and ties the
    item to its ``ActionItemCompletion``.
    """

    page = ParentalKey(MinutesPage, on_delete=models.CASCADE, related_name="action_items")
    uuid = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    title = models.CharField(_("what"), max_length=300)
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner (person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes_action_items",
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("owner (organisation)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("owner_person"), FieldPanel("owner_organisation")]),
        FieldPanel("due_date"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        # the open items' list walks this in order and stops at its page (issue #15):
        # without it PostgreSQL sorted every visible item first
        indexes = [models.Index(fields=["due_date"], name="minutes_action_item_due")]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if not self.owner_person_id and not self.owner_organisation_id:
            raise ValidationError(
                {"owner_person": _("Name a person or an organisation who takes this on.")}
            )


class ActionItemCompletion(models.Model):
    """That an action item is done, by whom and when; lives outside the page's revisions."""

    item_uuid = models.UUIDField(_("action item"), unique=True)
    done_at = models.DateTimeField(_("done at"), default=timezone.now)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("action item completion")
        verbose_name_plural = _("action item completions")

    def __str__(self) -> str:
        return f"{self.item_uuid} ({self.done_at:%Y-%m-%d})"

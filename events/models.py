"""Events under /termine/: meetings and workshops as Wagtail pages, and who comes.

An ``EventPage`` carries its audience like every page; RSVPs, invitations and feed
tokens have no audience of their own: they inherit the event's (docs/events.md).
Minutes are reached through Wagtail's ``Page`` (a chooser limited to
"minutes.MinutesPage"), never by importing knowledge (architecture.md).
"""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.models import Orderable

from abhnetz.audiences.models import AudienceMixin, PageAudienceMixin
from abhnetz.audiences.panels import AudiencePageForm, audience_panel
from abhnetz.core import limits
from abhnetz.core.models import SitePage


class EventKind(models.TextChoices):
    NETWORKING = "networking", _("Networking meeting")
    WORKSHOP = "workshop", _("Working-group workshop")
    TRAINING = "training", _("Training")
    VISIT = "visit", _("Site visit")
    ADVISORY_BOARD = "advisory_board", _("Advisory board session")
    BILATERAL = "bilateral", _("Bilateral meeting")


class EventIndexPage(SitePage):
    """/termine/: the upcoming events the reader may see, as a list or a month."""

    intro = models.TextField(_("introduction"), blank=True, max_length=limits.SHORT_TEXT)

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("calendar")

    def get_context(self, request, *args, **kwargs):
        from .views import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(request, self))
        return context


# What, when changed on a published event, tells those registered and raises SEQUENCE.
SCHEDULE_FIELDS = ("start", "end", "all_day", "place_address", "place_room", "video_link")


class EventPage(PageAudienceMixin, SitePage):
    """One meeting: when, where, for whom, its agenda, who comes, and its minutes."""

    # the discussion under it comes from whichever app answers core/hooks.CONTENT_FOOTER
    comments_enabled = True

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    series = models.CharField(
        _("series"),
        max_length=limits.TITLE,
        blank=True,
        help_text=_("E.g. “Vernetzungstreffen Baden-Württemberg”: the meetings of one network."),
    )
    summary = models.TextField(_("summary"), max_length=limits.SUMMARY, blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_("Only the dates count; the times are ignored."),
    )
    place_address = models.CharField(_("address"), max_length=limits.TITLE, blank=True)
    place_room = models.CharField(_("room"), max_length=limits.TITLE, blank=True)
    video_link = models.URLField(
        _("video call link"),
        blank=True,
        help_text=_("Shown only to invitees and registered participants."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organising organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    working_group = models.ForeignKey(
        "organisations.WorkingGroup",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topics = ParentalManyToManyField("topics.Topic", verbose_name=_("topics"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    minutes = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    # the invitation's identity and version (RFC 5545 UID and SEQUENCE); never edited,
    # and kept from the database row on save, so publishing an old revision never lowers it
    ical_uid = models.UUIDField(default=uuid.uuid4, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    base_form_class = AudiencePageForm
    content_panels = [
        *SitePage.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("series")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldRowPanel([FieldPanel("place_address"), FieldPanel("place_room")]),
                FieldPanel("video_link"),
            ],
            heading=_("When and where"),
        ),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("working_group")]),
        FieldPanel("topics"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
        InlinePanel("agenda_items", heading=_("Agenda"), label=_("agenda item")),
        PageChooserPanel("minutes", page_type="minutes.MinutesPage"),
        FieldPanel("cancelled"),
        audience_panel(),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["start"], name="events_event_start")]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event must end after it starts.")})
        if self.start and self.end and not self.all_day and self.end == self.start:
            raise ValidationError({"end": _("The event must end after it starts.")})
        if self.registration_deadline and self.start and self.registration_deadline > self.start:
            raise ValidationError(
                {"registration_deadline": _("The deadline must be before the event starts.")}
            )

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        partial = update_fields is not None and "start" not in update_fields
        if partial or self.pk is None:
            return super().save(*args, **kwargs)
        from .services import event_change_detect

        with transaction.atomic():
            change = event_change_detect(self)
            result = super().save(*args, **kwargs)
            change.after_save(self)
        return result

    def get_context(self, request, *args, **kwargs):
        from .views import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(request, self))
        return context

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.place_room, self.place_address) if part)


class EventAgendaItem(Orderable):
    """One point of an event's agenda: when, what, who speaks, documents to read."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="agenda_items")
    time = models.TimeField(_("time"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=limits.TITLE)
    speaker = models.CharField(_("speaker"), max_length=limits.TITLE, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("time"), FieldPanel("title")]),
        FieldPanel("speaker"),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class Answer(models.TextChoices):
    YES = "yes", _("Yes, I am coming")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No, I am not coming")


class Rsvp(models.Model):
    """One person's answer to one event, with the colleagues they bring.

    ``waitlisted_at`` is set while a Zusage waits for a seat (the order of the
    waitlist); a Zusage without it holds ``1 + colleagues`` seats.
    """

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="rsvps")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_rsvps"
    )
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)
    colleagues = models.PositiveSmallIntegerField(_("colleagues coming along"), default=0)
    waitlisted_at = models.DateTimeField(_("on the waitlist since"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="events_rsvp_once"),
            models.CheckConstraint(
                condition=models.Q(waitlisted_at__isnull=True) | models.Q(answer="yes"),
                name="events_rsvp_waitlist_is_yes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.event_id}: {self.answer}"

    @property
    def seats(self) -> int:
        return 1 + self.colleagues

    @property
    def is_registered(self) -> bool:
        return self.answer == Answer.YES and self.waitlisted_at is None

    @property
    def is_waitlisted(self) -> bool:
        return self.waitlisted_at is not None


class EventInvitation(models.Model):
    """Who was invited: an organisation, a working group or a person (one of them)."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE
    )
    working_group = models.ForeignKey(
        "organisations.WorkingGroup", null=True, blank=True, on_delete=models.CASCADE
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="event_invitations_sent",
    )
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False)
                    | models.Q(working_group__isnull=False)
                    | models.Q(person__isnull=False)
                ),
                name="events_invitation_names_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.organisation_id or self.working_group_id or self.person_id}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class FeedToken(models.Model):
    """A person's secret calendar feed address; deleting the row revokes it."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed address")
        verbose_name_plural = _("calendar feed addresses")

    def __str__(self) -> str:
        return f"{self.person_id} ({self.created_at:%Y-%m-%d})"


class DatePoll(AudienceMixin, ClusterableModel):
    """A date poll (Terminfindung): candidate slots, who can come, closed into an event.

    Its audience is its own (the offices, say); the invited organisations and working
    groups are who is asked. Answers inherit the poll's audience.
    """

    title = models.CharField(_("title"), max_length=limits.TITLE)
    description = models.TextField(_("description"), max_length=limits.SHORT_TEXT, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    series = models.CharField(_("series"), max_length=limits.TITLE, blank=True)
    place_address = models.CharField(_("address"), max_length=limits.TITLE, blank=True)
    invited_organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("organisations asked"),
        blank=True,
        related_name="+",
    )
    invited_working_groups = models.ManyToManyField(
        "organisations.WorkingGroup",
        verbose_name=_("working groups asked"),
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="event_polls_created",
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    event = models.ForeignKey(
        EventPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    audience_author_field = "created_by"

    class Meta:
        verbose_name = _("date poll")
        verbose_name_plural = _("date polls")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("events:poll", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class PollSlot(models.Model):
    poll = models.ForeignKey(DatePoll, on_delete=models.CASCADE, related_name="slots")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("proposed date")
        verbose_name_plural = _("proposed dates")

    def __str__(self) -> str:
        return f"{self.poll_id}: {self.start:%Y-%m-%d %H:%M}"


class PollChoice(models.TextChoices):
    YES = "yes", _("Yes")
    IF_NEEDED = "if_needed", _("If need be")
    NO = "no", _("No")


class PollResponse(models.Model):
    """One person's answers to a poll, with their comment."""

    poll = models.ForeignKey(DatePoll, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_poll_responses"
    )
    comment = models.TextField(_("comment"), max_length=limits.SHORT_TEXT, blank=True)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("poll answer")
        verbose_name_plural = _("poll answers")
        constraints = [
            models.UniqueConstraint(fields=["poll", "person"], name="events_poll_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.poll_id}"


class PollAnswer(models.Model):
    response = models.ForeignKey(PollResponse, on_delete=models.CASCADE, related_name="answers")
    slot = models.ForeignKey(PollSlot, on_delete=models.CASCADE, related_name="answers")
    choice = models.CharField(max_length=10, choices=PollChoice.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "slot"], name="events_poll_slot_once")
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.slot_id}: {self.choice}"

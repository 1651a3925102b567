"""Key figures: a schema of figure definitions and each office's values per month.

Versioning (docs/decisions/0032): a definition's ``key`` and ``kind`` never change
once values exist; a new figure starts at ``valid_from``, a dropped one ends at
``retired_from``. A month's form shows the definitions valid in that month, so
renaming (the label) or adding a figure never breaks a past month.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from abhnetz.organisations.models import Organisation


class FigureKind(models.TextChoices):
    COUNT = "count", pgettext_lazy("figure kind", "Count")
    HOURS = "hours", pgettext_lazy("figure kind", "Hours")
    MINUTES = "minutes", pgettext_lazy("figure kind", "Minutes")
    PERCENTAGE = "percentage", pgettext_lazy("figure kind", "Percentage")


class FigureCheck(models.TextChoices):
    """What the month's cross-checks treat a figure as."""

    NONE = "", _("No cross-check")
    VISITS = "visits", _("Total visits")
    CONCERN = "concern", _("Visits for one concern (part of the total)")
    WAITING = "waiting", _("Waiting time (needs visits)")


class FigureGroup(models.Model):
    """A heading of the form and filter of the comparison (Besuche nach Anliegen ...)."""

    key = models.SlugField(_("key"), max_length=50, unique=True)
    label = models.CharField(_("label"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("figure group")
        verbose_name_plural = _("figure groups")

    def __str__(self) -> str:
        return self.label


class FigureDefinitionQuerySet(models.QuerySet):
    def valid_in(self, month: datetime.date):
        """The definitions a form for ``month`` shows."""
        return self.filter(valid_from__lte=month).filter(
            models.Q(retired_from__isnull=True) | models.Q(retired_from__gt=month)
        )


class FigureDefinition(models.Model):
    """One figure of the schema; values point to it, so it is never deleted."""

    group = models.ForeignKey(
        FigureGroup, on_delete=models.PROTECT, related_name="definitions", verbose_name=_("group")
    )
    key = models.SlugField(
        _("key"),
        max_length=50,
        unique=True,
        help_text=_("Column name in the CSV files; cannot change once values exist."),
    )
    label = models.CharField(_("label"), max_length=120)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=FigureKind.choices)
    check_as = models.CharField(
        _("cross-check"), max_length=10, choices=FigureCheck.choices, blank=True, default=""
    )
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    valid_from = models.DateField(
        _("valid from"),
        default=datetime.date(2020, 1, 1),
        help_text=_("First month the figure is asked for (the day is ignored)."),
    )
    retired_from = models.DateField(
        _("retired from"),
        null=True,
        blank=True,
        help_text=_("First month the figure is no longer asked for; past values stay."),
    )

    objects = FigureDefinitionQuerySet.as_manager()

    class Meta:
        ordering = ["group__sort_order", "group_id", "sort_order", "pk"]
        verbose_name = _("figure definition")
        verbose_name_plural = _("figure definitions")

    def __str__(self) -> str:
        return self.label

    def clean(self):
        self.valid_from = self.valid_from.replace(day=1) if self.valid_from else self.valid_from
        if self.retired_from:
            self.retired_from = self.retired_from.replace(day=1)
            if self.valid_from and self.retired_from <= self.valid_from:
                raise ValidationError(
                    {"retired_from": _("A figure must be retired after it became valid.")}
                )
        if self.pk:
            stored = FigureDefinition.objects.filter(pk=self.pk).values("key", "kind").first()
            used = FigureValue.objects.filter(definition_id=self.pk).exists()
            if stored and used:
                # past months keep their meaning: a new meaning is a new figure
                if stored["key"] != self.key:
                    raise ValidationError(
                        {"key": _("Values exist for this figure: its key cannot change.")}
                    )
                if stored["kind"] != self.kind:
                    raise ValidationError(
                        {"kind": _("Values exist for this figure: its kind cannot change.")}
                    )


class Sharing(models.TextChoices):
    NETWORK = "network", _("By name to the whole network")
    OFFICES = "offices", _("By name to offices and the coordination only")
    ANONYMOUS = "anonymous", _("Only anonymously in the network totals")


class FigureSharing(models.Model):
    """An office's decision who sees its figures by name (none stored: anonymous)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="figure_sharing"
    )
    sharing = models.CharField(
        _("sharing"), max_length=10, choices=Sharing.choices, default=Sharing.ANONYMOUS
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("figure sharing")
        verbose_name_plural = _("figure sharing")


class MonthStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class FigureMonth(models.Model):
    """One office's figures for one month (``month`` is the first day)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="figure_months"
    )
    month = models.DateField(_("month"))
    status = models.CharField(max_length=10, choices=MonthStatus.choices, default=MonthStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "month"], name="figures_one_per_month")
        ]
        verbose_name = _("figure month")
        verbose_name_plural = _("figure months")

    @property
    def is_submitted(self) -> bool:
        return self.status == MonthStatus.SUBMITTED


class FigureValue(models.Model):
    """One number of a month; empty figures have no row."""

    figure_month = models.ForeignKey(FigureMonth, on_delete=models.CASCADE, related_name="values")
    definition = models.ForeignKey(
        FigureDefinition, on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["figure_month", "definition"], name="figures_one_value_per_figure"
            )
        ]


class FigureChange(models.Model):
    """A correction of a submitted month: who changed which figure from what to what."""

    figure_month = models.ForeignKey(FigureMonth, on_delete=models.CASCADE, related_name="changes")
    definition = models.ForeignKey(FigureDefinition, on_delete=models.PROTECT, related_name="+")
    old_value = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    new_value = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]


class FigureReminder(models.Model):
    """That an office was reminded of a month: the reminder goes out once per month."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "month"], name="figures_one_reminder")
        ]

    def __str__(self) -> str:
        from django.utils import dateformat

        return _("Key figures for %(month)s") % {"month": dateformat.format(self.month, "F Y")}

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return f"{reverse('figures:entry')}?monat={self.month:%Y-%m}"

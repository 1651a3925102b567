"""The date poll's forms: proposing dates, answering them, closing on one."""

import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from abhnetz.audiences.forms import AudienceFields
from abhnetz.core import limits
from abhnetz.organisations.models import Organisation, WorkingGroup

from .models import EventKind, PollChoice

# 18.04.2026 10:00–15:30, as people type it: a hyphen or "bis", 10.00 for 10:00
# (DIN 5008 allows both), "Uhr" after either time
SLOT_LINE = re.compile(
    r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*,?\s+"
    r"(\d{1,2})[:.](\d{2})(?:\s*Uhr)?\s*(?:[-–—]|bis)\s*(\d{1,2})[:.](\d{2})(?:\s*Uhr)?\s*$",
    re.IGNORECASE,
)
MAX_SLOTS = 20


def parse_slots(text: str) -> list[tuple[dt.datetime, dt.datetime]]:
    """One date per line, "18.04.2026 10:00–15:30", read in Europe/Berlin."""
    slots, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = SLOT_LINE.match(line)
        try:
            if not match:
                raise ValueError
            day, month, year, h1, m1, h2, m2 = (int(g) for g in match.groups())
            start = timezone.make_aware(dt.datetime(year, month, day, h1, m1))  # noqa: DTZ001
            end = timezone.make_aware(dt.datetime(year, month, day, h2, m2))  # noqa: DTZ001
            if end <= start:
                raise ValueError
        except ValueError:
            errors.append(
                _("Line %(number)s: write a date such as 18.04.2026 10:00–15:30.")
                % {"number": number}
            )
            continue
        slots.append((start, end))
    if errors:
        raise forms.ValidationError(errors)
    if not slots:
        raise forms.ValidationError(_("Propose at least one date."))
    if len(slots) > MAX_SLOTS:
        raise forms.ValidationError(_("At most %(limit)s dates.") % {"limit": MAX_SLOTS})
    return slots


class PollCreateForm(AudienceFields):
    title = forms.CharField(label=_("Title"), max_length=limits.TITLE)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    series = forms.CharField(label=_("Series"), max_length=limits.TITLE, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=limits.SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    place_address = forms.CharField(label=_("Place"), max_length=limits.TITLE, required=False)
    slots = forms.CharField(
        label=_("Proposed dates"),
        max_length=limits.SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line, such as 18.04.2026 10:00–15:30."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Ask these organisations"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    working_groups = forms.ModelMultipleChoiceField(
        label=_("Ask these working groups"),
        queryset=WorkingGroup.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_slots(self):
        return parse_slots(self.cleaned_data["slots"])

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("organisations") or cleaned.get("working_groups")):
            self.add_error("organisations", _("Ask at least one organisation or working group."))
        return cleaned


class PollAnswerForm(forms.Form):
    """One radio group per proposed date, and a comment."""

    comment = forms.CharField(
        label=_("Comment"),
        max_length=limits.SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, slots, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.slot_fields = []
        for slot in slots:
            name = f"slot_{slot.pk}"
            self.fields[name] = forms.ChoiceField(
                label=labels[slot.pk],
                choices=PollChoice.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please answer this date.")},
            )
            self.slot_fields.append(name)
        # the comment last
        self.order_fields([*self.slot_fields, "comment"])

    def choices(self) -> dict[int, str]:
        return {
            int(name.removeprefix("slot_")): self.cleaned_data[name] for name in self.slot_fields
        }

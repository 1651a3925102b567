"""The events' front-end forms: the answer, the calendar filters, the invitation."""

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from abhnetz.accounts.models import User
from abhnetz.audiences.rules import readers_of
from abhnetz.core import limits
from abhnetz.organisations.models import Organisation, WorkingGroup
from abhnetz.topics.models import Topic

from .models import Answer, EventKind
from .services import MAX_COLLEAGUES


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose an answer.")},
    )
    colleagues = forms.IntegerField(
        label=_("Colleagues from your office coming along"),
        min_value=0,
        max_value=MAX_COLLEAGUES,
        initial=0,
        required=False,
        help_text=_("Only with a Zusage. Each colleague takes a place."),
    )

    def clean_colleagues(self):
        return self.cleaned_data.get("colleagues") or 0


class EventFilterForm(forms.Form):
    # the choices with the columns an option shows: every organisation is a choice
    art = forms.ChoiceField(label=_("Kind"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.only("pk", "slug", "name").order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All organisations"),
    )
    gruppe = forms.ModelChoiceField(
        label=_("Working group"),
        queryset=WorkingGroup.objects.only("pk", "slug", "name").order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All working groups"),
    )
    thema = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.only("pk", "slug", "name").order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
    )
    meine = forms.BooleanField(label=_("Only my events"), required=False)
    monat = forms.RegexField(
        label=_("Month"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["art"].choices = [("", _("All kinds")), *EventKind.choices]

    def filters(self) -> dict:
        """The filters typed correctly (the others show their error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "kind": data.get("art") or "",
            "organisation": data.get("organisation"),
            "working_group": data.get("gruppe"),
            "topic": data.get("thema"),
            "mine": bool(data.get("meine")),
        }


class InviteForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    working_groups = forms.ModelMultipleChoiceField(
        label=_("Working groups"),
        queryset=WorkingGroup.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    people = forms.CharField(
        label=_("People"),
        required=False,
        max_length=limits.SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Their e-mail addresses, one per line or separated by commas."),
    )

    # a list that long is an organisation or a working group
    MAX_PEOPLE = 50

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event

    def clean_people(self) -> list[User]:
        addresses = list(dict.fromkeys(
            address.lower() for address in re.split(r"[\s,;]+", self.cleaned_data["people"])
            if address
        ))  # fmt: skip
        if not addresses:
            return []
        if len(addresses) > self.MAX_PEOPLE:
            raise forms.ValidationError(
                _("Please invite at most %(limit)s people by address; invite their "
                  "organisation or working group instead.") % {"limit": self.MAX_PEOPLE}
            )  # fmt: skip
        matches = Q()
        for address in addresses:
            matches |= Q(email__iexact=address)
        people = list(User.objects.filter(matches, is_active=True))
        known = {person.email.lower() for person in people}
        unknown = [address for address in addresses if address not in known]
        if unknown:
            raise forms.ValidationError(
                _("No member has these addresses: %(addresses)s")
                % {"addresses": ", ".join(unknown)}
            )
        if self.event is not None:
            readers = set(
                readers_of(
                    self.event, User.objects.filter(pk__in=[p.pk for p in people])
                ).values_list("pk", flat=True)
            )
            outside = [person.email for person in people if person.pk not in readers]
            if outside:
                raise forms.ValidationError(
                    _("These people may not see this event (its audience decides): "
                      "%(addresses)s") % {"addresses": ", ".join(outside)}
                )  # fmt: skip
        return people

    def clean(self):
        cleaned = super().clean()
        if "people" in self.errors:
            return cleaned
        if not (
            cleaned.get("organisations") or cleaned.get("working_groups") or cleaned.get("people")
        ):
            raise forms.ValidationError(
                _("Choose at least one organisation, working group or person.")
            )
        return cleaned

"""The events' front-end forms: the answer, the calendar filters, the invitation."""

from django import forms
from django.utils.translation import gettext_lazy as _

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
    art = forms.ChoiceField(label=_("Kind"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All organisations"),
    )
    gruppe = forms.ModelChoiceField(
        label=_("Working group"),
        queryset=WorkingGroup.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All working groups"),
    )
    thema = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.order_by("name"),
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

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("organisations") or cleaned.get("working_groups")):
            raise forms.ValidationError(_("Choose at least one organisation or working group."))
        return cleaned

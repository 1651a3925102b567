from django import forms
from django.utils.translation import gettext_lazy as _

from abhnetz.organisations.models import Organisation, WorkingGroup
from abhnetz.topics.forms import TopicFilterField

from .selectors import action_item_owners


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ActionItemFilterForm(forms.Form):
    """The open tasks' GET filter; an unknown value shows its error and filters nothing.

    The field names are the URL's parameters: German, like every list's filters.
    """

    verantwortlich = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        empty_label=_("All people"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.only("pk", "slug", "name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All organisations"),
    )
    arbeitsgruppe = forms.ModelChoiceField(
        label=_("Working group"),
        queryset=WorkingGroup.objects.only("pk", "slug", "name").order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All working groups"),
    )
    ueberfaellig = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # only people who own something this reader can see: no list of strangers
        self.fields["verantwortlich"].queryset = action_item_owners(user)

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            "owner": self.cleaned_data["verantwortlich"],
            "organisation": self.cleaned_data["organisation"],
            "working_group": self.cleaned_data["arbeitsgruppe"],
            "overdue_only": self.cleaned_data["ueberfaellig"],
        }


class DecisionFilterForm(forms.Form):
    """The decisions register's GET search; errors stand next to their fields."""

    q = forms.CharField(label=_("Text contains"), required=False, max_length=100)
    thema = TopicFilterField()
    von = forms.DateField(label=_("Meeting on or after"), required=False, widget=DateInput())
    bis = forms.DateField(label=_("Meeting on or before"), required=False, widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("von"), cleaned.get("bis")
        if date_from and date_to and date_from > date_to:
            self.add_error("bis", _("The end of the period must not be before its start."))
        return cleaned

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            "q": self.cleaned_data["q"].strip(),
            "topic": self.cleaned_data["thema"],
            "date_from": self.cleaned_data["von"],
            "date_to": self.cleaned_data["bis"],
        }

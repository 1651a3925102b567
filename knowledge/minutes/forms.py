from django import forms
from django.utils.translation import gettext_lazy as _

from abhnetz.core import limits
from abhnetz.organisations.models import Organisation, WorkingGroup
from abhnetz.topics.forms import TopicFilterField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ActionItemFilterForm(forms.Form):
    """The open tasks' GET filter; an unknown value shows its error and filters nothing.

    The field names are the URL's parameters: German, like every list's filters. The
    owner is typed, not chosen: a network has thousands of owners, and a list of them
    would have to be drawn from every item the reader may see (decision 0072).
    """

    verantwortlich = forms.CharField(
        label=_("Owner"),
        required=False,
        max_length=limits.TITLE,
        help_text=_("A name, an e-mail address or an organisation, or a part of it."),
    )
    meine = forms.BooleanField(label=_("Only mine"), required=False)
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
        self.user = user

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            "owner": self.user if self.cleaned_data["meine"] else None,
            "owner_text": self.cleaned_data["verantwortlich"].strip(),
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

from django import forms
from django.utils.translation import gettext_lazy as _

from abhnetz.organisations.models import Organisation
from abhnetz.topics.forms import TopicFilterField


class PersonFilterForm(forms.Form):
    """The people directory's GET filter; it keeps what was chosen."""

    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.only("pk", "slug", "name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All organisations"),
    )
    topic = TopicFilterField(label=_("Ask me about"))

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            "q": self.cleaned_data["q"],
            "organisation": self.cleaned_data["organisation"],
            "topic": self.cleaned_data["topic"],
        }

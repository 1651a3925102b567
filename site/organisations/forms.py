from django import forms
from django.utils.translation import gettext_lazy as _

from .models import OrganisationKind, State


class OrganisationFilterForm(forms.Form):
    """The directory's GET filter; an unknown value shows its error and filters nothing."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *OrganisationKind.choices],
    )
    state = forms.ChoiceField(
        label=_("Federal state"),
        required=False,
        choices=[("", _("All federal states")), *State.choices],
    )

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {"kind": self.cleaned_data["kind"], "state": self.cleaned_data["state"]}

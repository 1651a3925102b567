from django import forms
from django.utils.translation import gettext_lazy as _

from abhnetz.organisations.models import Organisation, WorkingGroup

from .models import Audience, AudienceScope

AUDIENCE_FIELDS = (
    "audience_scope",
    "audience_organisations",
    "audience_working_groups",
    "audience_advisory_board",
)


def validate_audience(form, cleaned: dict) -> None:
    """The audience checks of every form (ours and Wagtail's), errors next to the fields."""
    scope = cleaned.get("audience_scope")
    chosen = cleaned.get("audience_organisations") or cleaned.get("audience_working_groups")
    if scope == AudienceScope.SELECTED and not chosen:
        form.add_error(
            "audience_organisations",
            _("Choose at least one organisation or working group."),
        )
    if scope == AudienceScope.OFFICES and cleaned.get("audience_advisory_board"):
        form.add_error(
            "audience_advisory_board",
            _("Content for the offices only is never shown to the advisory board."),
        )
    if scope and scope != AudienceScope.SELECTED:
        # Leftover ticks from switching the scope must not linger unseen.
        cleaned["audience_organisations"] = Organisation.objects.none()
        cleaned["audience_working_groups"] = WorkingGroup.objects.none()


class AudienceFields(forms.Form):
    """The audience fields of any content form, with their checks next to the fields.

    Mix into a ModelForm before ``forms.ModelForm``: ``class F(AudienceFields, forms.ModelForm)``.
    """

    audience_scope = forms.ChoiceField(
        label=_("Visible to"),
        choices=AudienceScope.choices,
        widget=forms.RadioSelect,
        initial=AudienceScope.NETWORK,
    )
    audience_organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audience_working_groups = forms.ModelMultipleChoiceField(
        label=_("Working groups"),
        queryset=WorkingGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audience_advisory_board = forms.BooleanField(
        label=_("The integration advisory board may read it"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        validate_audience(self, cleaned)
        return cleaned

    def audience(self) -> Audience:
        data = self.cleaned_data
        return Audience(
            data["audience_scope"],
            data["audience_organisations"],
            data["audience_working_groups"],
            data["audience_advisory_board"],
        )

    def audience_initial_from(self, obj) -> None:
        """Show a saved object's audience in the form (the fields are not model fields here)."""
        self.initial.update(
            audience_scope=obj.audience_scope,
            audience_organisations=list(obj.audience_organisations.all()),
            audience_working_groups=list(obj.audience_working_groups.all()),
            audience_advisory_board=obj.audience_advisory_board,
        )


class AudiencePreviewForm(AudienceFields):
    """Just the audience fields of an unsaved form, for the preview."""

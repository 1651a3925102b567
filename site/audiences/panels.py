"""The audience in Wagtail's page editor: the fields as one panel, checked like our forms."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .forms import validate_audience


class AudiencePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        validate_audience(self, cleaned)
        return cleaned


def audience_panel() -> MultiFieldPanel:
    return MultiFieldPanel(
        [
            FieldPanel("audience_scope", widget=forms.RadioSelect),
            FieldPanel("audience_organisations", widget=forms.CheckboxSelectMultiple),
            FieldPanel("audience_working_groups", widget=forms.CheckboxSelectMultiple),
            FieldPanel("audience_advisory_board"),
        ],
        heading=_("Audience"),
    )

from django import forms

from .registry import kinds


class PreferencesForm(forms.Form):
    """One choice per registered kind: immediately, digest, inbox only, or off."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds():
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label,
                choices=kind.deliveries(),
                initial=current.get(kind.key, kind.default_delivery),
                widget=forms.RadioSelect,
            )

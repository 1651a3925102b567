from django import forms
from django.utils.translation import gettext_lazy as _

from abhnetz.topics.models import Topic

from .models import User


class ProfileForm(forms.ModelForm):
    """What a person tells the directory about themselves."""

    expertise = forms.ModelMultipleChoiceField(
        label=_("Ask me about"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Colleagues find you in the people directory by these topics."),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "function", "phone", "expertise", "expertise_note"]
        labels = {"expertise_note": _("Anything else to ask me about")}
        help_texts = {
            "function": _("For example: team leader, service point."),
            "phone": _("Your work number; members of the network see it on your profile."),
            "expertise_note": _("A few words, for example: walk-in service, vendor X."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the directory lists people by name: a profile without one helps nobody
        for name in ("first_name", "last_name"):
            self.fields[name].required = True


class AccountDeleteForm(forms.Form):
    """Deleting cannot be undone: the person confirms with their e-mail address or password."""

    confirmation = forms.CharField(
        label=_("Your e-mail address or your password"),
        max_length=1024,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_("Type it to confirm that you want to delete your account."),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_confirmation(self) -> str:
        value = self.cleaned_data["confirmation"].strip()
        if value.lower() == self.user.email.lower() or self.user.check_password(value):
            return value
        raise forms.ValidationError(
            _("This is neither your e-mail address nor your password."), code="mismatch"
        )

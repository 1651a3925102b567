"""Forms of onboarding: inviting, accepting an invitation, requesting and deciding access."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from abhnetz.organisations.models import Organisation

from . import onboarding_services as services
from .models import User
from .roles import Role


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ``ValidationError`` next to the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def role_choices(user) -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in services.invitable_roles(user)]


class NameFields(forms.Form):
    """A person's name, as the invitation and the access request both ask for it."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
    )
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "---------"), *role_choices(user)]
        if not self.is_bound:
            self.initial.setdefault("role", Role.OFFICE_STAFF.value)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if services.account_exists(email):
            raise ValidationError(_("A person with this e-mail address already has an account."))
        return email


# long enough for any passphrase; a megabyte password would only make hashing slow
PASSWORD_MAX_LENGTH = 1024


class InvitationAcceptForm(NameFields):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not a common password and not only digits."),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self):
        cleaned = super().clean()
        password1 = cleaned.get("password1")
        password2 = cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords do not match."))
        elif password1:
            # validated against the future account, so it may not resemble the name or address
            candidate = User(
                email=self.invitation.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class AccessRequestForm(NameFields):
    email = forms.EmailField(
        label=_("Work e-mail address"),
        help_text=_("The address must belong to a participating organisation."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("My organisation is not listed"),
    )
    message = forms.CharField(
        label=_("Message to the network coordination"),
        help_text=_("Your function and why you would like to join."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and "organisation" in cleaned:
            try:
                services.validate_access_request_email(cleaned["email"], cleaned["organisation"])
            except ValidationError as error:
                add_service_error(self, error)
        return cleaned


class AccessRequestApproveForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
    )
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, user, access_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "---------"), *role_choices(user)]
        if not self.is_bound:
            organisation = access_request.organisation
            if organisation is None:
                matches = services.organisations_for_domain(
                    services.email_domain(access_request.email)
                )
                organisation = matches[0] if len(matches) == 1 else None
            self.initial.setdefault("organisation", organisation)
            self.initial.setdefault("role", Role.OFFICE_STAFF.value)


class AccessRequestDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Sent to the person with the decision."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

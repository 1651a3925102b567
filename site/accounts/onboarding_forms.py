"""Forms of onboarding: inviting, accepting an invitation, requesting and deciding access."""

from __future__ import annotations

import json

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from abhnetz.organisations.models import Organisation

from . import onboarding_services as services
from . import permissions
from .models import User


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ``ValidationError`` next to the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class RoleForOrganisationMixin:
    """The role offers only what fits the chosen organisation, and nothing is pre-selected.

    A Jobcenter's staff are never offered the offices' role; the server refuses a role
    that does not fit all the same (``onboarding_services.invitation_create``). An
    address outside the organisation's e-mail domains needs a confirmation: the
    checkbox appears with the error, and everything typed is kept.
    """

    show_confirmation = False

    @property
    def role_field_id(self) -> str:
        return self.add_prefix("role-field")

    def _chosen_organisation(self, fallback=None):
        if not self.is_bound:
            return fallback
        try:
            return self.fields["organisation"].clean(self.data.get(self.add_prefix("organisation")))
        except ValidationError:
            return None

    def _offer_roles(self, user, organisation) -> None:
        roles = permissions.invitable_roles(user, organisation)
        self.fields["role"].choices = [
            ("", _("Please choose")),
            *[(role.value, role.label) for role in roles],
        ]
        # the organisation select reloads the roles without a page load (htmx)
        self.fields["organisation"].widget.attrs.update(
            {
                "hx-get": reverse("invitation_role_field"),
                "hx-target": f"#{self.add_prefix('role-field')}",
                "hx-swap": "outerHTML",
                "hx-trigger": "change",
                "hx-vals": json.dumps({"prefix": self.prefix or ""}),
            }
        )
        if self.is_bound and self.data.get(self.add_prefix("confirm_outside_domain")):
            self.show_confirmation = True

    def _check_fit(self, email: str | None) -> None:
        organisation = self.cleaned_data.get("organisation")
        role = self.cleaned_data.get("role")
        if organisation is None:
            return
        if role and not services.role_fits(role, organisation):
            self.add_error("role", services.role_misfit_message(organisation))
        if email and services.email_outside_organisation(email, organisation):
            self.show_confirmation = True
            if not self.cleaned_data.get("confirm_outside_domain"):
                self.add_error(
                    "confirm_outside_domain", services.outside_domain_message(organisation)
                )


def role_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Role"),
        error_messages={
            "invalid_choice": _("Please choose one of the roles offered for this organisation.")
        },
    )


def confirm_outside_domain_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Yes, invite this address all the same."),
        required=False,
    )


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


class InvitationForm(RoleForOrganisationMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        empty_label=_("Please choose"),
    )
    role = role_field()
    confirm_outside_domain = confirm_outside_domain_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._offer_roles(user, self._chosen_organisation(self.initial.get("organisation")))

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if services.account_exists(email):
            raise ValidationError(_("A person with this e-mail address already has an account."))
        return email

    def clean(self):
        cleaned = super().clean()
        self._check_fit(cleaned.get("email"))
        return cleaned


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


class AccessRequestApproveForm(RoleForOrganisationMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        empty_label=_("Please choose"),
    )
    role = role_field()
    confirm_outside_domain = confirm_outside_domain_field()

    def __init__(self, *args, user, access_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.access_request = access_request
        organisation = access_request.organisation
        if organisation is None:
            matches = services.organisations_for_domain(services.email_domain(access_request.email))
            organisation = matches[0] if len(matches) == 1 else None
        if not self.is_bound:
            self.initial.setdefault("organisation", organisation)
        # no role is pre-selected: one click must not hand out the wrong one
        self._offer_roles(user, self._chosen_organisation(organisation))

    def clean(self):
        cleaned = super().clean()
        self._check_fit(self.access_request.email)
        return cleaned


class AccessRequestDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Sent to the person with the decision."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from abhnetz.accounts.models import User

from .services import working_group_set_members


class WorkingGroupAdminForm(WagtailAdminModelForm):
    """The working group with its members, who are the users in its Django group."""

    members = forms.ModelMultipleChoiceField(
        label=_("Members"),
        queryset=User.objects.filter(is_active=True).select_related("organisation"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members see what is shared with this working group."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].label_from_instance = self.member_label
        if self.instance.pk and not self.is_bound:
            self.initial["members"] = list(
                self.instance.group.user_set.filter(is_active=True).values_list("pk", flat=True)
            )

    @staticmethod
    def member_label(user: User) -> str:
        if user.organisation_id:
            return f"{user} ({user.organisation})"
        return str(user)

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if commit:
            self._save_members(instance)
        else:
            save_m2m = self.save_m2m

            def save_m2m_and_members():
                save_m2m()
                self._save_members(instance)

            self.save_m2m = save_m2m_and_members
        return instance

    def _save_members(self, instance) -> None:
        working_group_set_members(working_group=instance, members=self.cleaned_data["members"])

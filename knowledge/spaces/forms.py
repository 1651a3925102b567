from django import forms
from django.utils.translation import gettext_lazy as _

from .models import JoinRequest


class JoinRequestForm(forms.ModelForm):
    class Meta:
        model = JoinRequest
        fields = ["message"]
        labels = {"message": _("Why would you like to join?")}
        help_texts = {
            "message": _("A sentence or two for the group's coordinator: your work, your interest.")
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "message": {"required": _("Please say in a sentence why you want to join.")}
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Topic


class TopicFilterField(forms.ModelChoiceField):
    """The "topic" select of every GET filter: chosen by slug, optional, "All topics"."""

    def __init__(self, label=None, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", _("All topics"))
        super().__init__(
            queryset=Topic.objects.only("pk", "slug", "name"),
            to_field_name="slug",
            label=label or _("Topic"),
            **kwargs,
        )

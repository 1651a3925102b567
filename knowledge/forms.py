"""The listing's filters: a GET form that keeps what was typed and says what is wrong."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from abhnetz.topics.forms import TopicFilterField

from .selectors import (
    DEFAULT_SORTING,
    authoring_organisations,
    knowledge_page_types,
    model_label,
    page_type_key,
)

SORTING_CHOICES = [
    ("aktualisiert", _("Recently updated")),
    ("neueste", _("Newest")),
    ("titel", _("Title")),
]


class KnowledgeFilterForm(forms.Form):
    """Topic, organisation, type, updated since and sorting; every filter optional."""

    thema = TopicFilterField()
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        to_field_name="slug",
        required=False,
        empty_label=_("All organisations"),
    )
    art = forms.ChoiceField(label=_("Type"), required=False)
    seit = forms.DateField(
        label=_("Updated since"),
        required=False,
        input_formats=["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d.%m.%Y"),
        help_text=_("A date such as 18.04.2026."),
        error_messages={"invalid": _("Please enter a date such as 18.04.2026.")},
    )
    sortierung = forms.ChoiceField(
        label=_("Sort by"), choices=SORTING_CHOICES, required=False, initial=DEFAULT_SORTING
    )

    def __init__(self, data=None, *args, user, **kwargs):
        types = knowledge_page_types()
        # addresses saved before the German words (?art=guides.guidepage) still filter
        legacy = {model_label(model): page_type_key(model) for model in types}
        if data is not None and data.get("art") in legacy:
            data = data.copy()
            data["art"] = legacy[data["art"]]
        super().__init__(data, *args, **kwargs)
        self.fields["organisation"].queryset = authoring_organisations(user)
        self.page_types = {page_type_key(model): model for model in types}
        self.fields["art"].choices = [
            ("", _("All types")),
            *[(key, capfirst(model._meta.verbose_name)) for key, model in self.page_types.items()],
        ]

    def filters(self) -> dict:
        """The filters to apply: those typed correctly (the others show their error)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "topic": data.get("thema"),
            "organisation": data.get("organisation"),
            "page_type": self.page_types.get(data.get("art") or ""),
            "updated_since": data.get("seit"),
            "sorting": data.get("sortierung") or DEFAULT_SORTING,
        }

    @property
    def is_filtered(self) -> bool:
        """Whether the reader narrowed the list (the empty state then says so)."""
        filters = self.filters()
        narrowing = ("topic", "organisation", "page_type", "updated_since")
        return any(filters.get(key) for key in narrowing)

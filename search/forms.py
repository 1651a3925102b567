"""The results page's GET form: search words, sorting, page and the chosen facet values."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .backends.base import YEAR_VALUE

# URL parameter of each facet (German, like the other lists' filters) in FACETS order
FACET_PARAMS = {
    "kind": "art",
    "topic": "thema",
    "organisation": "organisation",
    "working_group": "arbeitsgruppe",
    "year": "jahr",
}
SORT_PARAMS = {"relevanz": "relevance", "datum": "date"}
# The kind facet's values in URLs (?art=leitfaden): German like the parameter names.
# A kind without a word keeps its own name; the English names of older addresses
# (?art=guide) still filter.
KIND_WORDS = {
    "guide": "leitfaden",
    "minutes": "protokoll",
    "decision": "beschluss",
    "action_item": "aufgabe",
    "document": "dokument",
    "form": "formular",
    "announcement": "mitteilung",
    "organisation": "organisation",
    "person": "person",
}
KINDS_BY_WORD = {word: kind for kind, word in KIND_WORDS.items()}


def kind_word(kind: str) -> str:
    return KIND_WORDS.get(kind, kind)


MAX_QUERY_LENGTH = 200
# more values than any facet shows; a longer list is a crafted URL, not a reader
MAX_VALUES = 50
PAGE_VALUE = re.compile(r"[0-9]{1,4}")


class FacetValuesField(forms.Field):
    """Every value of a repeated GET parameter (``?art=guide&art=minutes``).

    The values are what the index stores (slugs, kinds, years); one that matches
    nothing narrows to nothing, so no list of allowed values is needed here. A value
    the index cannot hold (a NUL byte, which PostgreSQL refuses, or a "year" too big
    for an integer column) is dropped here, so it never reaches a backend.
    """

    widget = forms.MultipleHiddenInput

    def __init__(self, *, pattern=None, **kwargs):
        self.pattern = pattern
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def _acceptable(self, item: str) -> bool:
        if not item or "\x00" in item:
            return False
        return self.pattern is None or bool(self.pattern.fullmatch(item))

    def to_python(self, value):
        if isinstance(value, str):
            value = [value]
        values = []
        for item in value or ():
            item = str(item).strip()[:100]
            if item in values or not self._acceptable(item):
                continue
            values.append(item)
        return tuple(values[:MAX_VALUES])


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search term"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    sortierung = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("relevanz", _("Relevance")), ("datum", _("Newest first"))],
        initial="relevanz",
    )
    # "search exactly what I typed" after a correction: no typo correction
    genau = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # lenient like Paginator.get_page: a broken number shows page 1, no error
    seite = forms.CharField(required=False, widget=forms.HiddenInput)
    art = FacetValuesField(label=_("Type"))
    thema = FacetValuesField(label=_("Topic"))
    organisation = FacetValuesField(label=_("Organisation"))
    arbeitsgruppe = FacetValuesField(label=_("Working group"))
    jahr = FacetValuesField(label=_("Year"), pattern=YEAR_VALUE)

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    def clean_seite(self):
        value = self.cleaned_data["seite"]
        # ASCII digits only, at most 4 ("١٢" and "²" pass str.isdigit)
        return int(value) if PAGE_VALUE.fullmatch(value) and int(value) > 0 else 1

    def search_options(self) -> dict:
        """The arguments of ``search.services.search`` (call after ``is_valid()``)."""
        data = self.cleaned_data
        return {
            "text": data["q"],
            "filters": {
                facet: self._indexed(facet, data[param])
                for facet, param in FACET_PARAMS.items()
                if data.get(param)
            },
            "sort": SORT_PARAMS.get(data.get("sortierung") or "relevanz", "relevance"),
            "page": data["seite"],
            "exact": bool(data.get("genau")),
        }

    @staticmethod
    def _indexed(facet: str, values: tuple[str, ...]) -> tuple[str, ...]:
        """The URL's values as the index stores them (kinds by their German word)."""
        if facet != "kind":
            return values
        return tuple(dict.fromkeys(KINDS_BY_WORD.get(value, value) for value in values))

    @property
    def is_filtered(self) -> bool:
        return any(self.cleaned_data.get(param) for param in FACET_PARAMS.values())

"""One slug for German titles: ä → ae, ö → oe, ü → ue, ß → ss, everywhere.

Django's ``slugify`` (and Wagtail's page slugs on the server) drop the umlaut's dots
(„Ärztliche“ → ``arztliche``); Wagtail's admin JavaScript does the same. Pages,
topics, organisations, working groups and spaces all take their slugs from here, and
the admin's slug widget gets the same folding (``GERMAN_SLUG_FORMATTERS``).
"""

import unicodedata

from django.utils.text import slugify as django_slugify

GERMAN_FOLDING = {
    "ä": "ae",
    "ö": "oe",
    "ü": "ue",
    "Ä": "Ae",
    "Ö": "Oe",
    "Ü": "Ue",
    "ß": "ss",
    "ẞ": "SS",
}

# for wagtail.admin.widgets.SlugInput: applied before its own transliteration
GERMAN_SLUG_FORMATTERS = list(GERMAN_FOLDING.items())


def fold_german(value: str) -> str:
    # decomposed umlauts (a + U+0308, as some Mac keyboards type them) fold the same way
    value = unicodedata.normalize("NFC", value)
    return "".join(GERMAN_FOLDING.get(char, char) for char in value)


def slugify(value: str, *, max_length: int | None = None) -> str:
    """ASCII slug with German folding: „Ärztliche Bescheinigung“ → aerztliche-bescheinigung."""
    slug = django_slugify(fold_german(str(value)))
    if max_length:
        slug = slug[:max_length].rstrip("-")
    return slug


def german_slug_widget():
    """Wagtail's slug widget, folding umlauts before its own transliteration (ä → a)."""
    from wagtail.admin.widgets.slug import SlugInput

    class GermanSlugInput(SlugInput):
        def __init__(self, attrs=None, formatters=None, locale=None):
            super().__init__(attrs, formatters=formatters or GERMAN_SLUG_FORMATTERS, locale=locale)

    return GermanSlugInput

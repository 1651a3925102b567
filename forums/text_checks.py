"""Checks of what members type, before it is stored: meaningful text, and a hint when
it looks like a client's personal data (docs/forums.md: a hint, not a guarantee)."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from abhnetz.text import plain_text

TAG = re.compile(r"<[^>]*>")


def has_words(text: str) -> bool:
    """Whether Markdown ``text`` says anything once markup and whitespace are gone.

    ``**  **``, ``<b></b>``, ``---``, ``&nbsp;`` and zero-width spaces say nothing;
    letters, digits and symbols (👍) do.
    """
    words = TAG.sub("", html.unescape(plain_text(text or "")))
    return any(unicodedata.category(char)[0] in "LNS" for char in words)


@dataclass(frozen=True)
class PersonalDataPattern:
    key: str
    label: str
    regex: re.Pattern


# The one editable list. Each needs hit and non-hit cases in tests/forums/test_text_checks.py.
PERSONAL_DATA_PATTERNS = (
    PersonalDataPattern(
        "birth_date",
        _("a date of birth"),
        re.compile(
            r"\b(?:geb(?:oren|\.)?|geburtsdatum|\*)\s*(?:am\s*)?:?\s*"
            r"\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d{2}\b",
            re.IGNORECASE,
        ),
    ),
    PersonalDataPattern(
        "azr_number",
        _("an AZR number"),
        # the Ausländerzentralregister number: 12 digits, often named
        re.compile(r"\b(?:AZR[-\s]?(?:Nr\.?|Nummer)?\s*:?\s*)\d{6,12}\b|\b\d{12}\b", re.I),
    ),
    PersonalDataPattern(
        "document_number",
        _("a passport or residence permit number"),
        # German passports and electronic residence permits: 9 characters from
        # C F G H J K L M N P R T V W X Y Z and digits, starting with a letter
        re.compile(
            r"\b(?:(?:Pass|Reisepass|eAT|Aufenthaltstitel|Ausweis)[-\s]?(?:Nr\.?|Nummer)?"
            r"\s*:?\s*[A-Z0-9]{8,10}|[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8})\b",
        ),
    ),
    PersonalDataPattern(
        "email",
        _("a private person's e-mail address"),
        # addresses of private mail providers; members are mentioned as @address
        re.compile(
            r"(?<![@\w.])[\w.+-]+@(?:gmail|googlemail|gmx|web|yahoo|hotmail|outlook|t-online"
            r"|icloud|freenet|posteo|aol|mail|arcor)\.[a-z]{2,3}\b",
            re.IGNORECASE,
        ),
    ),
    PersonalDataPattern(
        "phone",
        _("a phone number"),
        # mobile numbers (015x, 016x, 017x) and +49 numbers; office lines are on the
        # directory's profiles, not in posts
        re.compile(r"(?:\+49|\b0049|\b0)\s?1[567]\d[\s/-]?\d{3,4}[\s-]?\d{3,5}\b"),
    ),
    PersonalDataPattern(
        "case_file",
        _("a case file number"),
        # Aktenzeichen like "Az. 12-345/2024" or "AZ: 3.1-4711/25"
        re.compile(r"\b(?:Az|Aktenzeichen)\.?\s*:?\s*[\w.]+[-/][\w./-]+", re.IGNORECASE),
    ),
)


def personal_data_hits(text: str) -> list[str]:
    """What in ``text`` looks like a client's personal data (labels, each once)."""
    return [str(p.label) for p in PERSONAL_DATA_PATTERNS if p.regex.search(text or "")]

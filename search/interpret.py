"""What a query means beyond its words: a month ("Oktober 2026", "10/2026") narrows
to that period, a word asking for a person ("Ansprechpartner E-Akte") prefers people.

Both are taken out of the words before they are searched; the database backend applies
them (``search.backends.database``). Words stay words when nothing else would remain
("Oktober 2026" alone, "Ansprechpartner" alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from .analysis import fold
from .query import Clause, ParsedQuery

BERLIN = ZoneInfo("Europe/Berlin")

_MONTHS = {
    **dict.fromkeys(("januar", "jan", "janner", "january"), 1),
    **dict.fromkeys(("februar", "feb", "february"), 2),
    **dict.fromkeys(("marz", "maerz", "mrz", "march"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juni", "jun", "june"), 6),
    **dict.fromkeys(("juli", "jul", "july"), 7),
    **dict.fromkeys(("august", "aug"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "okt", "october", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("dezember", "dez", "december", "dec"), 12),
}
# "10/2026", "10.2026", "10-2026", "2026-10"
_MONTH_YEAR = re.compile(r"(?P<m>0?[1-9]|1[0-2])[./-](?P<y>(?:19|20)\d\d)")
_YEAR_MONTH = re.compile(r"(?P<y>(?:19|20)\d\d)-(?P<m>0?[1-9]|1[0-2])")
_YEAR = re.compile(r"(?:19|20)\d\d")

# Words that ask for a person rather than a text about the subject (folded).
PERSON_WORDS = frozenset(
    fold(word)
    for word in (
        "Ansprechpartner",
        "Ansprechpartnerin",
        "Ansprechpartnerinnen",
        "Ansprechperson",
        "Ansprechpersonen",
        "Kontaktperson",
        "Kontakt",
        "Experte",
        "Expertin",
        "Experten",
        "zuständig",
        "zuständige",
        "zuständiger",
        "Zuständigkeit",
        "wer",
        "Kollege",
        "Kollegin",
        "contact",
        "expert",
    )
)


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime  # exclusive
    label: str


@dataclass(frozen=True)
class Meaning:
    parsed: ParsedQuery  # the words left to search
    period: Period | None = None
    wants_person: bool = False


def _month_period(month: int, year: int, label: str) -> Period:
    start = datetime(year, month, 1, tzinfo=BERLIN)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=BERLIN)
    return Period(start, end, label)


def _plain(clause: Clause) -> bool:
    return not clause.phrase and not clause.negated


def interpret(parsed: ParsedQuery, periods: bool = True, person_words: bool = False) -> Meaning:
    """The words to search and what the others mean (``periods=False``: months and
    years stay words; ``person_words``: words asking for a person stay words too)."""
    clauses = list(parsed.clauses)
    period, used = None, set()
    for i, clause in enumerate(clauses):
        if not periods or not _plain(clause) or period:
            continue
        text = clause.text.strip(".,;:()")
        match = _MONTH_YEAR.fullmatch(text) or _YEAR_MONTH.fullmatch(text)
        if match:
            period = _month_period(int(match["m"]), int(match["y"]), text)
            used = {i}
            continue
        month = _MONTHS.get(fold(text))
        if month and i + 1 < len(clauses) and _plain(clauses[i + 1]):
            year = clauses[i + 1].text.strip(".,;:()")
            if _YEAR.fullmatch(year):
                period = _month_period(month, int(year), f"{clause.text} {year}")
                used = {i, i + 1}
    person = {
        i
        for i, clause in enumerate(clauses)
        if _plain(clause) and fold(clause.text) in PERSON_WORDS and i not in used
    }

    def words_left(dropped: set[int]) -> list[Clause]:
        return [c for i, c in enumerate(clauses) if i not in dropped]

    def has_words(left: list[Clause]) -> bool:
        return any(not c.negated for c in left)

    if period and not has_words(words_left(used)):
        period, used = None, set()
    wants_person = bool(person)
    if person and (person_words or not has_words(words_left(used | person))):
        person = set()
    return Meaning(
        parsed=ParsedQuery(tuple(words_left(used | person))),
        period=period,
        wants_person=wants_person,
    )

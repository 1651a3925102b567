"""Words near a word that matches nothing: typo corrections and compound splits, both
from the vocabulary of the index (``SearchWord``).

The vocabulary holds every indexed word, whoever may read it; it only proposes. The
database backend keeps a proposal only after a query filtered by the reader's keys has
found something with it, so a word that occurs only in content the reader may not see
is never corrected to, suggested or used (docs/search.md, "Near misses").
"""

from __future__ import annotations

import re

from django.db import connection

from .. import analysis
from ..models import SearchWord

# Corrections are tried for words of at least this many letters ...
MIN_CORRECTED = 5
# ... with one edit up to this length, two beyond
ONE_EDIT_UP_TO = 8
# candidates compared per word (the closest by trigram on PostgreSQL)
CANDIDATES = 2000
# a compound is split into parts of at least this many letters
MIN_SPLIT_PART = 3
MIN_SPLIT_WORD = 7
# one known part alone must be this long to stand for the whole word
MIN_PART_ALONE = 5
# ... and more than this share of it ("Terminvergabe" of "Terminvergabesystem")
SHARE_ALONE = 0.6
_LEGAL = re.compile(r"[§\d]")


def max_edits(word: str) -> int:
    size = len(analysis.fold(word))
    if size < MIN_CORRECTED:
        return 0
    return 1 if size <= ONE_EDIT_UP_TO else 2


def correctable(word: str, previous: str = "") -> bool:
    """Whether a typed word may be corrected: not short, no abbreviation ("eAT",
    "AufenthG", "BAMF": a capital after the first letter), no legal reference (digits,
    "§", or the word after one), no word of the synonym lists."""
    if max_edits(word) == 0 or _LEGAL.search(word) or _LEGAL.search(previous):
        return False
    if any(char.isupper() for char in word[1:]):
        return False
    return not analysis.is_synonym(word)


def distance(a: str, b: str, limit: int) -> int:
    """Edit distance with transpositions (optimal string alignment), or ``limit + 1``
    as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                previous2 is not None
                and i > 1
                and j > 1
                and char_a == b[j - 2]
                and a[i - 2] == char_b
            ):
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def corrections(word: str) -> list[str]:
    """Vocabulary words within the allowed edits of ``word``, closest first (the word
    itself and words with the same term left out)."""
    edits = max_edits(word)
    folded = analysis.fold(word)
    own = analysis.term(word)
    words = set()
    if connection.vendor == "postgresql":
        # the trigram index (pg_trgm, migrations/0003) finds the similar words
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM search_searchword WHERE word %% %s "
                "AND length BETWEEN %s AND %s ORDER BY word <-> %s LIMIT %s",
                [word.lower(), len(folded) - edits, len(folded) + edits + 2, word.lower(), 50],
            )
            words.update(row[0] for row in cursor.fetchall())
    if not words:
        # first or second letter and length narrow the candidates (a typo rarely hits
        # both of the first two letters)
        initials = {folded[0], folded[1]} if len(folded) > 1 else {folded[0]}
        words.update(
            SearchWord.objects.filter(
                initial__in=initials,
                length__range=(len(folded) - edits, len(folded) + edits + 2),
            ).values_list("word", flat=True)[:CANDIDATES]
        )
    scored = []
    for candidate in words:
        if analysis.term(candidate) == own:
            continue
        edit = distance(folded, analysis.fold(candidate), edits)
        if edit <= edits:
            scored.append((edit, abs(len(candidate) - len(word)), candidate))
    return [candidate for *_, candidate in sorted(scored)]


def splits(word: str) -> list[tuple[str, str]]:
    """Ways to read an unknown compound as two words of the vocabulary, longest parts
    first: "Papierakten" → [("papier", "akten")], "Terminbuchung" → [("termin",
    "buchung")]; then single known parts of at least MIN_PART_ALONE letters, the other
    part "" ("Terminvergabesystem" → ("terminvergabe", "")). A linking s/es/n/en of
    the first part may be dropped."""
    folded = analysis.fold(word)
    if len(folded) < MIN_SPLIT_WORD or not folded.isalpha():
        return []
    options = []
    for cut in range(MIN_SPLIT_PART, len(folded) - MIN_SPLIT_PART + 1):
        left, right = folded[:cut], folded[cut:]
        lefts = {left}
        for joint in ("s", "es", "n", "en"):
            if left.endswith(joint) and len(left) - len(joint) >= MIN_SPLIT_PART:
                lefts.add(left[: -len(joint)])
        options.extend((candidate, right) for candidate in lefts)
    terms = {analysis.term(part) for pair in options for part in pair}
    terms |= {analysis.root(right) for _, right in options}
    known = set(
        SearchWord.objects.filter(term__in=sorted(t for t in terms if t)).values_list(
            "term", flat=True
        )
    )

    def is_known(part: str) -> bool:
        return analysis.term(part) in known or analysis.root(part) in known

    found = [(left, right) for left, right in options if is_known(left) and is_known(right)]
    found.sort(key=lambda pair: -min(len(pair[0]), len(pair[1])))

    # else the longest known part on its own ("Terminvergabesystem" → "terminvergabe"):
    # something near rather than nothing
    def long_enough(part: str) -> bool:
        return len(part) >= MIN_PART_ALONE and len(part) > len(folded) * SHARE_ALONE

    alone = [(left, "") for left, _ in options if long_enough(left) and is_known(left)]
    alone += [("", right) for _, right in options if long_enough(right) and is_known(right)]
    alone.sort(key=lambda pair: -len(pair[0] or pair[1]))
    return found + alone

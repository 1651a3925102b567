"""What the searcher typed, parsed: words, "phrases in quotes", -excluded words.

Both backends compile this one structure, so the query language is the same
everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# a quoted phrase, or a run of characters up to the next space
_PARTS = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Clause:
    text: str
    phrase: bool = False
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[Clause, ...]

    @property
    def positive(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if not c.negated)

    @property
    def negative(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.negated)

    def __bool__(self) -> bool:
        return bool(self.positive)


def parse(text: str) -> ParsedQuery:
    clauses = []
    for minus, quoted, word in _PARTS.findall((text or "")[:500]):
        if word:
            negated = word.startswith("-") and len(word) > 1
            word = word[1:] if negated else word
            if word.strip('-"'):
                clauses.append(Clause(word.strip('"'), negated=negated))
        elif quoted.strip():
            clauses.append(Clause(" ".join(quoted.split()), phrase=True, negated=bool(minus)))
    return ParsedQuery(tuple(clauses))

"""The words of a query as the database backend searches them, and how titles and
kinds reorder the hits (``prior``).

A ``Unit`` is one thing the query asks for: a word with its variants (synonyms, root,
a separable verb's joined form), a phrase, or a multi-word synonym typed apart.
Partial matches count units; a word that matches nothing may be split or corrected.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import analysis
from ..analysis import SEPARABLE_PARTICLES
from ..interpret import Meaning
from ..query import ParsedQuery
from .dialects import dialect as current_dialect
from .dialects import valid_term

# At equal match: guides and minutes before what they contain (their decisions and
# action items repeat their words), forms before single documents; forum threads,
# which quote guides and ask about them, after the guides; an event after its
# minutes (the minutes are the record of it); key figures, a table under a heading
# that names the subject, after texts about it; single forum posts after their thread.
KIND_PRIOR = {
    "guide": 1.5,
    "minutes": 1.4,
    "form": 1.2,
    "question": 0.8,
    "discussion": 0.8,
    "figures": 0.8,
    "event": 0.65,
    "decision": 0.6,
    "action_item": 0.6,
    "forum_post": 0.5,
}
# a title that is the query, or starts with it, above titles that only contain it
TITLE_EQUAL = 2.5
TITLE_STARTS = 1.6
# a title that has every word of the query, in any order, above one that has some
TITLE_ALL = 1.3


@dataclass(frozen=True)
class Unit:
    """One word (or phrase, or multi-word synonym) the query asks for, compiled."""

    label: str  # as typed (or as corrected), shown struck through on hits that lack it
    expression: str
    terms: tuple[str, ...] = ()  # its own terms, for comparing with titles
    clause: object | None = None  # a single typed word, which may be split or corrected
    index: int = 0  # its place among the query's clauses
    previous: str = ""  # the clause before it ("§" before "81")
    split: bool = False  # also found as two words of the vocabulary


def prior(shape, wanted: list[tuple[str, ...]], meaning: Meaning) -> float:
    """What multiplies a hit's score besides its boost: title, kind, a person asked for."""
    if shape is None:
        return 1.0
    title, kind = shape
    factor = KIND_PRIOR.get(kind, 1.0)
    query_terms = [t for terms in wanted for t in terms]
    if query_terms:
        title_terms = analysis.query_terms(title)
        if list(title_terms) == query_terms:
            factor *= TITLE_EQUAL
        elif list(title_terms[: len(query_terms)]) == query_terms:
            factor *= TITLE_STARTS
        elif len(query_terms) > 1 and set(query_terms) <= set(title_terms):
            factor *= TITLE_ALL
    return factor


def units(parsed: ParsedQuery) -> list[Unit]:
    """The positive clauses compiled, one unit per word the query must contain (a
    multi-word synonym typed apart is one unit)."""
    dialect = current_dialect()
    clauses = list(parsed.clauses)
    particles = [
        (i, analysis.fold(c.text))
        for i, c in enumerate(clauses)
        if not c.phrase and not c.negated and analysis.fold(c.text) in SEPARABLE_PARTICLES
    ]

    def alternatives_of(index: int, clause) -> list[tuple[str, ...]]:
        found = [
            alt
            for alt in analysis.query_alternatives(clause.text, phrase=clause.phrase)
            if all(valid_term(t) for t in alt)
        ]
        if found and not clause.phrase and len(found[0]) == 1:
            # "richte … ein": also "einrichte" (einrichten)
            for position, particle in particles:
                if position > index:
                    joined = analysis.joined_verb_term(particle, clause.text)
                    if valid_term(joined) and (joined,) not in found:
                        found.append((joined,))
        return found

    def compile_alternatives(found) -> str | None:
        if not found:
            return None
        return dialect.any_of([dialect.sequence(alt) for alt in found])

    units = []
    positive = [(i, c) for i, c in enumerate(clauses) if not c.negated]
    while positive:
        plain = []
        for _i, clause in positive:
            if clause.phrase:
                break
            plain.append(clause.text)
        length, others = analysis.synonym_run(plain)
        if length:
            # words typed apart that form a multi-word synonym: all of them, or
            # another variant ("elektronischer Aufenthaltstitel" or "eAT")
            run = positive[:length]
            together = [
                c for c in (compile_alternatives(alternatives_of(i, cl)) for i, cl in run) if c
            ]
            alternatives = [dialect.combine(together, [])] if together else []
            alternatives += [dialect.sequence(v) for v in others if all(map(valid_term, v))]
            if alternatives:
                units.append(
                    Unit(
                        label=" ".join(cl.text for _i, cl in run),
                        expression=dialect.any_of(alternatives),
                        terms=analysis.query_terms(" ".join(cl.text for _i, cl in run)),
                    )
                )
            positive = positive[length:]
            continue
        index, clause = positive.pop(0)
        found = alternatives_of(index, clause)
        compiled = compile_alternatives(found)
        if compiled:
            previous = clauses[index - 1].text if index else ""
            single = not clause.phrase and len(analysis.tokens(clause.text)) == 1
            units.append(
                Unit(
                    label=clause.text,
                    expression=compiled,
                    terms=found[0],
                    clause=clause if single else None,
                    index=index,
                    previous=previous,
                )
            )
    return units


def negative(parsed: ParsedQuery) -> list[str]:
    dialect = current_dialect()
    found_negative = []
    for clause in parsed.negative:
        found = [
            alt
            for alt in analysis.query_alternatives(clause.text, phrase=clause.phrase)
            if all(valid_term(t) for t in alt)
        ]
        if found:
            found_negative.append(dialect.any_of([dialect.sequence(alt) for alt in found]))
    return found_negative

"""German text analysis for the database backend (SQLite FTS5 and PostgreSQL).

Indexed text and query words go through the same steps, so they meet:
lowercase, fold (ß → ss, accents off, letters and digits only), Snowball German
stemming (which also folds ä/ae, ö/oe, ü/ue), known compound parts from
lexicon/compounds.txt (an extra column, like Elasticsearch's dictionary_decompounder),
synonyms from lexicon/synonyms.txt at query time. The lexicon files are shared with the
Elasticsearch backend (``compound_parts()``, ``synonym_groups()``).

Every term consists of lowercase letters and digits only, so FTS5's unicode61 tokenizer
and PostgreSQL's 'simple' parser keep each term as one token.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from snowballstemmer.german_stemmer import GermanStemmer

logger = logging.getLogger(__name__)

LEXICON = Path(__file__).resolve().parent / "lexicon"

# shortest compound part looked for (as Elasticsearch's min_subword_size)
MIN_PART = 4
# longer "words" (hashes, base64 in extracted PDF text) are cut: PostgreSQL refuses
# lexemes over 2 KB, and nobody searches for them whole
MAX_WORD = 80
# words whose analysis is kept (per cache): the common vocabulary of a large index stays,
# memory stays bounded (pure-Python stemming costs ~0.1 ms per word, a hit ~0.1 µs)
_WORDS_CACHED = 1 << 17

# a letter or digit, then letters, digits and combining marks (text in NFD form, Arabic
# vowel signs), so "Ausländer" typed with a combining diaeresis stays one word
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u064b-\u065f\u0670"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
_WORD = re.compile(rf"[^\W_]+(?:[{_MARKS}]+[^\W_]*)*")
_SPACE = re.compile(r"\s+")

# letters NFKD does not decompose into a base letter
_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
        "ŧ": "t",
        "ŋ": "n",
    }
)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_UMLAUT_DIGRAPHS = re.compile(r"([aou])e")


@dataclass(frozen=True)
class Token:
    surface: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Words and numbers of ``text`` with their offsets (for highlighting)."""
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text or "")]


# -- words -----------------------------------------------------------------------


@lru_cache(maxsize=1 << 15)
def fold(word: str) -> str:
    """Lowercase, ß → ss, accents off, letters and digits only ("Straße" → "strasse",
    "Ausländer" → "auslander"); other scripts keep their letters."""
    word = word.lower().translate(_LETTERS)
    if word.isascii():
        return word if word.isalnum() else "".join(c for c in word if c.isalnum())
    folded = []
    for char in unicodedata.normalize("NFKD", word):
        if char.isascii():
            if char.isalnum():
                folded.append(char)
        elif char.isalnum():  # drops combining marks and what NFKD adds ("½" → "1⁄2")
            digit = unicodedata.decimal(char, None)
            folded.append(str(digit) if digit is not None else char)
    return "".join(folded)


def _umlaut_fold(folded: str) -> str:
    """Read ae/oe/ue as the stemmer does: auslaender → auslander."""
    return _UMLAUT_DIGRAPHS.sub(r"\1", folded)


# one Snowball stemmer per thread: a stemmer keeps its state in the object
_local = threading.local()


def _new_stemmer():
    # snowballstemmer hands out PyStemmer's C stemmer when that is installed; an older
    # one does not fold ae/oe/ue, which would split the index, so check it does
    stemmer = snowballstemmer.stemmer("german")
    if stemmer.stemWord("auslaender") != "ausland":
        stemmer = GermanStemmer()
    return stemmer


def _stem(word: str) -> str:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = _new_stemmer()
    return stemmer.stemWord(word)


@lru_cache(maxsize=_WORDS_CACHED)
def term(word: str) -> str:
    """The index term of one word: what both the index and the query store.

    Folding comes first, so "Café" and "Cafe" meet; Snowball German then folds
    ä/ae, ö/oe, ü/ue itself: "Leitfäden" → "leitfad" = "Leitfaden",
    "Auslaenderbehoerde" = "Ausländerbehörde" = "Auslanderbehorde".
    """
    folded = fold(word)[:MAX_WORD]
    if not folded:
        return ""
    stemmed = _stem(folded)
    return stemmed if stemmed.isascii() else fold(stemmed)


def index_text(text: str) -> str:
    """The terms of ``text`` in order, one per word (positions kept for phrases).
    Stopwords stay: phrases need them."""
    return " ".join(filter(None, map(term, _WORD.findall(text or ""))))


# -- lexicon ---------------------------------------------------------------------


def _lexicon_lines(name: str) -> list[str]:
    """The entries of a lexicon file: `#` starts a comment, blank lines are skipped."""
    try:
        text = (LEXICON / name).read_text(encoding="utf-8")
    except FileNotFoundError:
        logger.warning("search lexicon file %s is missing", name)
        return []
    lines = (" ".join(line.split("#", 1)[0].split()) for line in text.splitlines())
    return [line for line in lines if line]


def _spellings(word: str) -> set[str]:
    """The folded forms a lexicon word is written in: "Behörde" → behorde, behoerde."""
    return {fold(word), fold(word.lower().translate(_UMLAUTS))} - {""}


def compound_parts() -> list[str]:
    """The known compound parts as written in lexicon/compounds.txt."""
    return list(_compound_words())


@cache
def _compound_words() -> tuple[str, ...]:
    return tuple(dict.fromkeys(_lexicon_lines("compounds.txt")))


@cache
def _compound_table() -> tuple[dict[str, str], tuple[int, ...]]:
    """Every spelling of every part (≥ MIN_PART letters) → the part's term, and the
    lengths present (so a word is checked only for those)."""
    table: dict[str, str] = {}
    for part in _compound_words():
        part_term = term(part)
        for spelling in _spellings(part):
            if len(spelling) >= MIN_PART and part_term:
                table.setdefault(spelling, part_term)
    return table, tuple(sorted({len(s) for s in table}))


@lru_cache(maxsize=_WORDS_CACHED)
def _part_terms(word: str) -> tuple[str, ...]:
    """Terms of the known parts inside ``word`` (only parts shorter than the word, and
    not the word's own term). Substring matching as dictionary_decompounder does."""
    folded = fold(word)[:MAX_WORD]
    size = len(folded)
    if size <= MIN_PART:
        return ()
    table, lengths = _compound_table()
    own = term(word)
    found: list[str] = []
    for start in range(size - MIN_PART + 1):
        for length in lengths:
            if length >= size or start + length > size:
                break
            part_term = table.get(folded[start : start + length])
            if part_term and part_term != own and part_term not in found:
                found.append(part_term)
    return tuple(found)


def compound_text(text: str) -> str:
    """Terms of the known parts of the compound words in ``text`` (extra column):
    "Ausländerbehörde" → "ausland behord"."""
    return " ".join(
        " ".join(parts) for parts in map(_part_terms, _WORD.findall(text or "")) if parts
    )


# -- derivations -----------------------------------------------------------------

# Derivational endings Snowball keeps (it stems inflection, not derivation): a word
# ending in one of these also has the root below it, so "Digitalisierung",
# "digitalisieren" and "digital" meet, and "Buchung" meets "buchen". Longest first.
_DERIVATIONS = (
    "isierungen",
    "isierung",
    "isieren",
    "isierte",
    "isiert",
    "ierungen",
    "ierung",
    "ieren",
    "ierte",
    "iert",
    "ungen",
    "ung",
)
# a root shorter than this is too unspecific to match on ("Lösung" → "los")
MIN_ROOT = 4


@lru_cache(maxsize=_WORDS_CACHED)
def root(word: str) -> str:
    """The term of the word a derived word comes from, or its own term:
    "Digitalisierung", "digitalisieren" → "digital"; "Buchung" → "buch" (= "buchen")."""
    folded = fold(word)[:MAX_WORD]
    for suffix in _DERIVATIONS:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= MIN_ROOT:
            return term(folded[: -len(suffix)])
    return term(word)


def derived_text(text: str) -> str:
    """Roots of the derived words in ``text`` that differ from their terms (indexed in
    the low-weight column with the compound parts)."""
    found = []
    for word in _WORD.findall(text or ""):
        word_root = root(word)
        if word_root and word_root != term(word):
            found.append(word_root)
    return " ".join(found)


# Particles of separable verbs: "richte … ein" is "einrichten", "melde … an" "anmelden".
SEPARABLE_PARTICLES = frozenset(
    {"ab", "an", "auf", "aus", "bei", "ein", "fest", "mit", "nach", "um", "vor", "weg", "zu"}
)


def joined_verb_term(particle: str, word: str) -> str:
    """The term of a separable verb written apart: ("ein", "richte") → term("einrichte")."""
    return term(fold(particle) + fold(word))


@cache
def _stopwords() -> frozenset[str]:
    words = set()
    for word in _lexicon_lines("stopwords.txt"):
        words |= _spellings(word)  # "für" is also typed "fuer" and "fur"
    return frozenset(words)


def is_stopword(word: str) -> bool:
    return fold(word) in _stopwords()


@dataclass(frozen=True)
class _Synonyms:
    groups: tuple[tuple[str, ...], ...]
    # each group's variants as term sequences
    variants: tuple[tuple[tuple[str, ...], ...], ...]
    # first term of a variant → (variant, group index)
    by_first: dict[str, list[tuple[tuple[str, ...], int]]]


_synonyms_loaded: tuple[tuple, _Synonyms] | None = None


def _parse_synonyms() -> _Synonyms:
    groups, variants, by_first = [], [], {}
    for line in _lexicon_lines("synonyms.txt"):
        if "=>" in line:
            logger.warning("search synonyms: only equivalences are read, skipped %r", line)
            continue
        words = tuple(dict.fromkeys(w.strip() for w in line.split(",") if w.strip()))
        sequences = tuple(
            dict.fromkeys(s for s in (_terms(w) for w in words) if s)
        )  # variants that analyse alike count once
        if len(sequences) < 2:
            continue
        index = len(variants)
        groups.append(words)
        variants.append(sequences)
        for sequence in sequences:
            by_first.setdefault(sequence[0], []).append((sequence, index))
    return _Synonyms(tuple(groups), tuple(variants), by_first)


def _synonyms() -> _Synonyms:
    """The parsed synonyms, read again when the file changes (they apply at query time,
    so an edit takes effect without restarting or reindexing)."""
    global _synonyms_loaded
    path = LEXICON / "synonyms.txt"
    try:
        stat = path.stat()
        stamp = (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (str(path), None, None)
    loaded = _synonyms_loaded
    if loaded is None or loaded[0] != stamp:
        loaded = _synonyms_loaded = (stamp, _parse_synonyms())
    return loaded[1]


def is_synonym(word: str) -> bool:
    """Whether the word is a one-word variant in lexicon/synonyms.txt ("eAT", "Visa")."""
    word_term = term(word)
    return any(len(v) == 1 for v, _ in _synonyms().by_first.get(word_term, ()))


def synonym_groups() -> list[list[str]]:
    """The groups of equivalent words and phrases as written in lexicon/synonyms.txt."""
    return [list(group) for group in _synonyms().groups]


# -- queries ---------------------------------------------------------------------


def _terms(text: str) -> tuple[str, ...]:
    return tuple(filter(None, map(term, _WORD.findall(text))))


def query_terms(text: str) -> tuple[str, ...]:
    """The terms of ``text`` without stopwords (titles compared with queries)."""
    return tuple(term(w) for w in _WORD.findall(text or "") if not is_stopword(w) and term(w))


def query_alternatives(clause_text: str, phrase: bool = False) -> list[tuple[str, ...]]:
    """What one clause may match: each alternative a sequence of terms (a phrase when
    longer than one); the clause's own terms first, then its synonyms' terms.
    Empty when the clause has only stopwords (and is not a phrase).

    "AufenthG" → [("aufenthg",), ("aufenthaltsgesetz",)]; a run of words equal to a
    synonym is replaced by each other variant: phrase "§ 81 AufenthG" →
    [("81", "aufenthg"), ("81", "aufenthaltsgesetz")].
    """
    words = [t.surface for t in tokens(clause_text)]
    if not phrase:
        # a clause of several words ("E-Mail") is searched as a phrase, so only its
        # edges may lose stopwords: inside, the positions must stay
        while words and is_stopword(words[0]):
            words.pop(0)
        while words and is_stopword(words[-1]):
            words.pop()
    own = tuple(filter(None, map(term, words)))
    if not own:
        return []
    alternatives = [own]
    if len(own) == 1 and not phrase:
        # the word a derived word comes from ("Digitalisierung" → "digital"): found in
        # the text ("digital") and in the roots the index keeps ("digitalisieren")
        word_root = root(words[0]) if len(words) == 1 else own[0]
        if word_root and word_root != own[0]:
            alternatives.append((word_root,))
    synonyms = _synonyms()
    for start, first in enumerate(own):
        for variant, group in synonyms.by_first.get(first, ()):
            end = start + len(variant)
            if own[start:end] != variant:
                continue
            for other in synonyms.variants[group]:
                alternative = own[:start] + other + own[end:]
                if alternative not in alternatives:
                    alternatives.append(alternative)
    return alternatives


def synonym_run(words: list[str]) -> tuple[int, list[tuple[str, ...]]]:
    """The longest run of several of ``words`` (separate query words, from the start)
    that is a multi-word synonym variant: its length and the other variants' terms.
    (0, []) when none starts here. Lets "elektronischer Aufenthaltstitel", typed
    without quotes, also find "eAT"."""
    own = [_terms(word) for word in words]
    synonyms = _synonyms()
    if not own or len(own[0]) != 1:
        return 0, []
    best = (0, [])
    for variant, group in synonyms.by_first.get(own[0][0], ()):
        length = len(variant)
        if length < 2 or length > len(own) or length <= best[0]:
            continue
        if all(own[i] == (variant[i],) for i in range(length)):
            best = (length, [v for v in synonyms.variants[group] if v != variant])
    return best


def prefix_terms(word: str) -> set[str]:
    """Terms an unfinished word may be the start of (search as you type):
    "Leitfäde" → {"leitfade", "leitfad"}, "Auslaend" → also "ausland"."""
    folded = fold(word)
    return {folded, term(word), _umlaut_fold(folded)} - {""}


# -- highlighting ----------------------------------------------------------------


@dataclass
class _Matcher:
    words: frozenset[str]  # single terms of the positive clauses
    phrases: dict[str, list[tuple[str, ...]]]  # first term → term sequences
    prefixes: tuple[str, ...]  # the unfinished last word

    @classmethod
    def of(cls, parsed, prefix: bool) -> _Matcher:
        if isinstance(parsed, str):
            from .query import parse

            parsed = parse(parsed)
        clauses = parsed.positive if parsed is not None else ()
        words, phrases = set(), {}
        for clause in clauses:
            for alternative in query_alternatives(clause.text, phrase=clause.phrase):
                if len(alternative) == 1:
                    words.add(alternative[0])
                else:
                    phrases.setdefault(alternative[0], []).append(alternative)
        prefixes: set[str] = set()
        last = clauses[-1] if clauses else None
        if prefix and last is not None and not last.phrase:
            last_words = tokens(last.text)
            if last_words:
                word = last_words[-1].surface
                if not is_stopword(word) and not fold(word).isdigit():
                    # numbers match whole: "§ 81" must not mark "810"
                    prefixes = {p for p in prefix_terms(word) if len(p) >= 2}
        return cls(frozenset(words), phrases, tuple(sorted(prefixes)))

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases or self.prefixes)

    def word(self, surface: str, word_term: str) -> bool:
        if word_term in self.words:
            return True
        if any(part in self.words for part in _part_terms(surface)):
            return True
        if root(surface) in self.words:
            return True
        if self.prefixes:
            folded = fold(surface)
            return any(word_term.startswith(p) or folded.startswith(p) for p in self.prefixes)
        return False

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Offsets of the marked stretches in order, overlapping ones merged; lazy, so a
        snippet of a long text stops after its window."""
        found = _WORD.finditer(text)
        words: list[tuple[str, int, int]] = []  # (term, start, end), read on demand

        def word_at(i: int):
            while len(words) <= i:
                m = next(found, None)
                if m is None:
                    return None
                words.append((term(m.group()), m.start(), m.end()))
            return words[i]

        current = None
        i = 0
        while (here := word_at(i)) is not None:
            word_term, start, end = here
            stop = None
            for sequence in self.phrases.get(word_term, ()):
                last = None
                for k in range(1, len(sequence)):
                    nxt = word_at(i + k)
                    if nxt is None or nxt[0] != sequence[k]:
                        break
                    last = nxt
                else:
                    stop = max(stop or 0, last[2])
            if stop is None and self.word(text[start:end], word_term):
                stop = end
            if stop is not None:
                if current and start <= current[1]:
                    current = (current[0], max(current[1], stop))
                else:
                    if current:
                        yield current
                    current = (start, stop)
            i += 1
        if current:
            yield current


def highlight(text: str, parsed, limit: int | None = None, *, prefix: bool = True) -> SafeString:
    """``text`` escaped, with <mark> around the words a positive clause matches;
    cut to about ``limit`` characters around the first match when given.

    A word is marked when its term, one of its compound parts' terms or (``prefix``) the
    start of its term matches the clause, so "Ausländerbehörde" is marked whole for
    "Auslaenderbehoerde", "Behörde" or "ABH". Negated clauses are never marked.
    """
    text = text or ""
    matcher = _Matcher.of(parsed, prefix)
    spans = matcher.spans(text) if matcher else iter(())
    if limit is None:
        return mark_safe(_render(text, 0, len(text), list(spans), collapse=False))  # noqa: S308
    first = next(spans, None)
    start, end = _window(text, first, max(limit, 1))
    marked = []
    if first is not None:
        marked.append(first)
        for span in spans:
            if span[0] >= end:
                break
            marked.append((span[0], min(span[1], end)))
    html = _render(text, start, end, marked, collapse=True)
    if start > 0:
        html = "… " + html
    if end < len(text):
        html += " …"
    return mark_safe(html)  # noqa: S308 - every piece of text went through escape()


def _render(text: str, start: int, end: int, spans, collapse: bool) -> str:
    def piece(a: int, b: int) -> str:
        part = text[a:b]
        return escape(_SPACE.sub(" ", part) if collapse else part)

    out, position = [], start
    for a, b in spans:
        out.append(piece(position, a))
        out.append(f"<mark>{piece(a, b)}</mark>")
        position = b
    out.append(piece(position, end))
    return "".join(out)


def _window(text: str, first: tuple[int, int] | None, limit: int) -> tuple[int, int]:
    """About ``limit`` characters around the first match (the start without one), cut
    at spaces so no word is broken."""
    size = len(text)
    if size <= limit:
        return 0, size
    if first is None:
        start, end = 0, limit
        keep_from = keep_to = 0
    else:
        keep_from, keep_to = first
        if keep_to - keep_from >= limit:
            return keep_from, keep_to
        start = max(0, min((keep_from + keep_to - limit) // 2, size - limit))
        end = start + limit
    if start > 0 and not text[start - 1].isspace():
        space = _SPACE.search(text, start, keep_from)
        start = space.end() if space else keep_from
    if end < size and not text[end].isspace():
        spaces = list(_SPACE.finditer(text, max(keep_to, start), end))
        if spaces:
            end = spaces[-1].start()
        elif first is not None:
            end = keep_to  # rather end at the match than inside a word
        # else one endless word from the start: cut it hard
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

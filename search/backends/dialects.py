"""The SQL the database backend sends: FTS5 on SQLite, tsvector on PostgreSQL.

Both index the same analysed terms (``search.analysis``); only the full-text table and
the query syntax differ. ``dialect()`` picks the one of the connection in use.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models.expressions import RawSQL

# Column weights: titles and summaries weigh more than body text; compound parts least.
WEIGHTS = {"title": 10.0, "summary": 4.0, "body": 1.0, "extra": 0.5}


class _Sqlite:
    """FTS5: ``"term"`` is a term, ``"a b"`` a phrase, ``"pre"*`` a prefix."""

    id_column = "rowid"

    @staticmethod
    def write(cursor, rows):
        cursor.executemany(
            # OR REPLACE: a row left behind by a flush of the tables Django knows
            # (test databases) must not block a new entry with the same id
            "INSERT OR REPLACE INTO search_fts (rowid, title, summary, body, extra, keys) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            [(*row[:-1], " ".join(row[-1])) for row in rows],
        )

    @staticmethod
    def insert_rows(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]):
        if rows:
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join(['%s'] * len(columns))})",
                rows,
            )

    @staticmethod
    def insert_words(cursor, table: str, rows: list[tuple]):
        cursor.executemany(
            f"INSERT INTO {table} (word, initial, length, term) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (word) DO NOTHING",
            rows,
        )

    @staticmethod
    def set_keys(cursor, ids, keys):
        cursor.executemany(
            "UPDATE search_fts SET keys = %s WHERE rowid = %s",
            [(" ".join(sorted(keys)), i) for i in ids],
        )

    @staticmethod
    def delete(cursor, ids):
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in ids])

    @staticmethod
    def sequence(terms: tuple[str, ...]) -> str:
        return '"' + " ".join(terms) + '"'

    @staticmethod
    def prefix(term: str) -> str:
        return f'"{term}"*'

    @staticmethod
    def any_of(parts: list[str]) -> str:
        return "(" + " OR ".join(parts) + ")"

    @staticmethod
    def combine(positive: list[str], negative: list[str]) -> str:
        expression = " AND ".join(positive)
        for part in negative:
            expression = f"({expression}) NOT {part}"
        return expression

    @staticmethod
    def titles_only(expression: str) -> str:
        return "{title} : (" + expression + ")"

    in_titles = titles_only
    # the ranked window is scored by the full-text match itself (bm25 needs MATCH)
    ranks_candidates = False

    @staticmethod
    def _match(expression: str, keys) -> str:
        # the words in the text columns, and one of the reader's keys in the keys column:
        # FTS5 intersects both in the index, no row is looked at twice
        if not expression.startswith("{title}"):
            expression = "{title summary body extra} : (" + expression + ")"
        allowed = " OR ".join(f'"{key}"' for key in sorted(keys))
        return f"({expression}) AND keys : ({allowed})"

    @classmethod
    def matching_ids(cls, expression: str, keys) -> RawSQL:
        return RawSQL(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s",
            (cls._match(expression, keys),),
        )

    @staticmethod
    def first_ids(expression: str, keys, limit: int) -> None:
        """``matching_ids`` under a LIMIT serves every count (FTS5 plans it alone)."""
        return None

    @staticmethod
    def id_list(ids: list[int]):
        """Ids for an ``__in`` filter (SQLite binds each id cheaply)."""
        return ids

    @classmethod
    def suggested_ids(cls, words: list[str], last: str, keys) -> RawSQL:
        """Suggestions while typing: the words and the unfinished last one (``last``,
        prefixes) in the title."""
        return cls.matching_ids(cls.titles_only(cls.combine([*words, last], [])), keys)

    @classmethod
    def ranked(cls, expression, keys, filter_sql, filter_params, order, limit, offset):
        weights = ", ".join(str(w) for w in WEIGHTS.values())
        # bm25() is lower for better matches; the keys column does not count
        # interpolated: our weights, ORDER BY from a fixed pair, Django-compiled SQL
        sql = (
            f"SELECT e.id, -bm25(search_fts, {weights}, 0.0) * e.boost AS score "
            "FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s {filter_sql} "
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        return sql, (cls._match(expression, keys), *filter_params, limit, offset)


class _Postgres:
    """tsquery on our terms with the 'simple' configuration (the terms are analysed
    already); weights A–D are title, summary, body, compound parts."""

    id_column = "entry_id"

    @staticmethod
    def write(cursor, rows):
        # the vector built here where it is sure to equal the server's to_tsvector
        # (most rows: to_tsvector was half the server's time of a bulk build), the
        # server's to_tsvector for the others (tests/search/test_bulk_build.py)
        ready, parsed = [], []
        for row in rows:
            vector = tsvector_literal(row[1:5])
            if vector is None:
                parsed.append((*row[:-1], sorted(row[-1])))
            else:
                ready.append((row[0], vector, sorted(row[-1])))
        upsert = (
            "ON CONFLICT (entry_id) DO UPDATE SET vector = EXCLUDED.vector, keys = EXCLUDED.keys"
        )
        if ready:
            # COPY has no ON CONFLICT: a row left behind by a flush of the entries (test
            # databases) goes first, then the rows are streamed
            cursor.execute(
                "DELETE FROM search_fts WHERE entry_id = ANY(%s)", ([row[0] for row in ready],)
            )
            _Postgres.copy(cursor, "search_fts", ("entry_id", "vector", "keys"), ready)
        if parsed:
            cursor.executemany(
                "INSERT INTO search_fts (entry_id, vector, keys) VALUES (%s, "
                "setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B') || "
                "setweight(to_tsvector('simple', %s), 'C') || "
                f"setweight(to_tsvector('simple', %s), 'D'), %s) {upsert}",
                parsed,
            )

    @staticmethod
    def copy(cursor, table: str, columns: tuple[str, ...], rows):
        # psycopg 3's COPY on psycopg's own cursor (Django's wrapper has no copy())
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    @staticmethod
    def insert_rows(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]):
        if rows:
            _Postgres.copy(cursor, table, columns, rows)

    @staticmethod
    def insert_words(cursor, table: str, rows: list[tuple]):
        # one statement over arrays instead of a statement per word
        if rows:
            cursor.execute(
                f"INSERT INTO {table} (word, initial, length, term) "
                "SELECT * FROM unnest(%s::text[], %s::text[], %s::int[], %s::text[]) "
                "ON CONFLICT (word) DO NOTHING",
                [list(column) for column in zip(*rows, strict=True)],
            )

    @staticmethod
    def set_keys(cursor, ids, keys):
        cursor.execute(
            "UPDATE search_fts SET keys = %s WHERE entry_id = ANY(%s)", (sorted(keys), list(ids))
        )

    @staticmethod
    def delete(cursor, ids):
        cursor.execute("DELETE FROM search_fts WHERE entry_id = ANY(%s)", (list(ids),))

    @staticmethod
    def sequence(terms: tuple[str, ...]) -> str:
        return "(" + " <-> ".join(f"'{t}'" for t in terms) + ")"

    @staticmethod
    def prefix(term: str) -> str:
        return f"'{term}':*"

    @staticmethod
    def any_of(parts: list[str]) -> str:
        return "(" + " | ".join(parts) + ")"

    @staticmethod
    def combine(positive: list[str], negative: list[str]) -> str:
        return " & ".join(positive + [f"!{part}" for part in negative])

    # the ranked window is scored among candidate ids (ranked_among); titles are
    # matched in the ``titles`` column (title_candidates, suggested_ids)
    ranks_candidates = True

    @staticmethod
    def _excludes(expression: str) -> bool:
        return " & !" in expression

    @classmethod
    def matching_ids(cls, expression: str, keys) -> RawSQL:
        # both conditions use a GIN index (the words, the keys), ANDed as bitmaps, or
        # a filter on the entries drives the plan (kind and year: a few hundred rows,
        # each vector tested by its key). An excluded word is answered exactly by the
        # words' index too ("a & !b"). The keys come first: where the planner scans
        # the rows instead (a phrase, whose share it overestimates), it tests them in
        # the written order, and the keys are in the row while the vector is TOASTed
        return RawSQL(
            "SELECT entry_id FROM search_fts "
            "WHERE keys && %s::text[] AND vector @@ to_tsquery('simple', %s)",
            (sorted(keys), expression),
        )

    @classmethod
    def first_ids(cls, expression: str, keys, limit: int) -> RawSQL | None:
        """The first ``limit`` matches, unfiltered, where ``matching_ids`` under a
        LIMIT plans badly: an excluded word. The planner expects them early in the
        table and tests each row's vector in key order; where the excluded word is
        in most matches (guides hold both words of "Antrag -Widerspruch") it read
        28,000 vectors for 1,001 (54 ms at 406,564 documents). Here the words'
        index answers first (MATERIALIZED: planned for all its rows, a bitmap of
        the words' index, exact), and the CTE is read only until the reader's keys
        have admitted ``limit`` rows (27 ms). Without the inner LIMIT the CTE was
        read whole (every match's row fetched: 368 ms)."""
        if not cls._excludes(expression):
            return None
        return RawSQL(
            "WITH m AS MATERIALIZED (SELECT entry_id, keys FROM search_fts "
            "WHERE vector @@ to_tsquery('simple', %s)) "
            "SELECT entry_id FROM m WHERE keys && %s::text[] LIMIT %s",
            (expression, sorted(keys), limit),
        )

    @staticmethod
    def id_list(ids: list[int]) -> RawSQL:
        """Ids for an ``__in`` filter as one array parameter: psycopg's adapting of a
        thousand separate parameters was a measurable part of a search."""
        return RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))

    @classmethod
    def suggested_ids(cls, words: list[str], last: str, keys) -> RawSQL:
        """Suggestions while typing: the unfinished last word (``last``, prefixes) in
        the title, the words before it anywhere. The prefixes are matched in the
        ``titles`` column, exactly by its index; as ':*A' on ``vector`` every vector
        with the prefix was tested for the weight (194 ms at 100,000 documents)."""
        if not words:
            return RawSQL(
                "SELECT entry_id FROM search_fts "
                "WHERE keys && %s::text[] AND titles @@ to_tsquery('simple', %s)",
                (sorted(keys), last),
            )
        return RawSQL(
            "SELECT entry_id FROM search_fts WHERE keys && %s::text[] "
            "AND titles @@ to_tsquery('simple', %s) AND vector @@ to_tsquery('simple', %s)",
            (sorted(keys), last, cls.combine([*words, last], [])),
        )

    @classmethod
    def title_candidates(cls, expression, keys, filter_sql, filter_params, limit) -> list[int]:
        """The ids of the ``limit`` best title matches, by the title alone: the
        ``titles`` column (the weight-A terms, migrations/0005) is matched by its own
        index and scored without reading the TOASTed full vector; shorter titles
        first at equal match (normalisation 1), newer entries at a tie.
        An excluded word is tested on the whole vector, by the words' index (a third
        bitmap, exact): in ``titles`` alone it would admit a body that has it.
        ``filter_sql`` refers to ``f.entry_id``."""
        wanted = expression.split(" & !", 1)[0]
        excluding, params = "", ()
        if cls._excludes(expression):
            excluding, params = "AND f.vector @@ to_tsquery('simple', %s) ", (expression,)
        sql = (
            "SELECT f.entry_id FROM search_fts f, to_tsquery('simple', %s) q "
            f"WHERE f.titles @@ q {excluding}AND f.keys && %s::text[] {filter_sql} "
            "ORDER BY ts_rank(f.titles, q, 1) DESC, f.entry_id DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (wanted, *params, sorted(keys), *filter_params, limit))
            return [row[0] for row in cursor.fetchall()]

    @classmethod
    def ranked_among(cls, expression, keys, ids, order, limit, offset):
        """(id, score) of the candidates ``ids`` (matched already, with the reader's
        keys and the filters), scored as ``ranked`` scores: no second full-text match,
        each candidate's vector read once. The keys are tested again on the row."""
        weights = "{" + ", ".join(str(w / 10) for w in reversed(WEIGHTS.values())) + "}"
        wanted = expression.split(" & !", 1)[0]
        sql = (
            f"SELECT e.id, ts_rank('{weights}', f.vector, r) * e.boost AS score "
            "FROM search_fts f JOIN search_searchentry e ON e.id = f.entry_id, "
            "to_tsquery('simple', %s) r "
            "WHERE f.entry_id = ANY(%s) AND f.keys && %s::text[] "
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        return sql, (wanted, list(ids), sorted(keys), limit, offset)

    @classmethod
    def ranked(cls, expression, keys, filter_sql, filter_params, order, limit, offset):
        weights = "{" + ", ".join(str(w / 10) for w in reversed(WEIGHTS.values())) + "}"
        # ranked by the wanted words only: a negated word makes ts_rank 0 for every hit
        wanted = expression.split(" & !", 1)[0]
        if cls._excludes(expression) and not filter_sql:
            # every match is scored: the words' index first (a bitmap, exact), the
            # keys on the rows. With a filter the plain form below lets the filter
            # drive (a CTE is read whole: the counted ids of "Antrag -Widerspruch" in
            # minutes of 2023 took 416 ms so, 12 ms in the plain form)
            sql = (
                "WITH m AS MATERIALIZED (SELECT entry_id, keys FROM search_fts "
                "WHERE vector @@ to_tsquery('simple', %s)) "
                f"SELECT e.id, ts_rank('{weights}', f.vector, r) * e.boost AS score "
                "FROM m JOIN search_fts f ON f.entry_id = m.entry_id "
                "JOIN search_searchentry e ON e.id = m.entry_id, to_tsquery('simple', %s) r "
                f"WHERE m.keys && %s::text[] {filter_sql} "
                f"ORDER BY {order} LIMIT %s OFFSET %s"
            )
            return sql, (expression, wanted, sorted(keys), *filter_params, limit, offset)
        # length normalisation (option 1) was measured worse on the relevance set
        sql = (
            f"SELECT e.id, ts_rank('{weights}', f.vector, r) * e.boost AS score "
            "FROM search_fts f JOIN search_searchentry e ON e.id = f.entry_id, "
            "to_tsquery('simple', %s) q, to_tsquery('simple', %s) r "
            f"WHERE f.keys && %s::text[] AND f.vector @@ q {filter_sql} "
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        return sql, (expression, wanted, sorted(keys), *filter_params, limit, offset)


# Where a text is sure to give what to_tsvector('simple', ...) gives: ASCII letters and
# digits only (one token each for PostgreSQL's parser), positions below its cap (16,383),
# fewer positions per word than its cap (256) and words far below its length limit.
_SIMPLE_TEXT = re.compile(r"[a-z0-9 ]*")
_MAX_TERM = 200
_MAX_POSITION = 16_383
_MAX_POSITIONS_PER_WORD = 255
# "1A", "2A", ... made once: formatting each position was most of the literal's cost
_LABELS = [[f"{p}{w}" for p in range(_MAX_POSITION + 1)] for w in "ABCD"]


def tsvector_literal(columns) -> str | None:
    """The tsvector of the four weighted columns (title A, summary B, body C, extra D),
    as ``setweight(to_tsvector('simple', ...)) || ...`` gives it, or None where that is
    not certain (the server then builds it)."""
    positions: dict[str, list[str]] = {}
    get = positions.get
    position = 0
    for labels, text in zip(_LABELS, columns, strict=True):
        if not _SIMPLE_TEXT.fullmatch(text):
            return None
        terms = text.split()
        first = position + 1  # || shifts each column by the last position before it
        position += len(terms)
        if position > _MAX_POSITION:
            return None
        for term, label in zip(terms, labels[first : position + 1], strict=True):
            found = get(term)
            if found is None:
                positions[term] = [label]
            else:
                found.append(label)
    if positions and (
        max(map(len, positions)) > _MAX_TERM
        or max(map(len, positions.values())) > _MAX_POSITIONS_PER_WORD
    ):
        return None
    return " ".join([f"'{term}':{','.join(p)}" for term, p in positions.items()])


def dialect():
    return _Postgres if connection.vendor == "postgresql" else _Sqlite


def valid_term(term: str) -> bool:
    # terms are letters and digits only (search.analysis); anything else is not sent
    return bool(term) and term.isalnum()

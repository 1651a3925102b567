"""The PostgreSQL run really runs on PostgreSQL, with what production search needs.

`make test` runs the suite a second time through scripts/with-postgres; this module makes
sure that run is on PostgreSQL (not silently on SQLite) and always has a test to run.
"""

import os

import pytest
from django.db import connection

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL=postgres://...)"),
]


@pytest.mark.django_db
def test_the_database_is_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_encoding")
        assert cursor.fetchone()[0] == "UTF8"


@pytest.mark.django_db
def test_german_full_text_search_and_extensions_are_available():
    with connection.cursor() as cursor:
        # The `german` configuration folds umlauts when stemming (stack-notes).
        cursor.execute("SELECT to_tsvector('german', 'Häuser') @@ to_tsquery('german', 'haus')")
        assert cursor.fetchone()[0] is True
        cursor.execute(
            "SELECT name FROM pg_available_extensions WHERE name IN ('unaccent', 'pg_trgm')"
        )
        assert {row[0] for row in cursor.fetchall()} == {"unaccent", "pg_trgm"}

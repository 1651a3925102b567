"""The full-text table: FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL.

Django has no field for either, so the table is created here by hand and written only
by search.backends.database.
"""

from django.db import migrations

SQLITE = [
    # the terms are analysed in Python already (search.analysis); `keys` holds the
    # audience keys ("g12 u5 member"), matched in the same query as the words
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, summary, body, extra, keys, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS search_fts"]
POSTGRES = [
    "CREATE TABLE search_fts ("
    # no foreign key: the backend deletes rows itself (as on SQLite), and a TRUNCATE
    # of the entries (test flushes) is not blocked by it
    " entry_id bigint PRIMARY KEY,"
    " vector tsvector NOT NULL,"
    " keys text[] NOT NULL)",
    "CREATE INDEX search_fts_vector ON search_fts USING GIN (vector)",
    "CREATE INDEX search_fts_keys ON search_fts USING GIN (keys)",
]
POSTGRES_REVERSE = ["DROP TABLE IF EXISTS search_fts"]


def forwards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    statements = (
        POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    )
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]

"""The full-text table: FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL.

Django has no field for either, so the table is created here by hand and written only
by search.backends.database.
"""

from django.db import migrations

SQLITE = [
    # the terms are analysed in Python already (search.analysis): split on spaces only
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, summary, body, extra, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS search_fts"]
POSTGRES = [
    "CREATE TABLE search_fts ("
    " entry_id bigint PRIMARY KEY REFERENCES search_searchentry (id)"
    " ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
    " vector tsvector NOT NULL)",
    "CREATE INDEX search_fts_vector ON search_fts USING GIN (vector)",
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

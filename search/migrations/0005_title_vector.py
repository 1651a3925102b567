"""PostgreSQL: the title's terms in a column of their own, with a GIN index.

``titles`` is the weight-A part of ``vector`` (``ts_filter``), kept by the server, so
the writers are unchanged. A title match was a test of every matching ``vector`` (a
weight restriction is not in the GIN index; ~2 kB, TOASTed); on ``titles`` it is an
index match on a small vector stored in the row (docs/search.md, "Plans on
PostgreSQL"). SQLite's FTS5 filters by column already.
"""

from django.db import migrations

POSTGRES = [
    "ALTER TABLE search_fts ADD COLUMN titles tsvector "
    "GENERATED ALWAYS AS (ts_filter(vector, '{a}')) STORED",
    "CREATE INDEX search_fts_titles ON search_fts USING GIN (titles)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_fts_titles",
    "ALTER TABLE search_fts DROP COLUMN IF EXISTS titles",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_merge")]
    operations = [migrations.RunPython(forwards, backwards)]

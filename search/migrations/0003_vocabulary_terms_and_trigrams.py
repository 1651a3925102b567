"""The vocabulary gets its index terms (compound splits) and, on PostgreSQL, a trigram
index (pg_trgm, which ships with postgresql-15) for typo corrections; entries get their
details (a form's language versions)."""

from django.db import migrations, models

POSTGRES = [
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_word_trigram ON search_searchword "
    "USING GIN (word gin_trgm_ops)",
]
POSTGRES_REVERSE = ["DROP INDEX IF EXISTS search_word_trigram"]


def trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES:
            schema_editor.execute(statement)


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_REVERSE:
            schema_editor.execute(statement)


def fill_terms(apps, schema_editor):
    from search.analysis import term

    SearchWord = apps.get_model("search", "SearchWord")
    words = list(SearchWord.objects.all())
    for word in words:
        word.term = term(word.word)[:64]
    SearchWord.objects.bulk_update(words, ["term"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_table")]
    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="details",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="searchword",
            name="term",
            field=models.CharField(db_index=True, default="", max_length=64),
        ),
        migrations.RunPython(fill_terms, migrations.RunPython.noop),
        migrations.RunPython(trigram_index, drop_trigram_index),
    ]

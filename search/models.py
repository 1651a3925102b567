"""The search index as the database holds it.

``SearchEntry`` is the stored document (what the results page shows and facets
count); its words are in the full-text table ``search_fts`` (an FTS5 virtual table on
SQLite, a ``tsvector`` with a GIN index on PostgreSQL; see migrations/0002 and
backends/database.py). The database index is always written, also when
Elasticsearch serves the queries: it is the copy search falls back to and the
source the Elasticsearch copy is filled from (``ReplicaPending``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .documents import FacetValue, SearchDocument


class SearchEntry(models.Model):
    key = models.CharField(max_length=100, unique=True)
    # the object whose reindexing replaces this entry, e.g. "minutes:12"
    owner = models.CharField(max_length=100, db_index=True)
    kind = models.CharField(max_length=40, db_index=True)
    title = models.TextField()
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    organisation = models.CharField(max_length=100, blank=True, db_index=True)
    organisation_label = models.CharField(max_length=255, blank=True)
    working_group = models.CharField(max_length=100, blank=True, db_index=True)
    working_group_label = models.CharField(max_length=255, blank=True)
    topics = models.JSONField(default=list, blank=True)
    date = models.DateTimeField(null=True, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    language = models.CharField(max_length=8, default="de")
    boost = models.FloatField(default=1.0)
    audience_scope = models.CharField(max_length=16, default="member")
    audience_source_type = models.PositiveIntegerField(null=True, blank=True)
    audience_source_id = models.PositiveBigIntegerField(null=True, blank=True)
    # what a hit lists besides its text, e.g. a form's language versions
    # ({"versions": [[title, language, url], ...]})
    details = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The version of this content for the Elasticsearch copy (external versioning),
    # set with the ``ReplicaPending`` row in the same transaction; 0 until the copy
    # exists. A rebuild of the copy writes each entry with it (search/replica.py).
    replica_version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            models.Index(
                fields=["audience_source_type", "audience_source_id"], name="search_by_source"
            ),
        ]

    def __str__(self) -> str:
        return self.key

    def as_document(self, keys=None) -> SearchDocument:
        """The document again (for the Elasticsearch copy); prefetch ``audience_keys``."""
        if keys is None:
            keys = [k.key for k in self.audience_keys.all()]
        return SearchDocument(
            key=self.key,
            kind=self.kind,
            title=self.title,
            url=self.url,
            audience_keys=frozenset(keys),
            summary=self.summary,
            body=self.body,
            organisation=(
                FacetValue(self.organisation, self.organisation_label)
                if self.organisation
                else None
            ),
            working_group=(
                FacetValue(self.working_group, self.working_group_label)
                if self.working_group
                else None
            ),
            topics=tuple(FacetValue(value, label) for value, label in self.topics),
            date=self.date,
            language=self.language,
            boost=self.boost,
            audience_scope=self.audience_scope,
            audience_source=(
                (self.audience_source_type, self.audience_source_id)
                if self.audience_source_type
                else None
            ),
        )


class SearchEntryKey(models.Model):
    """One audience key of an entry: the backend filters with one indexed semi-join."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="audience_keys")
    key = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("search audience key")
        verbose_name_plural = _("search audience keys")
        constraints = [
            models.UniqueConstraint(fields=["entry", "key"], name="search_key_once"),
        ]
        indexes = [models.Index(fields=["key", "entry"], name="search_key_entry")]


class SearchEntryTopic(models.Model):
    """One topic of an entry, for the topic facet and filter."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="topic_rows")
    value = models.CharField(max_length=100)
    label = models.CharField(max_length=255)

    class Meta:
        verbose_name = _("search topic")
        verbose_name_plural = _("search topics")
        indexes = [models.Index(fields=["value", "entry"], name="search_topic_entry")]


class SearchWord(models.Model):
    """A word seen in indexed text, for spelling suggestions.

    Only ever added to: a correction, suggestion or compound split is used only after
    a query filtered by the reader's keys has found something with it, so words of
    content the reader may not see, or of deleted content, are never offered. On
    PostgreSQL a trigram index (pg_trgm) finds similar words.
    """

    word = models.CharField(max_length=64, unique=True)
    # its index term (search.analysis.term): compound splits look parts up by it
    term = models.CharField(max_length=64, default="", db_index=True)
    # first letter and length narrow the candidates before comparing
    initial = models.CharField(max_length=1)
    length = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        indexes = [models.Index(fields=["initial", "length"], name="search_word_shape")]


class ReplicaPending(models.Model):
    """An entry whose Elasticsearch copy is behind the database (outbox).

    Written (upserted) in the same transaction as the entry; removed once
    Elasticsearch has this ``version`` of it. While a key is pending, search answers
    from the database whenever the entry is visible to the reader, and Elasticsearch
    queries exclude the key otherwise (search/replica.py). A document Elasticsearch
    keeps refusing is set aside (``FAILED``) with its error after ``MAX_ATTEMPTS``,
    for an operator (``manage.py search_replica``); the others are copied on.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        FAILED = "failed", _("set aside")

    key = models.CharField(max_length=100, unique=True)
    # external version for Elasticsearch: microseconds, increasing per key
    version = models.BigIntegerField(default=0)
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=1000, blank=True)
    # not copied again before this moment (backoff after a refused write)
    retry_after = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pending search copy")
        verbose_name_plural = _("pending search copies")
        indexes = [models.Index(fields=["state", "retry_after"], name="search_replica_due")]

    def __str__(self) -> str:
        return self.key

"""Keeping the index current: saves, publishing, moves and deletes enqueue index
tasks after commit; what must never leak is applied in the saving transaction.

- a changed (narrowed) audience: ``audience_stored`` is sent inside the transaction
  that stores it, and the entries that follow it get the new keys right there;
- unpublishing and deleting remove the entries right there too;
- everything else (new text, new URL) is reindexed by a task after commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from abhnetz.audiences.signals import audience_stored

from . import registry

_connected: set[type] = set()


@dataclass(frozen=True)
class _Enqueue:
    """An on-commit callback that equals its twin, so one save that fires several
    signals (a publish saves the page twice) enqueues one task."""

    task_name: str
    args: tuple
    done: list = field(default_factory=list, compare=False)

    def __call__(self):
        from . import tasks

        self.done.append(True)
        getattr(tasks, self.task_name).enqueue(*self.args)


def enqueue_after_commit(task_name: str, *args) -> None:
    callback = _Enqueue(task_name, args)
    if connection.in_atomic_block:
        active = set(connection.savepoint_ids)
        for savepoints, queued, _robust in connection.run_on_commit:
            # a twin that has not run and is not undone by a savepoint rollback before us
            if queued == callback and not queued.done and set(savepoints) <= active:
                return
    transaction.on_commit(callback)


def enqueue_reindex(obj) -> None:
    for indexer in registry.indexers_for_model(type(obj)):
        enqueue_after_commit("reindex", indexer.name, obj.pk)


def connect_indexer(indexer: registry.Indexer) -> None:
    for model in (indexer.model, *indexer.related):
        if model in _connected:
            continue
        _connected.add(model)
        post_save.connect(_saved, sender=model, weak=False)
        post_delete.connect(_deleted, sender=model, weak=False)


def _owners_of(instance):
    """(indexer, owner object) pairs that ``instance`` belongs to."""
    for indexer in registry.indexers():
        if isinstance(instance, indexer.model):
            yield indexer, instance
        for model, owners in indexer.related.items():
            if isinstance(instance, model):
                for owner in owners(instance):
                    if owner is not None:
                        yield indexer, owner


def _saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for indexer, owner in _owners_of(instance):
        enqueue_after_commit("reindex", indexer.name, owner.pk)


def _deleted(sender, instance, **kwargs):
    from .services import remove_owner

    for indexer, owner in _owners_of(instance):
        if owner is instance:
            remove_owner(indexer.name, instance.pk)
        else:
            enqueue_after_commit("reindex", indexer.name, owner.pk)


def _published(sender, instance, **kwargs):
    enqueue_reindex(instance.specific)


def _unpublished(sender, instance, **kwargs):
    from .services import remove_owner

    # in the unpublishing transaction: an unpublished page is gone from search at once
    for indexer in registry.indexers_for_model(type(instance.specific)):
        remove_owner(indexer.name, instance.pk)


def _moved(sender, instance, **kwargs):
    enqueue_after_commit("reindex_subtree", instance.pk)


def _audience_stored(sender, content_type_id, object_id, keys, **kwargs):
    from .services import apply_audience

    apply_audience((content_type_id, object_id), keys)


def connect_signals() -> None:
    page_published.connect(_published, dispatch_uid="search_page_published")
    page_unpublished.connect(_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(_moved, dispatch_uid="search_page_moved")
    audience_stored.connect(_audience_stored, dispatch_uid="search_audience_stored")

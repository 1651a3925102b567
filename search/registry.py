"""The registry of indexers: each app says how its objects become search documents.

``search`` imports no app; apps import ``search`` and register in ``AppConfig.ready``::

    from search.registry import Indexer, register

    class GuideIndexer(Indexer):
        name = "guide"
        model = GuidePage
        kinds = {"guide": (_("Guide"), _("Guides"))}

        def queryset(self):
            return GuidePage.objects.live()

        def documents(self, obj):
            yield SearchDocument(key=f"guide:{obj.pk}", kind="guide", ...)

    register(GuideIndexer())

An indexer owns the documents it produces for one object: reindexing the object
replaces all of them (a minutes page owns its decisions and action items).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable

from django.db import models

from .documents import SearchDocument


class Indexer(ABC):
    # unique, short, stable: part of every owner key ("guide:12")
    name: str = ""
    model: type[models.Model]
    # kind -> (singular label, plural label); the kinds this indexer produces
    kinds: dict[str, tuple[str, str]] = {}
    # Models whose saves or deletes should reindex an owner too: model -> function
    # returning the owner objects of that instance (e.g. a decision -> its minutes page).
    related: dict = {}

    def queryset(self) -> models.QuerySet:
        """Every object that should be findable now (e.g. live pages only)."""
        return self.model._default_manager.all()

    @abstractmethod
    def documents(self, obj) -> Iterable[SearchDocument]:
        """The documents of one object; nothing when it should not be findable."""

    def documents_many(self, objs: Iterable) -> dict[str, list[SearchDocument]]:
        """The documents of many objects, by owner (every object's owner, also those
        with nothing to find): what ``rebuild`` stores batch by batch. Indexers whose
        ``documents`` queries per object load what they need for the whole batch here;
        the result must equal ``documents`` per object."""
        return {self.owner(obj.pk): list(self.documents(obj)) for obj in objs}

    def owner(self, pk) -> str:
        return f"{self.name}:{pk}"

    def load(self, pk):
        """The object as it is in the database now, or None if it is gone or not
        findable (tasks run after commit and must not trust an object in memory)."""
        return self.queryset().filter(pk=pk).first()


_indexers: dict[str, Indexer] = {}
_kinds: dict[str, tuple[str, str]] = {}


def register(indexer: Indexer) -> Indexer:
    if not indexer.name:
        raise ValueError("An indexer needs a name.")
    existing = _indexers.get(indexer.name)
    if existing is not None and type(existing) is not type(indexer):
        raise ValueError(f"Two indexers are called {indexer.name!r}.")
    _indexers[indexer.name] = indexer
    _kinds.update(indexer.kinds)
    from .signals import connect_indexer

    connect_indexer(indexer)
    return indexer


def indexers() -> list[Indexer]:
    return list(_indexers.values())


def get_indexer(name: str) -> Indexer:
    return _indexers[name]


def indexers_for_model(model) -> list[Indexer]:
    return [i for i in _indexers.values() if issubclass(model, i.model)]


def kind_label(kind: str, plural: bool = False) -> str:
    labels = _kinds.get(kind)
    if labels is None:
        return kind
    return labels[1] if plural else labels[0]


def kinds() -> dict[str, tuple[str, str]]:
    return dict(_kinds)

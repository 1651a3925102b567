"""Reads of the knowledge base. Every one starts from what the reader may see."""

from datetime import date

from django.apps import apps
from django.db import models
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.text import slugify

from abhnetz.audiences.models import AudienceScope
from abhnetz.audiences.rules import authored_by, visible_to, visible_to_groups
from abhnetz.core import fragments
from abhnetz.core import hooks as shell_hooks
from abhnetz.organisations.models import Organisation
from abhnetz.topics.models import Topic

from .documents.selectors import documents_for, mark_checked
from .models import KnowledgePage

# What the listing's "sort by" offers: key → ordering (the pk breaks ties stably).
SORTINGS = {
    "aktualisiert": ("-last_published_at", "-pk"),
    "neueste": ("-first_published_at", "-pk"),
    "titel": ("title", "pk"),
}
DEFAULT_SORTING = "aktualisiert"
# How many documents a topic page shows before it points to the forms library.
TOPIC_DOCUMENTS = 20


def visible_knowledge_pages(user) -> models.QuerySet:
    """Live knowledge pages ``user`` may read, nothing joined (for counts and subqueries)."""
    return visible_to(user, KnowledgePage.objects.live())


def knowledge_pages(user) -> models.QuerySet:
    """Live knowledge pages ``user`` may read, with what a listing shows (fixed queries)."""
    pages = visible_knowledge_pages(user).select_related("organisation", "content_type")
    return pages.prefetch_related("topics", "audience_organisations", "audience_working_groups")


def knowledge_page_types() -> list[type[KnowledgePage]]:
    """Guide, minutes …: every page type built on KnowledgePage that editors can create.

    Read from the installed models, so a new knowledge sub-app's page type appears in the
    listing's filter without a change here.
    """
    types = [
        model
        for model in apps.get_models()
        if issubclass(model, KnowledgePage) and model.is_creatable
    ]
    return sorted(types, key=lambda model: str(model._meta.verbose_name))


# The value each page type has in URLs (``?art=leitfaden``): German like the parameter
# names, and never a model label. The one place to name a new page type's word; one
# without an entry gets its German name as a slug.
PAGE_TYPE_WORDS = {
    "guides.guidepage": "leitfaden",
    "minutes.minutespage": "protokoll",
    "spaces.toolkitpage": "werkzeugkoffer",
}


def model_label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def page_type_key(model) -> str:
    """The value a page type has in URLs: ``leitfaden``."""
    word = PAGE_TYPE_WORDS.get(model_label(model))
    if word is None:
        with translation.override("de"):
            word = slugify(str(model._meta.verbose_name))
    return word


def filtered_knowledge_pages(
    user,
    *,
    topic: Topic | None = None,
    organisation: Organisation | None = None,
    page_type: type[KnowledgePage] | None = None,
    updated_since: date | None = None,
    sorting: str = DEFAULT_SORTING,
) -> models.QuerySet:
    """The listing at /wissen/: the reader's pages narrowed by the filters they chose."""
    pages = knowledge_pages(user)
    if topic is not None:
        pages = pages.filter(topics=topic)
    if organisation is not None:
        pages = pages.filter(organisation=organisation)
    if page_type is not None:
        pages = pages.filter(
            content_type__app_label=page_type._meta.app_label,
            content_type__model=page_type._meta.model_name,
        )
    if updated_since is not None:
        # the day in Europe/Berlin (USE_TZ): "since 18.04." includes the whole 18th
        pages = pages.filter(last_published_at__date__gte=updated_since)
    return pages.order_by(*SORTINGS.get(sorting, SORTINGS[DEFAULT_SORTING]))


def authoring_organisations(user) -> models.QuerySet:
    """Organisations that wrote a page ``user`` may read: the organisation filter's options.

    Built from the visible pages only, so an organisation whose pages are all hidden from
    the reader does not appear (and no count is shown at all).
    """
    authored = visible_knowledge_pages(user).values("organisation")
    return Organisation.objects.filter(pk__in=authored).order_by("name")


def latest_knowledge_items(user, *, limit: int = 5, page_type=None) -> list[dict]:
    """The ``limit`` most recently updated pages ``user`` may read, as what the dashboard
    shows of each (title, url, kind, date): those their groups open, a list shared by
    everyone with those groups (abhnetz.core.fragments), and those they wrote.

    ``page_type`` (a KnowledgePage subclass) keeps only pages of that type.
    """

    def items(pages) -> list[dict]:
        pages = pages.select_related("content_type")
        if page_type is not None:
            pages = pages.filter(
                content_type__app_label=page_type._meta.app_label,
                content_type__model=page_type._meta.model_name,
            )
        return [
            {
                "title": page.title,
                "url": page.get_url(),
                "kind_label": str(page.kind_label),
                "last_published_at": page.last_published_at,
            }
            for page in pages.order_by("-last_published_at", "-pk")[:limit]
        ]

    live = KnowledgePage.objects.live()
    name = f"latest_knowledge:{page_type._meta.label_lower if page_type else ''}:{limit}"
    shared = fragments.for_audience(name, user, lambda keys: items(visible_to_groups(keys, live)))
    own = items(authored_by(user, live))
    return fragments.with_own(shared, own, newest="last_published_at", limit=limit)


def topic_knowledge_pages(user, topic: Topic) -> models.QuerySet:
    """The pages on ``topic`` that ``user`` may read, most recently updated first."""
    return knowledge_pages(user).filter(topics=topic).order_by("-last_published_at", "-pk")


def network_topic_pages(user, topic: Topic) -> models.QuerySet:
    """What a topic's feed may carry: pages for the whole network that ``user`` may read.

    A feed leaves the site (it is copied, cached, forwarded), so narrower audiences stay
    out even when the feed's owner may read them (docs/decisions/0006).
    """
    pages = visible_knowledge_pages(user).filter(topics=topic, audience_scope=AudienceScope.NETWORK)
    return pages.select_related("organisation", "owner").order_by("-last_published_at", "-pk")


def topics_with_counts(user) -> models.QuerySet:
    """Every topic with the number of pages on it that ``user`` may read (one query)."""
    tagged = KnowledgePage.topics.through.objects.filter(
        topic=OuterRef("pk"), knowledgepage__in=visible_knowledge_pages(user).values("pk")
    )
    per_topic = tagged.order_by().values("topic").annotate(count=Count("pk")).values("count")
    return Topic.objects.annotate(page_count=Coalesce(Subquery(per_topic), Value(0))).order_by(
        "name"
    )


def topic_documents(user, topic: Topic, *, limit: int = TOPIC_DOCUMENTS) -> dict:
    """The documents on ``topic`` that ``user`` may download: the first ``limit`` and the total.

    The forms library's own selector applies the audience rule; the documents are marked
    as checked for this reader, so ``{% document_link %}`` costs no query per document.
    """
    documents = documents_for(user).filter(topics=topic)
    shown = list(documents.order_by("title", "pk")[:limit])
    mark_checked(user, shown)
    total = len(shown) if len(shown) < limit else documents.count()
    return {"items": shown, "total": total}


def topic_hook_sections(user, topic: Topic) -> list[dict]:
    """What other apps list on a topic page (questions, events); see core/hooks.py."""
    return shell_hooks.collect_sections(shell_hooks.TOPIC_PAGE_SECTION, user=user, topic=topic)

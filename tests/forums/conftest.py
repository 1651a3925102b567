import pytest

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from forums import services
from forums.models import Category, ThreadKind
from tests.knowledge.conftest import knowledge_index, publish_page  # noqa: F401


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    # the limit has its own tests; elsewhere many posts in a row are fine
    from django.core.cache import cache

    cache.clear()  # counts of earlier tests' people (ids are reused)
    settings.FORUMS_POST_RATE = (10_000, 60)


@pytest.fixture
def make_category(db):
    def make(name="Organisation & Abläufe", audience=None, **fields) -> Category:
        category = Category(name=name, **fields)
        audience_assign(category, audience or Audience.network())
        category.save()
        return category

    return make


@pytest.fixture
def categories(network, make_category):
    """One category per audience situation."""
    return {
        "network": make_category("Organisation & Abläufe"),
        "board": make_category(
            "Feedback des Integrationsbeirats", Audience.network(advisory_board=True)
        ),
        "offices": make_category("Aufenthaltsrecht in der Praxis", Audience.offices()),
        "office_a": make_category(
            "Intern Adorf", Audience.selected(organisations=[network.office_a])
        ),
        "digital": network.digital_group.forum_category,
    }


@pytest.fixture
def ask(db):
    def make(author, category, title="Wie organisiert ihr den ServicePoint?", **kwargs):
        kwargs.setdefault("kind", ThreadKind.QUESTION)
        kwargs.setdefault("body", "Wir überlegen, den **ServicePoint** neu aufzustellen.")
        return services.thread_create(author=author, category=category, title=title, **kwargs)

    return make

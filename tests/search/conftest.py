# The knowledge fixtures (a published guide, a working-group space) serve the index
# upkeep tests too.
import pytest

from tests.knowledge.conftest import knowledge_index, publish_page  # noqa: F401
from tests.knowledge.guides.conftest import make_guide, text  # noqa: F401
from tests.knowledge.spaces.conftest import make_space, space_index  # noqa: F401


@pytest.fixture
def guide(network, make_guide, django_capture_on_commit_callbacks):  # noqa: F811
    """A published network guide about the Wohnsitzauflage, indexed."""
    with django_capture_on_commit_callbacks(execute=True):
        return make_guide(
            "Leitfaden Wohnsitzauflage",
            owner=network.office_staff,
            body=[text("<p>Die Wohnsitzauflage nach § 12a AufenthG.</p>")],
        )


@pytest.fixture(scope="session", autouse=True)
def _drop_the_test_alias():
    """With ELASTICSEARCH_URL set, the suite writes to its own alias
    (settings.test.ELASTICSEARCH_INDEX); drop it afterwards."""
    yield
    from django.conf import settings

    from search.backends.base import SearchUnavailable
    from search.backends.elasticsearch import ElasticsearchBackend

    if settings.ELASTICSEARCH_URL:
        backend = ElasticsearchBackend(
            settings.ELASTICSEARCH_URL, index_name=settings.ELASTICSEARCH_INDEX, timeout=10
        )
        try:
            backend.delete_index()
        except SearchUnavailable:
            pass

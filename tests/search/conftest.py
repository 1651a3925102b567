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

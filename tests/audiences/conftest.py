import pytest

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from knowledge.guides.models import GuidePage
from knowledge.models import KnowledgeIndexPage


@pytest.fixture
def knowledge_index(db):
    return KnowledgeIndexPage.objects.get()


@pytest.fixture
def publish(knowledge_index):
    """Add ``page`` below the knowledge index and publish it, as the editor would."""

    def make(page):
        knowledge_index.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def make_guide(publish):
    def make(title="Leitfaden", *, audience=None, owner=None):
        page = GuidePage(title=title, summary="Worum es geht.", body=[], owner=owner)
        audience_assign(page, audience or Audience.network())
        return publish(page)

    return make

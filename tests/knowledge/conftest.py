import pytest

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from knowledge.models import KnowledgeIndexPage, KnowledgePage


@pytest.fixture
def knowledge_index(db) -> KnowledgeIndexPage:
    return KnowledgeIndexPage.objects.get()


@pytest.fixture
def publish_page(knowledge_index):
    """Create and publish a knowledge page for an audience, as Wagtail's editor would."""

    def publish(
        title="Leitfaden", *, audience=None, owner=None, page_class=KnowledgePage, **fields
    ):
        page = page_class(title=title, summary=f"Worum es in {title} geht.", owner=owner, **fields)
        audience_assign(page, audience or Audience.network())
        knowledge_index.add_child(instance=page)
        page.save_revision(user=owner).publish()
        page.refresh_from_db()
        return page

    return publish

import pytest
from django.core import mail

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from abhnetz.notifications import registry
from abhnetz.notifications.registry import Delivery, NotificationKind
from knowledge.models import KnowledgeIndexPage, KnowledgePage

KIND = "tests.something_new"
DIGEST_KIND = "tests.digested"
WORK_KIND = "tests.work_waits"


@pytest.fixture(autouse=True)
def kinds():
    """Three kinds for the tests: at once, in the digest, and one that cannot be off."""
    added = [
        registry.register(NotificationKind(key=KIND, label="Etwas Neues")),
        registry.register(
            NotificationKind(key=DIGEST_KIND, label="Gesammelt", default_delivery=Delivery.DIGEST)
        ),
        registry.register(
            NotificationKind(key=WORK_KIND, label="Arbeit wartet", can_turn_off=False)
        ),
    ]
    yield added
    for kind in added:
        registry._kinds.pop(kind.key, None)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): ...`` runs the block's on-commit callbacks (mail tasks)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def publish(db):
    """Publish a knowledge page for an audience, as Wagtail's editor would."""

    def make(title="Leitfaden", *, audience=None, owner=None):
        index = KnowledgeIndexPage.objects.get()
        page = KnowledgePage(title=title, summary=f"Worum es in {title} geht.", owner=owner)
        audience_assign(page, audience or Audience.network())
        index.add_child(instance=page)
        page.save_revision(user=owner).publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def outbox():
    return mail.outbox

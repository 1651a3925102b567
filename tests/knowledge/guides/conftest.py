import uuid

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from abhnetz.audiences.models import Audience, AudienceMixin
from abhnetz.audiences.services import audience_assign
from knowledge.guides.models import GuidePage


def block(kind, value) -> dict:
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def text(html: str) -> dict:
    return block("rich_text", html)


@pytest.fixture
def make_guide(publish_page):
    """A published guide: ``make_guide("Titel", body=[text("<p>…</p>")], owner=…)``."""

    def make(title="Leitfaden ServicePoint", *, owner=None, audience=None, body=(), **fields):
        return publish_page(
            title,
            audience=audience,
            owner=owner,
            page_class=GuidePage,
            body=list(body),
            **fields,
        )

    return make


@pytest.fixture
def make_document(db, settings):
    """A document of the site's document model, for an audience when the model has one."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }

    def make(title="Checkliste", *, audience=None):
        model = get_document_model()
        document = model(title=title, collection=Collection.get_first_root_node())
        document.file.save(f"{uuid.uuid4().hex[:8]}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        if issubclass(model, AudienceMixin):
            audience_assign(document, audience or Audience.network())
        document.save()
        return document

    return make

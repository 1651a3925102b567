"""Documents on a topic page: only those the reader may download, in a fixed number of queries."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import Collection

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from knowledge.documents.models import Document
from tests.factories import TopicFactory


@pytest.fixture(autouse=True)
def _files_on_disk(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def topic(db):
    return TopicFactory(name="Mehrsprachige Formulare", slug="mehrsprachige-formulare")


def make_document(title, *, topics, audience=None) -> Document:
    """A document saved as Wagtail's upload saves it."""
    doc = Document(title=title, collection=Collection.get_first_root_node())
    doc.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    doc._set_document_file_metadata()
    doc.topics.set(topics)
    audience_assign(doc, audience or Audience.network())
    doc.save()
    return doc


def test_topic_page_lists_the_readers_documents_only(network, client_for, topic):
    # given a network-wide form and one for office A only, both on the topic
    make_document("Checkliste Aufenthaltstitel", topics=[topic])
    make_document(
        "Dienstplanvorlage Adorf",
        topics=[topic],
        audience=Audience.selected(organisations=[network.office_a]),
    )
    make_document("Anderes Formular", topics=[])
    url = reverse("knowledge:topic", args=[topic.slug])

    # then office A sees both on the topic page
    mine = client_for(network.office_staff).get(url)
    assert [d.title for d in mine.context["documents"]["items"]] == [
        "Checkliste Aufenthaltstitel",
        "Dienstplanvorlage Adorf",
    ]
    # and the partner only the network-wide one, nor is the other counted
    theirs = client_for(network.partner).get(url)
    assert theirs.context["documents"] == {
        "items": [theirs.context["documents"]["items"][0]],
        "total": 1,
    }
    html = theirs.content.decode()
    assert "Checkliste Aufenthaltstitel" in html
    assert "Dienstplanvorlage Adorf" not in html
    assert "Anderes Formular" not in html


def test_topic_page_documents_cost_fixed_queries(network, client_for, topic, queries):
    make_document("Erstes Formular", topics=[topic])
    office = client_for(network.office_staff)
    url = reverse("knowledge:topic", args=[topic.slug])
    queries.assert_constant(
        lambda: office.get(url),
        lambda: [make_document(f"Formular {n}", topics=[topic]) for n in range(5)],
    )

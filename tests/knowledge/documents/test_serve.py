"""A document's download URL answers as the library does: 404 outside the audience."""

import pytest
from django.test import Client

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from knowledge.documents.models import Document
from tests.audiences.test_rules import CASES


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_role_downloads_exactly_its_audiences(network, client_for, make_document, case):
    # given a document for this audience, uploaded by the coordinator
    make_audience, readers = CASES[case]
    doc = make_document("Checkliste", audience=make_audience(network), uploader=network.coordinator)
    readers = readers | {"coordinator"}  # uploaders keep sight of what they shared

    for name, person in network.people().items():
        # when they open its direct URL
        response = client_for(person).get(doc.url)
        # then readers get the file, everyone else the same 404 as a missing document
        if name in readers:
            assert response.status_code == 200, f"{name} misses {case}"
            assert b"".join(response.streaming_content).startswith(b"%PDF-")
        else:
            assert response.status_code == 404, f"{name} downloads {case}"


def test_guests_are_sent_to_the_login(make_document):
    # given a document for the whole network
    doc = make_document("Antrag")
    # when a guest opens its URL, then they are asked to sign in first
    response = Client().get(doc.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_a_missing_document_answers_like_a_hidden_one(network, client_for, make_document):
    # given a document for office A only, and one for everyone
    doc = make_document("Intern")
    hidden = make_document(
        "Dienstplan", audience=Audience.selected(organisations=[network.office_a])
    )
    client = client_for(network.office_staff_b)
    # when office B asks for it and for an id that does not exist
    not_allowed = client.get(hidden.url)
    missing = client.get(doc.url.replace(f"/{doc.pk}/", f"/{doc.pk + 1000}/"))
    # then both answers are the same 404
    assert not_allowed.status_code == missing.status_code == 404


def test_the_stored_audience_follows_every_save(network, client_for, make_document):
    # given a network document that office B can download
    doc = make_document("Antrag")
    client = client_for(network.office_staff_b)
    assert client.get(doc.url).status_code == 200
    # when it is narrowed to office A and saved
    audience_assign(doc, Audience.selected(organisations=[network.office_a]))
    doc.save()
    # then office B gets a 404 at once, and a size-only update keeps the narrowed audience
    assert client.get(doc.url).status_code == 404
    Document.objects.filter(pk=doc.pk).update(file_size=None)
    doc.file_size = None
    doc.get_file_size()  # Wagtail saves update_fields=["file_size"]
    assert client.get(doc.url).status_code == 404
    assert client_for(network.office_staff).get(doc.url).status_code == 200

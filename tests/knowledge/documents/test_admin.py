"""Documents in the Wagtail admin: the new fields, the upload check and the audience check."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Collection

from abhnetz.audiences.models import Audience, AudienceScope
from abhnetz.audiences.rules import can_view
from knowledge.documents.models import Document
from knowledge.documents.pdf import minimal_pdf
from tests.factories import TopicFactory


@pytest.fixture
def admin_client(network, client_for):
    # the administrator has set up the second factor the admin asks for
    Authenticator.objects.create(
        user=network.administrator, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    return client_for(network.administrator)


def form_data(**overrides):
    data = {
        "title": "Antrag auf Erteilung eines Aufenthaltstitels",
        "language": "en",
        "audience_scope": AudienceScope.NETWORK,
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
    }
    data.update(overrides)
    return data


def test_the_upload_form_shows_the_new_fields(admin_client):
    TopicFactory(name="ServicePoint")
    html = admin_client.get("/admin/documents/add/").content.decode()
    for name in ("language", "form_item", "topics", "organisation", "audience_scope"):
        assert f'name="{name}"' in html, name


def test_a_valid_upload_is_saved_with_its_language_and_audience(network, admin_client):
    # given a PDF for office A only
    data = form_data(
        audience_scope=AudienceScope.SELECTED, audience_organisations=[network.office_a.pk]
    )
    data["file"] = SimpleUploadedFile("antrag.pdf", minimal_pdf("Antrag"))
    # when the administrator uploads it
    response = admin_client.post("/admin/documents/add/", data)
    # then it is saved, and its stored audience lets office A in and office B not
    assert response.status_code == 302, response.content.decode()[:2000]
    doc = Document.objects.get()
    assert doc.language == "en"
    assert can_view(network.office_staff, doc)
    assert not can_view(network.office_staff_b, doc)


def test_a_renamed_program_is_refused_next_to_the_file_field(admin_client):
    # given an executable renamed to .pdf
    data = form_data()
    data["file"] = SimpleUploadedFile("antrag.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    # when it is uploaded
    response = admin_client.post("/admin/documents/add/", data)
    html = response.content.decode()
    # then the form comes back with the error at the file field, and the title kept
    assert response.status_code == 200
    assert Document.objects.count() == 0
    assert "whatever its name says" in html or "was auch immer" in html
    assert response.context["form"].errors["file"]
    assert 'value="Antrag auf Erteilung eines Aufenthaltstitels"' in html


def test_too_large_files_are_refused(admin_client, settings):
    settings.ABHNETZ_MAX_UPLOAD_MB = 1
    data = form_data()
    data["file"] = SimpleUploadedFile("antrag.pdf", minimal_pdf("A") + b"%" * (1024 * 1024))
    response = admin_client.post("/admin/documents/add/", data)
    assert response.status_code == 200
    assert "file_too_large" in [e.code for e in response.context["form"].errors.as_data()["file"]]


def test_the_audience_checks_apply_next_to_their_fields(admin_client):
    # given "selected" with nothing selected
    data = form_data(audience_scope=AudienceScope.SELECTED)
    data["file"] = SimpleUploadedFile("antrag.pdf", minimal_pdf("Antrag"))
    # when it is uploaded, then the organisations field says what is missing
    response = admin_client.post("/admin/documents/add/", data)
    assert response.status_code == 200
    assert "audience_organisations" in response.context["form"].errors
    assert Document.objects.count() == 0


def test_multiple_upload_refuses_wrong_content_with_a_message(admin_client):
    # when an HTML page named .pdf is dropped on the multiple uploader
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("antrag.pdf", b"<html><script></script></html>")},
    )
    # then it is rejected with the reason, and nothing is stored
    payload = response.json()
    assert payload["success"] is False
    assert "PDF" in payload["error_message"]
    assert Document.objects.count() == 0


def test_multiple_upload_asks_for_the_details_of_a_valid_file(network, admin_client):
    # when a real PDF is dropped on the multiple uploader
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("antrag.pdf", minimal_pdf("Antrag"))},
    )
    # then it is accepted and the form for its language and audience is shown
    payload = response.json()
    assert payload["success"] is True
    assert 'name="uploaded-document-' in payload["form"]
    assert "audience_scope" in payload["form"]


def test_editing_keeps_the_file_and_changes_the_audience(network, admin_client, make_document):
    # given a network document
    doc = make_document("Antrag")
    assert can_view(network.office_staff_b, doc)
    # when the administrator narrows it to office A without uploading a new file
    data = form_data(
        title="Antrag",
        language="de",
        audience_scope=AudienceScope.SELECTED,
        audience_organisations=[network.office_a.pk],
    )
    response = admin_client.post(f"/admin/documents/edit/{doc.pk}/", data)
    # then office B loses it at once
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not can_view(network.office_staff_b, doc)
    assert can_view(network.office_staff, doc)


def test_office_staff_upload_and_choose_only_what_they_may_read(network, client_for, make_document):
    # given a network document and one for office B only
    shared = make_document("Antrag")
    make_document("Intern Bestadt", audience=Audience.selected(organisations=[network.office_b]))
    client = client_for(network.office_staff)
    # when office staff (office A) open the upload form and the document chooser
    upload = client.get("/admin/documents/add/")
    chooser = client.get("/admin/documents/chooser/").content.decode()
    # then they may upload, and the chooser offers the shared document only
    assert upload.status_code == 200
    assert shared.title in chooser
    assert "Intern Bestadt" not in chooser


def test_a_form_made_in_the_admin_stores_its_own_audience(network, admin_client):
    from knowledge.documents.models import FormItem

    # when the administrator creates office A's internal form in the snippet editor
    response = admin_client.post(
        "/admin/snippets/documents/formitem/add/",
        {
            "title": "Dienstplanvorlage",
            "description": "Intern.",
            "organisation": network.office_a.pk,
            "audience_scope": AudienceScope.SELECTED,
            "audience_organisations": [network.office_a.pk],
        },
    )

    # then it is saved with its owner, and its title is for office A only
    assert response.status_code == 302, response.content.decode()[:2000]
    form = FormItem.objects.get()
    assert form.organisation == network.office_a
    assert can_view(network.office_staff, form)
    assert not can_view(network.partner, form)


def test_a_form_for_selected_readers_needs_someone_selected(admin_client):
    from knowledge.documents.models import FormItem

    response = admin_client.post(
        "/admin/snippets/documents/formitem/add/",
        {"title": "Dienstplanvorlage", "audience_scope": AudienceScope.SELECTED},
    )

    assert response.status_code == 200
    assert not FormItem.objects.exists()
    assert "audience_organisations" in response.context["form"].errors

"""Adding a language version to a form: only forms the editor may edit, and a version
never widens who sees the form's title and description (issue #9, decisions/0023)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Collection

from abhnetz.audiences.models import Audience, AudienceScope
from abhnetz.audiences.services import audience_assign
from knowledge.documents.models import Document
from knowledge.documents.pdf import minimal_pdf
from knowledge.documents.permissions import form_items_editable_by, may_edit_form_item
from search.services import search

INTERNAL = "Dienstplanvorlage Adorf intern-7f3a"
DESCRIPTION = "Nur für die Teamleitung der ABH Adorf-91c2."
UPLOAD = "/admin/documents/add/"


@pytest.fixture
def internal_form(network, make_form):
    """Office A's internal form: its title and description are for office A only."""
    return make_form(
        INTERNAL,
        description=DESCRIPTION,
        organisation=network.office_a,
        audience=Audience.selected(organisations=[network.office_a]),
    )


def upload(client, **fields):
    data = {
        "title": "Dienstplan",
        "language": "de",
        "audience_scope": AudienceScope.NETWORK,
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
        "file": SimpleUploadedFile("dienstplan.pdf", minimal_pdf("Dienstplan")),
        **fields,
    }
    return client.post(UPLOAD, data)


def test_may_edit_a_form_is_for_its_organisation_and_the_administration(
    network, internal_form, make_form
):
    ownerless = make_form("Ohne Eigentümer")
    for name, person in network.people().items():
        # office A's members; not the administration, which may not read this form
        expected = name in {"office_staff", "moderator"}
        assert may_edit_form_item(person, internal_form) is expected, name
        assert (internal_form in form_items_editable_by(person)) is expected, name
        # a form without an owning organisation: the administration only
        assert may_edit_form_item(person, ownerless) is (name == "administrator"), name
    network.office_staff.is_active = False
    assert not may_edit_form_item(network.office_staff, internal_form)
    assert not form_items_editable_by(network.office_staff).exists()


def test_another_office_is_not_offered_the_form(network, client_for, internal_form):
    # when office B's staff open the upload form
    response = client_for(network.office_staff_b).get(UPLOAD)

    # then office A's internal form is not among the choices, not even its title
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="form_item"' in html
    assert INTERNAL not in html
    # while office A's staff may choose it
    assert INTERNAL in client_for(network.office_staff).get(UPLOAD).content.decode()


def test_a_forged_form_id_is_refused_next_to_the_field(network, client_for, internal_form):
    # when office B's staff post office A's form id anyway
    response = upload(client_for(network.office_staff_b), form_item=internal_form.pk)

    # then nothing is saved, and the form field says why; what was typed stays
    assert response.status_code == 200
    assert not Document.objects.exists()
    errors = response.context["form"].errors
    assert list(errors) == ["form_item"]
    assert 'value="Dienstplan"' in response.content.decode()


def test_a_network_version_does_not_show_an_internal_form_to_partners(
    network, client_for, internal_form, django_capture_on_commit_callbacks
):
    # given office A's staff add a version for the whole network to their internal form
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client_for(network.office_staff), form_item=internal_form.pk)
    assert response.status_code == 302, response.content.decode()[:2000]
    version = Document.objects.get()
    assert version.form_item == internal_form

    # when a partner opens the library and searches for the form
    partner = client_for(network.partner)
    library = partner.get("/wissen/formulare/").content.decode()
    found = search(network.partner, "Dienstplanvorlage")
    by_description = search(network.partner, "Teamleitung")
    suggested = partner.get("/suche/vorschlaege/", {"q": "Dienstplanv"}).content.decode()

    # then neither the form's title nor its description appear anywhere
    for shown in (library, suggested, *(hit.title for hit in found.hits)):
        assert INTERNAL not in shown
        assert DESCRIPTION not in shown
    assert by_description.total == 0
    # the version itself stays the network's: found by its own title, without the form's words
    [hit] = search(network.partner, "Dienstplan").hits
    assert hit.kind == "document"
    assert DESCRIPTION not in hit.snippet_html
    # and office A still find the form, once
    assert [h.kind for h in search(network.office_staff, "Dienstplanvorlage").hits] == ["form"]


def test_a_narrowed_version_leaves_its_form_in_the_saving_transaction(
    network, make_document, make_form, django_capture_on_commit_callbacks
):
    # given a network form standing for its network version, whose PDF has a rare word
    form = make_form("Checkliste ServicePoint")
    with django_capture_on_commit_callbacks(execute=True):
        version = make_document(
            "Checkliste", form_item=form, content=minimal_pdf("Passbildautomat-4411")
        )
    assert [hit.kind for hit in search(network.partner, "Passbildautomat-4411").hits] == ["form"]

    # when the version is narrowed to office A, before any task has run
    with django_capture_on_commit_callbacks(execute=False):
        version = Document.objects.get(pk=version.pk)
        audience_assign(version, Audience.selected(organisations=[network.office_a]))
        version.save()
        # then partners no longer find its words through the form, already now
        assert search(network.partner, "Passbildautomat-4411").total == 0
        assert search(network.partner, "Checkliste ServicePoint").total == 1


def test_a_widened_form_drops_the_versions_it_no_longer_stands_for(
    network, make_document, make_form, django_capture_on_commit_callbacks
):
    # given office A's form standing for its office-A version
    office_a = Audience.selected(organisations=[network.office_a])
    form = make_form("Dienstplanvorlage", audience=office_a)
    with django_capture_on_commit_callbacks(execute=True):
        make_document(
            "Dienstplan", form_item=form, audience=office_a, content=minimal_pdf("Schichtplan-77")
        )
    assert search(network.office_staff, "Schichtplan-77").total == 1

    # when the form (not the version) is opened to the whole network, before any task
    with django_capture_on_commit_callbacks(execute=False):
        audience_assign(form, Audience.network())
        form.save()
        # then partners find the form, but not the office-A version's words
        assert search(network.partner, "Dienstplanvorlage").total == 1
        assert search(network.partner, "Schichtplan-77").total == 0


def test_a_version_of_a_form_the_editor_may_not_edit_stays_in_it(
    network, client_for, internal_form, make_document
):
    # given office B's own document that is (by an administrator) a version of A's form
    doc = make_document("Dienstplan", form_item=internal_form, uploader=network.office_staff_b)
    client = client_for(network.office_staff_b)
    url = f"/admin/documents/edit/{doc.pk}/"

    # when office B's staff edit it
    html = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title": "Dienstplan neu",
            "language": "de",
            "audience_scope": AudienceScope.NETWORK,
            "collection": doc.collection_id,
            "tags": "",
            "form_item": "",
        },
    )

    # then the form's title is not shown, and the version stays in the form
    assert INTERNAL not in html
    assert 'name="form_item"' not in html
    assert response.status_code == 302, response.content.decode()[:2000]
    doc.refresh_from_db()
    assert doc.title == "Dienstplan neu"
    assert doc.form_item == internal_form

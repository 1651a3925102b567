"""/wissen/formulare/: one item per form, only the versions the reader may see."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from abhnetz.audiences.models import Audience
from knowledge.documents.models import FormsLibraryPage
from knowledge.documents.selectors import visible_documents
from tests.factories import TopicFactory

URL = "/wissen/formulare/"


def test_the_library_page_is_made_by_the_migration(db):
    page = FormsLibraryPage.objects.get()
    assert page.url_path.endswith("/wissen/formulare/")
    assert page.live


def test_one_form_in_several_languages_is_one_item(network, client_for, make_document, make_form):
    # given a form with a German and an English version
    form = make_form()
    make_document("Antrag auf Erteilung", language="de", form_item=form)
    make_document("Application for a residence permit", language="en", form_item=form)
    # when a member opens the library
    html = client_for(network.partner).get(URL).content.decode()
    # then the form is listed once, with both versions as download links in their language
    assert html.count("Antrag auf Erteilung eines Aufenthaltstitels</h2>") == 1
    assert 'hreflang="de"' in html
    assert 'hreflang="en"' in html
    assert '<span lang="en" dir="auto">Application for a residence permit</span>' in html
    assert "Englisch, PDF" in html


def test_hidden_versions_and_wholly_hidden_forms_are_left_out(
    network, client_for, make_document, make_form
):
    # given a form with a network version and an office-A version, and an office-A-only form
    office_a = Audience.selected(organisations=[network.office_a])
    mixed = make_form("Checkliste ServicePoint")
    make_document("Checkliste", language="de", form_item=mixed)
    make_document("Kontrol listesi", language="tr", form_item=mixed, audience=office_a)
    internal = make_form("Dienstplanvorlage", audience=office_a)
    make_document("Dienstplan", form_item=internal, audience=office_a)
    # when office B opens the library
    html = client_for(network.office_staff_b).get(URL).content.decode()
    # then it sees the checklist with its German version only, and not the office-A form
    assert "Checkliste ServicePoint" in html
    assert "Kontrol listesi" not in html
    assert "Dienstplanvorlage" not in html
    # while office A sees all of it
    html = client_for(network.office_staff).get(URL).content.decode()
    assert "Kontrol listesi" in html
    assert "Dienstplanvorlage" in html


def test_filters_by_topic_and_language_keep_their_values(
    network, client_for, make_document, make_form
):
    # given two forms on different topics, one with a Turkish version
    topic = TopicFactory(name="ServicePoint", slug="servicepoint")
    other = TopicFactory(name="Aufenthaltsrecht", slug="aufenthaltsrecht")
    checklist = make_form("Checkliste ServicePoint")
    make_document("Checkliste", form_item=checklist, topics=[topic])
    make_document("Kontrol listesi", language="tr", form_item=checklist, topics=[topic])
    make_document("Antrag", form_item=make_form("Antrag"), topics=[other])
    client = client_for(network.office_staff)
    # when filtering by topic, then only that form is listed and the choice is kept
    html = client.get(URL, {"thema": "servicepoint"}).content.decode()
    assert "Checkliste ServicePoint" in html
    assert "Antrag</h2>" not in html
    assert '<option value="servicepoint" selected>' in html
    # when filtering by language, then only forms with a Turkish version are listed
    html = client.get(URL, {"sprache": "tr"}).content.decode()
    assert "Checkliste ServicePoint" in html
    assert "Antrag</h2>" not in html
    assert '<option value="tr" selected>' in html
    # when nothing matches, then the page says so
    html = client.get(URL, {"thema": "aufenthaltsrecht", "sprache": "tr"}).content.decode()
    assert "No forms match these filters." in html or "Keine Formulare" in html


def test_an_unknown_filter_value_shows_an_error_next_to_the_field(network, client_for):
    response = client_for(network.office_staff).get(URL, {"sprache": "xx"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_sprache-error"' in html
    assert 'aria-invalid="true"' in html or "kern-form-input--error" in html


def test_the_library_is_paginated(network, client_for, make_document, make_form, settings):
    # given three forms and two per page
    settings.ABHNETZ_PAGE_SIZE = 2
    for title in ("A-Formular", "B-Formular", "C-Formular"):
        make_document(title, form_item=make_form(title))
    client = client_for(network.office_staff)
    # when reading page one and two
    first = client.get(URL).content.decode()
    second = client.get(URL, {"seite": 2}).content.decode()
    # then the forms are spread over them in title order
    assert "A-Formular</h2>" in first
    assert "C-Formular</h2>" not in first
    assert "C-Formular</h2>" in second
    assert "A-Formular</h2>" not in second


def test_the_query_count_does_not_grow_with_forms_versions_or_topics(
    network, client_for, make_document, make_form, queries
):
    # given a form with one version
    client = client_for(network.office_staff)
    make_document("Antrag", form_item=make_form("Antrag"))

    def add_items():
        for n in range(4):
            form = make_form(f"Formular {n}")
            for language in ("de", "en", "ar"):
                make_document(
                    f"Formular {n} {language}",
                    language=language,
                    form_item=form,
                    topics=[TopicFactory()],
                )

    # when the library is read before and after adding forms, versions and topics
    # then it takes the same number of queries
    queries.assert_constant(lambda: client.get(URL), add_items)


def test_guests_are_asked_to_sign_in(db, client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


@pytest.mark.django_db
def test_visible_documents_and_the_link_tag_leave_hidden_documents_out(
    network, make_document, queries
):
    # given a network document and one for office A only
    shared = make_document("Antrag")
    office_a = Audience.selected(organisations=[network.office_a])
    hidden = make_document("Dienstplan", audience=office_a)
    # when office B asks for both
    found = visible_documents(network.office_staff_b, [shared.pk, hidden.pk, None])
    # then only the shared one comes back
    assert set(found) == {shared.pk}
    # and the tag renders the checked one with no query, the unchecked hidden one not at all
    request = RequestFactory().get("/")
    request.user = network.office_staff_b
    template = Template("{% load document_tags %}{% document_link doc %}")
    context = Context({"request": request, "doc": found[shared.pk]})
    assert queries.count(lambda: template.render(context)) == 0
    html = template.render(context)
    assert f'href="{shared.url}"' in html
    assert template.render(Context({"request": request, "doc": hidden})).strip() == ""
    # and a label replaces the title (without claiming the document's language)
    labelled = Template('{% load document_tags %}{% document_link doc "Formular" %}')
    html = labelled.render(Context({"request": request, "doc": shared}))
    assert "<span>Formular</span>" in html

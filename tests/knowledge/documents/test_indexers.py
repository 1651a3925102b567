"""Documents and forms as search documents: the words in the file, behind the audience;
a form behind its own audience, standing for the versions every one of its readers may
read (docs/decisions/0023)."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Collection

from abhnetz.audiences.models import Audience, AudienceScope
from abhnetz.audiences.rules import audience_source, document_keys, search_reader_keys
from knowledge.documents.indexers import DocumentIndexer, FormIndexer, forms_of
from knowledge.documents.models import Document, FormsLibraryPage
from knowledge.documents.pdf import minimal_pdf
from search.documents import FacetValue
from search.registry import get_indexer
from tests.factories import TopicFactory

from .test_text import docx_paragraphs, odt_file


def only(indexer, obj):
    [document] = indexer.documents(obj)
    return document


def test_the_document_and_form_indexers_are_registered():
    assert isinstance(get_indexer("document"), DocumentIndexer)
    assert isinstance(get_indexer("form"), FormIndexer)
    assert Document in get_indexer("form").related


def test_a_document_is_found_by_the_words_in_its_file(network, make_document, make_form):
    # given the network-wide English version of office A's internal form, an ODT file
    topic = TopicFactory(name="Einbürgerung", slug="einbuergerung")
    form = make_form(
        description="Für die Verpflichtung nach § 68 AufenthG.",
        audience=Audience.selected(organisations=[network.office_a]),
    )
    doc = make_document(
        "Declaration of commitment",
        language="en",
        form_item=form,
        topics=[topic],
        content=odt_file("<text:p>Verpflichtungserklärung: Angaben zur Person</text:p>"),
        name="commitment.odt",
    )
    doc.organisation = network.office_a
    doc.save()
    doc.tags.add("Bürgschaft")

    document = only(DocumentIndexer(), DocumentIndexer().load(doc.pk))

    assert document.key == f"document:{doc.pk}"
    assert document.kind == "document"
    assert document.title == "Declaration of commitment"
    assert document.url == doc.url
    # the words inside the file and its tags; never the (internal) form's description
    assert "Verpflichtungserklärung: Angaben zur Person" in document.body
    assert "Bürgschaft" in document.body
    assert document.summary == ""
    assert "68 AufenthG" not in document.body
    assert document.language == "en"
    assert document.date == doc.created_at
    assert document.organisation == FacetValue(network.office_a.slug, network.office_a.name)
    assert document.topics == (FacetValue("einbuergerung", "Einbürgerung"),)
    assert document.audience_keys == document_keys(doc)
    assert document.audience_source == audience_source(doc)
    assert document.audience_scope == AudienceScope.NETWORK


@pytest.fixture
def admin_client(network, client_for):
    # the administrator has set up the second factor the admin asks for
    Authenticator.objects.create(
        user=network.administrator, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    return client_for(network.administrator)


def upload_docx(admin_client, network, title: str, words: str) -> Document:
    """Upload a DOCX for office A only, through the admin's upload form."""
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "language": "de",
            "audience_scope": AudienceScope.SELECTED,
            "audience_organisations": [network.office_a.pk],
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
            "file": SimpleUploadedFile("merkblatt.docx", docx_paragraphs(words)),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Document.objects.get(title=title)


def test_an_uploaded_docx_is_indexed_with_its_text_behind_its_audience(network, admin_client):
    # given a DOCX for office A uploaded in the admin
    doc = upload_docx(
        admin_client, network, "Merkblatt Wohnsitzauflage", "Die Wohnsitzregelung gilt drei Jahre."
    )

    document = only(DocumentIndexer(), DocumentIndexer().load(doc.pk))

    assert "Die Wohnsitzregelung gilt drei Jahre." in document.body
    assert document.audience_scope == AudienceScope.SELECTED
    assert document.audience_keys & search_reader_keys(network.office_staff)
    assert not document.audience_keys & search_reader_keys(network.office_staff_b)


@pytest.mark.parametrize(("reader", "found"), [("office_staff", True), ("office_staff_b", False)])
def test_an_uploaded_docx_is_found_by_a_word_inside_it_only_by_its_audience(
    network, admin_client, django_capture_on_commit_callbacks, reader, found
):
    from search.services import search

    with django_capture_on_commit_callbacks(execute=True):
        upload_docx(admin_client, network, "Merkblatt", "Die Wohnsitzregelung gilt drei Jahre.")

    results = search(getattr(network, reader), "Wohnsitzregelung")

    assert results.total == (1 if found else 0)
    assert [hit.title for hit in results.hits] == (["Merkblatt"] if found else [])


def test_a_form_is_found_by_its_own_audience_with_the_versions_it_stands_for(
    network, make_document, make_form
):
    # given an offices-only form with a network version and a version for office B only
    form = make_form(description="Wer bürgt, füllt sie aus.", audience=Audience.offices())
    german = make_document(
        "Verpflichtungserklärung",
        form_item=form,
        topics=[TopicFactory(name="Aufenthalt", slug="aufenthalt")],
        content=minimal_pdf("Angaben zur bürgenden Person"),
    )
    english = make_document(
        "Declaration of commitment",
        language="en",
        form_item=form,
        topics=[TopicFactory(name="Einbürgerung", slug="einbuergerung")],
        audience=Audience.selected(organisations=[network.office_b]),
    )

    document = only(FormIndexer(), FormIndexer().load(form.pk))

    # then it is the form, in the forms library, behind the form's own audience
    assert document.key == f"form:{form.pk}"
    assert document.kind == "form"
    assert document.title == form.title
    assert document.summary == "Wer bürgt, füllt sie aus."
    assert document.url == FormsLibraryPage.objects.get().url
    assert document.audience_keys == document_keys(form)
    assert document.audience_source == audience_source(form)
    assert document.audience_scope == AudienceScope.OFFICES
    assert not document.audience_keys & search_reader_keys(network.partner)
    # it stands for the German version, which every reader of the form may read ...
    assert "Angaben zur bürgenden Person" in document.body
    assert document.topics == (FacetValue("aufenthalt", "Aufenthalt"),)
    assert list(DocumentIndexer().documents(german)) == []
    # ... not for the narrower English one, which is found on its own
    assert "Declaration" not in document.body
    assert only(DocumentIndexer(), english).audience_keys == document_keys(english)


def test_a_form_lists_its_versions_and_their_languages_by_name(network, make_document, make_form):
    # given a network form with a German and a Turkish version, and an office-only one
    form = make_form(audience=Audience.network())
    german = make_document("Checkliste Empfang", form_item=form, audience=Audience.network())
    turkish = make_document(
        "Karşılama kontrol listesi", language="tr", form_item=form, audience=Audience.network()
    )
    make_document(
        "Checkliste Empfang (intern)",
        language="ar",
        form_item=form,
        audience=Audience.selected(organisations=[network.office_b]),
    )

    document = only(FormIndexer(), FormIndexer().load(form.pk))

    # then its hit lists the versions every reader of the form may read, by language
    assert document.extra["versions"] == [
        ["Checkliste Empfang", "Deutsch", german.url],
        ["Karşılama kontrol listesi", "Türkisch", turkish.url],
    ]
    # and the language's names in any common form find it ("türkisch", "Türkçe")
    for name in ("Türkisch", "Turkish", "Türkçe"):
        assert name in document.body
    assert "Arabisch" not in document.body


def test_a_wider_version_never_widens_its_form(network, make_document, make_form):
    # given office A's internal form
    form = make_form(audience=Audience.selected(organisations=[network.office_a]))

    # when a version for the whole network is added
    make_document("Antrag", form_item=form, audience=Audience.network())

    # then partners still do not find the form (its title, its description)
    document = only(FormIndexer(), form)
    assert document.audience_scope == AudienceScope.SELECTED
    assert not document.audience_keys & search_reader_keys(network.partner)
    assert document.audience_keys & search_reader_keys(network.office_staff)


def test_a_form_without_versions_is_not_findable(make_form):
    form = make_form()
    indexer = FormIndexer()

    assert indexer.load(form.pk) is None
    assert list(indexer.documents(form)) == []


def test_a_version_moved_to_another_form_reindexes_both(make_document, make_form):
    # given a version of form A
    first = make_form("Antrag A")
    second = make_form("Antrag B")
    doc = make_document("Antrag", form_item=first)

    # when it is moved to form B
    doc = Document.objects.get(pk=doc.pk)
    doc.form_item = second
    doc.save()

    # then saving it names both forms as owners to reindex (A may have to narrow)
    assert set(forms_of(doc)) == {first, second}


def test_indexing_forms_and_documents_costs_the_same_queries_whatever_their_versions(
    network, make_document, make_form, queries
):
    form = make_form()
    make_document("Antrag", form_item=form, topics=[TopicFactory()])
    forms, documents = FormIndexer(), DocumentIndexer()

    def index():
        list(forms.documents(forms.load(form.pk)))
        for doc in documents.queryset().filter(form_item=form)[:1]:
            list(documents.documents(doc))

    def add_items():
        for language in ("en", "ar", "uk"):
            make_document(
                "Antrag",
                language=language,
                form_item=form,
                topics=[TopicFactory(), TopicFactory()],
                audience=Audience.selected(organisations=[network.office_a]),
            )

    queries.assert_constant(index, add_items)

"""Documents and forms as search documents: the words in the file, behind the audience;
a form behind the audiences of its language versions, as the forms library shows it."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Collection

from abhnetz.audiences.models import Audience, AudienceScope
from abhnetz.audiences.rules import audience_source, document_keys, search_reader_keys
from knowledge.documents.indexers import DocumentIndexer, FormIndexer, forms_of
from knowledge.documents.models import Document, FormsLibraryPage
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
    # given the English version of a form, an ODT file of office A on a topic
    topic = TopicFactory(name="Einbürgerung", slug="einbuergerung")
    form = make_form(description="Für die Verpflichtung nach § 68 AufenthG.")
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
    # the words inside the file and its tags; the form's description as its summary
    assert "Verpflichtungserklärung: Angaben zur Person" in document.body
    assert "Bürgschaft" in document.body
    assert document.summary == "Für die Verpflichtung nach § 68 AufenthG."
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


def test_a_form_is_visible_to_the_readers_of_any_of_its_versions(network, make_document, make_form):
    # given a form with a German version for office A and an English one for office B
    form = make_form(description="Wer bürgt, füllt sie aus.")
    german = make_document(
        "Verpflichtungserklärung",
        form_item=form,
        topics=[TopicFactory(name="Aufenthalt", slug="aufenthalt")],
        audience=Audience.selected(organisations=[network.office_a]),
    )
    english = make_document(
        "Declaration of commitment",
        language="en",
        form_item=form,
        topics=[TopicFactory(name="Einbürgerung", slug="einbuergerung")],
        audience=Audience.selected(organisations=[network.office_b]),
    )

    document = only(FormIndexer(), FormIndexer().load(form.pk))

    # then it is the form, in the forms library, with what the library shows every reader
    assert document.key == f"form:{form.pk}"
    assert document.kind == "form"
    assert document.title == form.title
    assert document.summary == "Wer bürgt, füllt sie aus."
    assert document.url == FormsLibraryPage.objects.get().url
    # not the versions' titles: each reader sees only the versions they may see
    assert "Declaration" not in document.body
    assert document.topics == (
        FacetValue("aufenthalt", "Aufenthalt"),
        FacetValue("einbuergerung", "Einbürgerung"),
    )
    # readers of either version find it, nobody else
    assert document.audience_keys == document_keys(german) | document_keys(english)
    assert document.audience_keys & search_reader_keys(network.office_staff)
    assert document.audience_keys & search_reader_keys(network.office_staff_b)
    assert not document.audience_keys & search_reader_keys(network.partner)
    assert document.audience_scope == AudienceScope.SELECTED
    # two audiences have no single source: the form is reindexed after a version's save
    assert document.audience_source is None


def test_a_form_with_one_version_follows_that_versions_audience(network, make_document, make_form):
    form = make_form()
    version = make_document("Antrag", form_item=form, audience=Audience.offices())

    document = only(FormIndexer(), form)

    assert document.audience_keys == document_keys(version)
    assert document.audience_source == audience_source(version)
    assert document.audience_scope == AudienceScope.OFFICES
    assert not document.audience_keys & search_reader_keys(network.partner)


def test_the_widest_version_gives_the_forms_badge(make_document, make_form, network):
    form = make_form()
    make_document("Antrag", form_item=form, audience=Audience.offices())
    make_document("Application", language="en", form_item=form, audience=Audience.network())

    assert only(FormIndexer(), form).audience_scope == AudienceScope.NETWORK


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

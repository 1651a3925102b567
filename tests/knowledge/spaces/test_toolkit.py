"""The toolkit: a curated path; items the reader may not see are left out, in bulk."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from abhnetz.audiences.models import Audience, AudienceMixin
from abhnetz.audiences.services import audience_assign
from knowledge.spaces.models import ToolkitPage

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def make_document(db):
    def make(title, audience=None):
        model = get_document_model()
        document = model(title=title, file=ContentFile(PDF, name="formular.pdf"))
        if issubclass(model, AudienceMixin):
            audience_assign(document, audience or Audience.network())
        document.save()
        return document

    return make


@pytest.fixture
def make_toolkit(knowledge_index):
    def make(sections, audience=None) -> ToolkitPage:
        toolkit = ToolkitPage(
            title="Werkzeugkoffer",
            slug="werkzeugkoffer",
            summary="Der empfohlene Weg.",
            sections=[{"type": "section", "value": value} for value in sections],
        )
        audience_assign(toolkit, audience or Audience.network(advisory_board=True))
        knowledge_index.add_child(instance=toolkit)
        toolkit.save_revision().publish()
        return toolkit

    return make


def section(heading, pages=(), documents=()):
    items = [{"type": "page", "value": page.pk} for page in pages]
    items += [{"type": "document", "value": document.pk} for document in documents]
    return {"heading": heading, "text": f"Worum es bei {heading} geht.", "items": items}


def test_items_the_reader_may_not_see_are_left_out(
    network, client_for, publish_page, make_toolkit, make_document
):
    # given a toolkit with a network guide (the board included), an office-only guide,
    # a guide of office A, and a network document and one for office A
    open_guide = publish_page(
        "ServicePoint einrichten", audience=Audience.network(advisory_board=True)
    )
    offices = publish_page("Fiktionsbescheinigungen", audience=Audience.offices())
    internal = publish_page(
        "Dienstplan ServicePoint (intern)",
        audience=Audience.selected(organisations=[network.office_a]),
    )
    open_doc = make_document("Checkliste ServicePoint", Audience.network(advisory_board=True))
    internal_doc = make_document(
        "Dienstplanvorlage", Audience.selected(organisations=[network.office_a])
    )
    toolkit = make_toolkit(
        [
            section("Anfangen", pages=[open_guide, offices]),
            section("Einrichten", pages=[internal], documents=[open_doc, internal_doc]),
        ]
    )

    # then office A sees every item, in the editor's order
    html = client_for(network.office_staff).get(toolkit.url).content.decode()
    for title in ("ServicePoint einrichten", "Fiktionsbescheinigungen", "Dienstplan ServicePoint"):
        assert title in html
    assert "Checkliste ServicePoint" in html
    assert html.index("Anfangen") < html.index("Einrichten")
    assert html.index("ServicePoint einrichten") < html.index("Fiktionsbescheinigungen")

    # and a partner only the network items; the board member the same
    for person in (network.partner, network.board_member):
        html = client_for(person).get(toolkit.url).content.decode()
        assert "ServicePoint einrichten" in html
        assert "Checkliste ServicePoint" in html
        assert "Fiktionsbescheinigungen" not in html
        assert "Dienstplan ServicePoint (intern)" not in html
        if issubclass(get_document_model(), AudienceMixin):
            assert "Dienstplanvorlage" not in html
    # office B sees the offices-only guide but nothing of office A
    html = client_for(network.office_staff_b).get(toolkit.url).content.decode()
    assert "Fiktionsbescheinigungen" in html
    assert "Dienstplan ServicePoint (intern)" not in html


def test_unpublished_and_deleted_items_are_left_out(
    network, client_for, publish_page, make_toolkit
):
    draft = publish_page("Zurückgezogen")
    gone = publish_page("Gelöscht")
    toolkit = make_toolkit([section("Schritt", pages=[draft, gone])])
    draft.unpublish()
    gone.delete()
    html = client_for(network.office_staff).get(toolkit.url).content.decode()
    assert "Zurückgezogen" not in html
    assert "Gelöscht" not in html
    assert "Nichts in diesem Schritt" in html or "Nothing in this step" in html


def test_the_toolkit_itself_follows_its_audience(network, client_for, make_toolkit):
    toolkit = make_toolkit([section("Schritt")], audience=Audience.offices())
    assert client_for(network.office_staff).get(toolkit.url).status_code == 200
    assert client_for(network.partner).get(toolkit.url).status_code == 404


def test_toolkit_query_count_does_not_grow_with_items(
    network, client_for, publish_page, make_toolkit, make_document, queries
):
    # given a toolkit with one section of one page and one document
    first = publish_page("Leitfaden 0")
    toolkit = make_toolkit([section("Schritt 1", pages=[first], documents=[make_document("D0")])])
    client = client_for(network.office_staff)

    def add_items():
        # more sections, pages (some hidden from the reader) and documents
        pages = [publish_page(f"Leitfaden {n}") for n in range(1, 4)]
        pages.append(
            publish_page("Intern", audience=Audience.selected(organisations=[network.office_b]))
        )
        documents = [make_document(f"D{n}") for n in range(1, 4)]
        page = ToolkitPage.objects.live().get(pk=toolkit.pk)
        page.sections = [
            {"type": "section", "value": section("Schritt 1", pages=[first])},
            {"type": "section", "value": section("Schritt 2", pages=pages, documents=documents)},
            {"type": "section", "value": section("Schritt 3", pages=pages[:2])},
        ]
        page.save_revision().publish()

    queries.assert_constant(lambda: client.get(toolkit.url), add_items)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("1. Ausgangslage klären", "Ausgangslage klären"),
        ("2) Einen ServicePoint einrichten", "Einen ServicePoint einrichten"),
        ("Schritt 3: Termine online vergeben", "Termine online vergeben"),
        ("10 . Zehn", "Zehn"),
        ("Ausgangslage klären", "Ausgangslage klären"),
        ("2026 im Blick", "2026 im Blick"),  # a year is not a step number
        ("3.", "3."),  # nothing would be left
    ],
)
def test_the_list_numbers_the_steps_not_the_headings(typed, shown):
    from knowledge.spaces.selectors import step_heading

    assert step_heading(typed) == shown


def test_a_numbered_heading_is_numbered_once(network, client_for, make_toolkit):
    # given a step whose editor typed its number into the heading
    toolkit = make_toolkit([section("1. Ausgangslage klären")])

    # when it is shown
    html = client_for(network.office_staff).get(toolkit.url).content.decode()

    # then the ordered list numbers it and the heading does not again
    assert '<ol class="toolkit"' in html
    assert ">Ausgangslage klären</h2>" in html
    assert '">1. Ausgangslage' not in html

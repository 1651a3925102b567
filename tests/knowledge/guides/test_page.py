"""The guide page: its blocks, its review notice, its downloads and its query budget."""

from datetime import timedelta

import pytest
from django.utils import timezone

from abhnetz.audiences.models import Audience
from knowledge.guides.blocks import LegalReferenceBlock
from tests.factories import UserFactory

from .conftest import block, text


def test_legal_reference_is_cited_consistently_and_links_to_the_law():
    # given § 81 Abs. 4 Satz 1 AufenthG
    value = LegalReferenceBlock().to_python(
        {"law": "aufenthg", "paragraph": "81", "subsection": "4", "sentence": 1, "note": ""}
    )

    # then it reads as lawyers write it, with a stable anchor and the public law text
    assert value.citation == "§\u00a081 Abs.\u00a04 Satz\u00a01 AufenthG"
    assert value.anchor == "norm-aufenthg-81-abs-4-satz-1"
    assert value.law_url == "https://www.gesetze-im-internet.de/aufenthg_2004/__81.html"
    short = LegalReferenceBlock().to_python({"law": "sgb2", "paragraph": "16a"})
    assert short.citation == "§\u00a016a SGB II"
    assert short.law_url == "https://www.gesetze-im-internet.de/sgb_2/__16a.html"


def test_legal_reference_rejects_a_section_that_is_not_a_number():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        LegalReferenceBlock().clean({"law": "aufenthg", "paragraph": "81 Abs. 4"})


def test_guide_renders_its_blocks(network, client_for, make_guide):
    # given a guide with every kind of text block and a contact person
    guide = make_guide(
        owner=network.office_staff,
        deputy=network.office_staff_b,
        body=[
            text("<p>Ein offener Empfang entlastet.</p>"),
            block("steps", [{"title": "Anliegen zählen", "text": "<p>Zwei Wochen.</p>"}]),
            block("checklist", {"heading": "Bereitlegen", "items": ["Formulare", "Stempel"]}),
            block(
                "legal_reference",
                {"law": "aufenthg", "paragraph": "81", "subsection": "4", "note": ""},
            ),
            block("callout", {"kind": "warning", "text": "<p>Keine Fallgespräche.</p>"}),
            block("contact_person", {"person": network.office_staff_b.pk, "role": "Dienstplan"}),
        ],
    )

    # when a colleague opens it
    html = client_for(network.office_staff_b).get(guide.url).content.decode()

    # then every block shows
    assert "Ein offener Empfang entlastet." in html
    assert "Anliegen zählen" in html
    assert "Stempel" in html
    assert 'id="norm-aufenthg-81-abs-4"' in html
    assert "§\u00a081 Abs.\u00a04 AufenthG" in html
    assert 'href="https://www.gesetze-im-internet.de/aufenthg_2004/__81.html"' in html
    assert "Keine Fallgespräche." in html
    assert network.office_staff_b.get_absolute_url() in html
    assert network.office_b.name in html
    # and nothing overdue
    assert 'data-testid="review-overdue"' not in html


def test_overdue_guide_says_so(network, client_for, make_guide):
    # given a guide whose review date has passed
    today = timezone.localdate()
    guide = make_guide(
        owner=network.office_staff,
        last_reviewed_on=today - timedelta(days=400),
        review_due_on=today - timedelta(days=1),
    )

    # when a reader opens it
    html = client_for(network.partner).get(guide.url).content.decode()

    # then it carries the notice with the date it was last checked
    assert 'data-testid="review-overdue"' in html
    as_of = (today - timedelta(days=400)).strftime("%d.%m.%Y")
    assert f"Stand: {as_of} – Überprüfung überfällig" in html or as_of in html
    assert guide.is_review_overdue


def test_download_shows_only_documents_the_reader_may_see(
    network, client_for, make_guide, make_document
):
    # given a network guide linking a network document and an office-A-only document
    public = make_document("Checkliste für alle")
    internal = make_document(
        "Dienstplanvorlage", audience=Audience.selected(organisations=[network.office_a])
    )
    guide = make_guide(
        owner=network.office_staff,
        body=[
            block("document", {"document": public.pk, "label": ""}),
            block("document", {"document": internal.pk, "label": "Vorlage"}),
        ],
    )

    # then office A sees both links
    html = client_for(network.office_staff).get(guide.url).content.decode()
    assert "Checkliste für alle" in html
    assert internal.url in html

    # and a partner sees the network document only
    html = client_for(network.partner).get(guide.url).content.decode()
    assert "Checkliste für alle" in html
    assert internal.url not in html
    assert "Vorlage" not in html


def test_outsiders_get_404_for_the_guide(network, client_for, make_guide):
    guide = make_guide(
        owner=network.office_staff, audience=Audience.selected(organisations=[network.office_a])
    )
    assert client_for(network.office_staff_b).get(guide.url).status_code == 404
    assert client_for(network.partner).get(guide.url).status_code == 404
    assert client_for(network.moderator).get(guide.url).status_code == 200


def test_guide_page_queries_do_not_grow_with_blocks_or_topics(
    network, client_for, queries, make_guide, make_document
):
    # given a guide with one block of each chooser kind and one topic
    from tests.factories import TopicFactory

    document = make_document("Merkblatt")
    guide = make_guide(
        owner=network.office_staff,
        deputy=network.office_staff_b,
        body=[
            text("<p>Einleitung</p>"),
            block("contact_person", {"person": network.office_staff.pk, "role": ""}),
            block("document", {"document": document.pk, "label": ""}),
            block("legal_reference", {"law": "asylg", "paragraph": "55"}),
        ],
    )
    guide.topics.set([TopicFactory()])
    guide.save_revision(user=network.office_staff).publish()
    client = client_for(network.office_staff)

    def add_items():
        # five more contact people (each of another organisation), documents, references, topics
        body = list(guide.body.raw_data)
        for number in range(5):
            person = UserFactory(organisation=network.office_b if number % 2 else network.ministry)
            more = make_document(f"Merkblatt {number}")
            body += [
                block("contact_person", {"person": person.pk, "role": "Fragen"}),
                block("document", {"document": more.pk, "label": ""}),
                block("legal_reference", {"law": "aufenthg", "paragraph": str(60 + number)}),
                block("steps", [{"title": f"Schritt {number}", "text": "<p>Tun.</p>"}]),
            ]
        guide.body = body
        guide.topics.set([*guide.topics.all(), *(TopicFactory() for _ in range(5))])
        guide.save_revision(user=network.office_staff).publish()

    # then the guide page runs the same number of queries before and after
    def render():
        response = client.get(guide.url)
        assert response.status_code == 200

    # 32 (measured; issue #15 keeps it fixed): session, user, Wagtail's routing, reader
    # keys and the audience check, the body's people, documents and images in bulk,
    # approval status, edit permission, header and footer; the discussion under it (the
    # forum's content footer: the page's rule for its comments, its thread, the groups a
    # comment may be narrowed to, the audience check of the comment form, 4)
    queries.assert_constant(render, add_items, expected=32)


def test_guides_live_in_the_knowledge_base_and_in_working_group_spaces():
    from knowledge.guides.models import GuidePage
    from knowledge.models import KnowledgeIndexPage
    from knowledge.spaces.models import WorkingGroupPage

    parents = GuidePage.allowed_parent_page_models()
    assert KnowledgeIndexPage in parents
    assert WorkingGroupPage in parents

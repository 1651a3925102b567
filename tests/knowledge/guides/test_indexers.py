"""Guides as search documents: the live text, behind the guide's audience."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from abhnetz.audiences.models import Audience, AudienceScope
from abhnetz.audiences.rules import audience_source, document_keys, search_reader_keys
from abhnetz.audiences.services import audience_assign
from knowledge.guides.indexers import GuideIndexer
from knowledge.guides.models import GuidePage
from knowledge.spaces.models import WorkingGroupIndexPage, WorkingGroupPage
from search.documents import FacetValue
from search.registry import get_indexer, kind_label
from tests.factories import TopicFactory, UserFactory

from .conftest import block, text


def only_document(guide):
    [document] = GuideIndexer().documents(guide)
    return document


def test_the_guide_indexer_is_registered():
    assert isinstance(get_indexer("guide"), GuideIndexer)
    with translation.override("en"):
        assert (kind_label("guide"), kind_label("guide", plural=True)) == ("Guide", "Guides")


def test_a_live_guide_is_one_document_with_the_words_of_every_block(
    network, make_guide, make_document
):
    # given a network guide of office A on a topic, with every kind of text block
    topic = TopicFactory(name="Terminvergabe", slug="terminvergabe")
    hidden = make_document(
        "Interne Dienstanweisung", audience=Audience.selected(organisations=[network.office_b])
    )
    guide = make_guide(
        "ServicePoint einrichten",
        owner=network.office_staff,
        organisation=network.office_a,
        topics=[topic],
        body=[
            text("<p>Ein offener Empfang entlastet die Sachbearbeitung &amp; die Kasse.</p>"),
            block("steps", [{"title": "Anliegen zählen", "text": "<p>Zwei Wochen.</p>"}]),
            block("checklist", {"heading": "Bereitlegen", "items": ["Formulare", "Stempel"]}),
            block(
                "legal_reference",
                {"law": "aufenthg", "paragraph": "81", "subsection": "4", "note": ""},
            ),
            block("callout", {"kind": "warning", "text": "<p>Keine Fallgespräche.</p>"}),
            block("contact_person", {"person": network.office_staff_b.pk, "role": "Dienstplan"}),
            block("document", {"document": hidden.pk, "label": ""}),
            block("document", {"document": hidden.pk, "label": "Vorlage Aushang"}),
        ],
    )

    document = only_document(guide)

    # then it is the guide, at its URL, with its summary
    assert document.key == f"guide:{guide.pk}"
    assert document.kind == "guide"
    assert document.title == "ServicePoint einrichten"
    assert document.url == guide.url
    assert document.summary == guide.summary
    # its body holds every block's words as plain text, the citation as lawyers write it
    body = document.body
    assert "Ein offener Empfang entlastet die Sachbearbeitung & die Kasse." in body
    assert "1. Anliegen zählen: Zwei Wochen." in body
    assert "☐ Stempel" in body
    assert "§ 81 Abs. 4 AufenthG" in body
    assert "Warnung: Keine Fallgespräche." in body
    assert "<p>" not in body
    # the contact person by name, never by e-mail address
    assert f"{network.office_staff_b.get_full_name()} Dienstplan" in body
    assert network.office_staff_b.email not in body
    # a download by the link text the author wrote, never by a title some readers may not see
    assert "Vorlage Aushang" in body
    assert "Interne Dienstanweisung" not in body
    # filed under its organisation and topic, dated by its last publication
    assert document.organisation == FacetValue(network.office_a.slug, network.office_a.name)
    assert document.working_group is None
    assert document.topics == (FacetValue("terminvergabe", "Terminvergabe"),)
    assert document.date == guide.last_published_at
    assert document.language == "de"
    # behind the guide's stored audience
    assert document.audience_keys == document_keys(guide)
    assert document.audience_source == audience_source(guide)
    assert document.audience_scope == AudienceScope.NETWORK
    assert document.audience_keys & search_reader_keys(network.partner)


def test_a_restricted_guide_carries_exactly_its_audience(network, make_guide):
    guide = make_guide(
        "Dienstplan Adorf",
        owner=network.office_staff,
        audience=Audience.selected(organisations=[network.office_a]),
    )

    document = only_document(guide)

    assert document.audience_scope == AudienceScope.SELECTED
    assert document.audience_keys == frozenset(
        {f"g{network.office_a.group_id}", f"u{network.office_staff.pk}"}
    )
    assert document.audience_keys & search_reader_keys(network.moderator)
    assert not document.audience_keys & search_reader_keys(network.office_staff_b)


def test_drafts_and_unpublished_guides_are_not_findable(network, knowledge_index, make_guide):
    # given a guide never published and a guide published, then unpublished
    # (as the admin's "save draft" creates it: not live)
    draft = GuidePage(
        title="Entwurf", summary="Noch nicht fertig.", owner=network.office_staff, live=False
    )
    audience_assign(draft, Audience.network())
    knowledge_index.add_child(instance=draft)
    draft.save_revision(user=network.office_staff)
    withdrawn = make_guide("Zurückgezogen", owner=network.office_staff)
    withdrawn.unpublish()
    live = make_guide("Aktuell", owner=network.office_staff)
    indexer = GuideIndexer()

    # then only the live guide is in the queryset and the others produce nothing
    assert list(indexer.queryset()) == [live]
    assert indexer.load(draft.pk) is None
    assert list(indexer.documents(GuidePage.objects.get(pk=draft.pk))) == []
    assert list(indexer.documents(GuidePage.objects.get(pk=withdrawn.pk))) == []


def test_reviewed_guides_rank_above_overdue_ones(make_guide):
    today = timezone.localdate()
    reviewed = make_guide(
        "Geprüft", last_reviewed_on=today - timedelta(days=10), review_due_on=today + timedelta(90)
    )
    overdue = make_guide(
        "Überfällig",
        last_reviewed_on=today - timedelta(days=400),
        review_due_on=today - timedelta(1),
    )
    never = make_guide("Nie geprüft")

    assert only_document(reviewed).boost == 1.2
    assert only_document(overdue).boost == 0.8
    assert only_document(never).boost == 1.0


def test_a_guide_in_a_working_group_space_has_the_group_as_facet(network, knowledge_index):
    # given the digital group's space with a guide in it
    spaces = WorkingGroupIndexPage(title="Arbeitsgruppen", slug="arbeitsgruppen")
    knowledge_index.add_child(instance=spaces)
    group = network.digital_group
    space = WorkingGroupPage(title=group.name, slug=group.slug, working_group=group)
    spaces.add_child(instance=space)
    guide = GuidePage(title="E-Akte einführen", summary="Schritt für Schritt.")
    audience_assign(guide, Audience.selected(working_groups=[group]))
    space.add_child(instance=guide)
    guide.save_revision().publish()

    document = only_document(GuidePage.objects.get(pk=guide.pk))

    assert document.working_group == FacetValue(group.slug, group.name)
    assert document.audience_keys & search_reader_keys(network.office_staff)
    assert not document.audience_keys & search_reader_keys(network.office_staff_b)


def test_indexing_a_guide_costs_the_same_queries_whatever_its_blocks(network, make_guide, queries):
    # given a guide with one contact person, loaded as a rebuild loads it
    guide = make_guide(
        owner=network.office_staff,
        topics=[TopicFactory()],
        body=[block("contact_person", {"person": network.office_staff.pk, "role": ""})],
    )
    indexer = GuideIndexer()

    def index():
        list(indexer.documents(indexer.load(guide.pk)))

    def add_items():
        people = [UserFactory() for _ in range(3)]
        guide.body = [
            *(block("contact_person", {"person": p.pk, "role": "Fragen"}) for p in people),
            *(text(f"<p>Absatz {n}</p>") for n in range(5)),
            block("steps", [{"title": "Schritt", "text": ""}] * 4),
        ]
        guide.topics.set([TopicFactory(), TopicFactory()])
        guide.save_revision().publish()

    queries.assert_constant(index, add_items)


@pytest.mark.parametrize(("reader", "found"), [("office_staff", True), ("office_staff_b", False)])
def test_a_published_restricted_guide_is_found_only_by_its_audience(
    network, make_guide, django_capture_on_commit_callbacks, reader, found
):
    from search.services import search

    # given a guide for office A, published (the index task runs after the commit)
    with django_capture_on_commit_callbacks(execute=True):
        make_guide(
            "Fiktionsbescheinigung ausstellen",
            owner=network.moderator,
            audience=Audience.selected(organisations=[network.office_a]),
            body=[
                block(
                    "legal_reference",
                    {"law": "aufenthg", "paragraph": "81", "subsection": "4", "note": ""},
                )
            ],
        )

    # when a reader searches for its words
    results = search(getattr(network, reader), "Fiktionsbescheinigung")

    # then office A finds it, office B finds nothing, not even a count
    assert results.total == (1 if found else 0)
    assert [hit.title for hit in results.hits] == (
        ["Fiktionsbescheinigung ausstellen"] if found else []
    )


def test_a_guide_turning_overdue_loses_its_boost_with_the_reminder(
    make_guide, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from knowledge.guides.models import GuidePage
    from knowledge.guides.services import review_reminder_send
    from search.models import SearchEntry

    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        guide = make_guide(
            "Leitfaden Visum",
            last_reviewed_on=today - timedelta(days=300),
            review_due_on=today + timedelta(days=30),
        )
    assert SearchEntry.objects.get(key=f"guide:{guide.pk}").boost == 1.2
    # the calendar passes the due date: no save happens
    GuidePage.objects.filter(pk=guide.pk).update(review_due_on=today - timedelta(days=1))
    guide.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert review_reminder_send(guide=guide)
    assert SearchEntry.objects.get(key=f"guide:{guide.pk}").boost == 0.8

"""Minutes as search documents: the page, each decision and each action item, all
behind the page's audience."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from abhnetz.audiences.models import Audience, AudienceScope
from abhnetz.audiences.rules import audience_source, document_keys, search_reader_keys
from abhnetz.audiences.services import audience_assign
from knowledge.minutes.indexers import MinutesIndexer
from knowledge.minutes.models import ActionItem, Decision, MeetingType, MinutesPage
from search.documents import FacetValue
from search.registry import get_indexer
from tests.factories import TopicFactory

BERLIN = ZoneInfo("Europe/Berlin")


def documents_by_kind(page) -> dict[str, list]:
    found: dict[str, list] = {}
    for document in MinutesIndexer().documents(page):
        found.setdefault(document.kind, []).append(document)
    return found


def test_the_minutes_indexer_is_registered_and_owns_decisions_and_action_items():
    indexer = get_indexer("minutes")
    assert isinstance(indexer, MinutesIndexer)
    assert set(indexer.kinds) == {"minutes", "decision", "action_item"}
    assert set(indexer.related) == {Decision, ActionItem}


def test_live_minutes_are_a_page_its_decisions_and_its_action_items(network, publish_minutes):
    # given network minutes of office A with an agenda, two decisions and an action item
    topic = TopicFactory(name="Digitalisierung", slug="digitalisierung")
    forms = TopicFactory(name="Formulare", slug="formulare")
    page = publish_minutes(
        "Protokoll Vernetzungstreffen April",
        owner=network.coordinator,
        organisation=network.office_a,
        topics=[topic],
        participants=[network.office_a, network.jobcenter],
        agenda=[("E-Akte", "Die **E-Akte** startet & läuft im Mai.")],
        decisions=[
            "Kennzahlen *monatlich* erfassen.",
            Decision(text="Formulare zentral pflegen.", topic=forms),
        ],
        action_items=[
            {
                "title": "Vorlage für Kennzahlen verschicken",
                "owner_person": network.office_staff,
                "owner_organisation": network.office_a,
                "due_date": datetime.date(2026, 5, 1),
            }
        ],
    )

    found = documents_by_kind(page)

    # then the minutes page is one document with what it says about the meeting
    [minutes] = found["minutes"]
    assert minutes.key == f"minutes:{page.pk}"
    assert minutes.title == "Protokoll Vernetzungstreffen April"
    assert minutes.url == page.url
    assert minutes.summary == page.summary
    assert "Die E-Akte startet & läuft im Mai." in minutes.body
    assert "Ministerium, Raum 2.14" in minutes.body
    assert "Jobcenter Adorf" in minutes.body
    assert "**" not in minutes.body
    assert minutes.topics == (FacetValue("digitalisierung", "Digitalisierung"),)
    # dated by the meeting: midnight in Berlin, an aware datetime
    assert minutes.date == datetime.datetime(2026, 4, 18, tzinfo=BERLIN)
    assert minutes.date.utcoffset() == datetime.timedelta(hours=2)

    # each decision is citable at its anchor on the page, in the site's language
    first, second = sorted(found["decision"], key=lambda d: d.title)
    decisions = {d.number: d for d in Decision.objects.filter(page_id=page.pk)}
    assert first.key == f"decision:{decisions[1].pk}"
    assert first.title == "Beschluss 1: Protokoll Vernetzungstreffen April"
    assert first.url == f"{page.url}#beschluss-1"
    assert first.body == "Kennzahlen monatlich erfassen."
    # filed under its own topic when it has one, else under the page's
    assert first.topics == minutes.topics
    assert second.url == f"{page.url}#beschluss-2"
    assert second.topics == (FacetValue("formulare", "Formulare"),)
    assert first.date == minutes.date

    # the action item is found by what and who, and leads to its row
    [action] = found["action_item"]
    item = ActionItem.objects.get(page_id=page.pk)
    assert action.key == f"action_item:{item.pk}"
    assert action.title == "Vorlage für Kennzahlen verschicken"
    assert action.url == f"{page.url}#aufgabe-{item.uuid}"
    assert network.office_staff.get_full_name() in action.body
    assert network.office_a.name in action.body
    assert network.office_staff.email not in action.body

    # and every one of them is office A's and network-wide, like the page
    for document in (minutes, first, second, action):
        assert document.organisation == FacetValue(network.office_a.slug, network.office_a.name)
        assert document.audience_scope == AudienceScope.NETWORK


def test_decisions_and_action_items_follow_the_pages_audience(network, publish_minutes):
    # given minutes for the digital working group only
    page = publish_minutes(
        owner=network.coordinator,
        audience=Audience.selected(working_groups=[network.digital_group]),
        decisions=["Pilot in Adorf starten."],
        action_items=[{"title": "Pilot planen", "owner_organisation": network.office_a}],
    )

    documents = list(MinutesIndexer().documents(page))

    # then all three documents carry exactly the page's keys and follow its stored audience
    assert {d.kind for d in documents} == {"minutes", "decision", "action_item"}
    keys = frozenset({f"g{network.digital_group.group_id}", f"u{network.coordinator.pk}"})
    assert document_keys(page) == keys
    for document in documents:
        assert document.audience_keys == keys
        assert document.audience_source == audience_source(page)
        assert document.audience_scope == AudienceScope.SELECTED
        assert document.audience_keys & search_reader_keys(network.office_staff)
        assert not document.audience_keys & search_reader_keys(network.office_staff_b)


def test_draft_and_unpublished_minutes_give_nothing(network, knowledge_index, publish_minutes):
    # given minutes saved only as a draft (with a decision row) and minutes unpublished
    draft = MinutesPage(
        title="Entwurf",
        summary="Noch nicht abgestimmt.",
        meeting_date=datetime.date(2026, 4, 1),
        meeting_type=MeetingType.WORKSHOP,
        place="Raum 1",
        decisions=[Decision(text="Geheimer Entwurf.")],
        live=False,
    )
    audience_assign(draft, Audience.network())
    knowledge_index.add_child(instance=draft)
    withdrawn = publish_minutes("Zurückgezogen", decisions=["Gilt nicht mehr."])
    withdrawn.unpublish()
    live = publish_minutes("Aktuell")
    indexer = MinutesIndexer()

    assert list(indexer.queryset()) == [live]
    assert indexer.load(draft.pk) is None
    assert list(indexer.documents(MinutesPage.objects.get(pk=draft.pk))) == []
    assert list(indexer.documents(MinutesPage.objects.get(pk=withdrawn.pk))) == []


def test_a_changed_decision_reindexes_its_minutes(network, publish_minutes):
    # given published minutes with a decision
    page = publish_minutes(decisions=["Eins."])
    decision = Decision.objects.get(page_id=page.pk)

    # then saving or deleting the decision names the page as the owner to reindex
    owners = MinutesIndexer.related[Decision](decision)
    assert [owner.pk for owner in owners] == [page.pk]
    item = ActionItem(page=page, title="Aufgabe", owner_organisation=network.office_a)
    assert [owner.pk for owner in MinutesIndexer.related[ActionItem](item)] == [page.pk]


def test_indexing_minutes_costs_the_same_queries_whatever_their_items(
    network, publish_minutes, queries
):
    page = publish_minutes(
        decisions=["Eins."],
        action_items=[{"title": "A", "owner_person": network.office_staff}],
        agenda=[("TOP 1", "Notiz")],
    )
    indexer = MinutesIndexer()

    def index():
        list(indexer.documents(indexer.load(page.pk)))

    def add_items():
        draft = MinutesPage.objects.get(pk=page.pk)
        draft.decisions.add(
            *(Decision(text=f"Beschluss {n}", topic=TopicFactory()) for n in range(4))
        )
        draft.action_items.add(
            *(
                ActionItem(title=f"Aufgabe {n}", owner_person=person, owner_organisation=org)
                for n, (person, org) in enumerate(
                    [
                        (network.partner, network.jobcenter),
                        (network.office_staff_b, network.office_b),
                    ]
                )
            )
        )
        draft.participants.add(network.office_a, network.office_b)
        draft.topics.add(TopicFactory(), TopicFactory())
        draft.save_revision().publish()

    queries.assert_constant(index, add_items)


@pytest.mark.parametrize(("reader", "found"), [("office_staff", True), ("office_staff_b", False)])
def test_a_decision_of_restricted_minutes_is_found_only_by_their_audience(
    network, publish_minutes, django_capture_on_commit_callbacks, reader, found
):
    from search.services import search

    # given minutes of the digital group with a decision, published
    with django_capture_on_commit_callbacks(execute=True):
        publish_minutes(
            owner=network.coordinator,
            audience=Audience.selected(working_groups=[network.digital_group]),
            decisions=["Die Ausländerakte wird ab Juli elektronisch geführt."],
        )

    # when a reader searches for a word of the decision
    results = search(getattr(network, reader), "elektronisch", filters={"kind": ["decision"]})

    # then the group's member finds the decision, others find nothing
    assert results.total == (1 if found else 0)
    assert [hit.kind for hit in results.hits] == (["decision"] if found else [])


def test_editing_a_decision_row_updates_the_search(
    network, publish_minutes, django_capture_on_commit_callbacks
):
    from search.services import search

    with django_capture_on_commit_callbacks(execute=True):
        page = publish_minutes(decisions=["Kennzahlen erfassen."], owner=network.coordinator)
    decision = Decision.objects.get(page_id=page.pk)

    # when the decision's row changes (as a publish rewrites it)
    with django_capture_on_commit_callbacks(execute=True):
        decision.text = "Sprechzeiten vereinheitlichen."
        decision.save()

    # then its page was reindexed: the new words are found, the old ones are gone
    reader = network.office_staff
    assert search(reader, "Sprechzeiten", filters={"kind": ["decision"]}).total == 1
    assert search(reader, "Kennzahlen", filters={"kind": ["decision"]}).total == 0

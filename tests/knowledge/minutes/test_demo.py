"""The demo minutes: realistic, numbered, some items overdue and some done, idempotent."""

from abhnetz.audiences.rules import can_view
from knowledge.minutes.demo import seed_minutes
from knowledge.minutes.models import ActionItem, ActionItemCompletion, Decision, MinutesPage
from knowledge.minutes.selectors import annotate_action_items
from tests.demo import demo_network


def test_demo_minutes_are_seeded_once(db):
    demo = demo_network()

    # when the seeder runs twice
    seed_minutes(demo)
    counts = (
        MinutesPage.objects.count(),
        Decision.objects.count(),
        ActionItem.objects.count(),
        ActionItemCompletion.objects.count(),
    )
    seed_minutes(demo)

    # then nothing was added the second time
    assert counts[0] == 2
    assert counts[1:] == (5, 8, 2)
    assert (
        MinutesPage.objects.count(),
        Decision.objects.count(),
        ActionItem.objects.count(),
        ActionItemCompletion.objects.count(),
    ) == counts


def test_demo_minutes_audiences_and_items(db):
    demo = demo_network()
    seed_minutes(demo)
    people = demo.people
    networking = MinutesPage.objects.get(slug="protokoll-vernetzungstreffen-ministerium")
    workshop = MinutesPage.objects.get(slug="protokoll-workshop-ag-digitalisierung")

    # the networking meeting is for the whole network and the board
    assert can_view(people["board@demo.abhnetz.example"], networking)
    assert can_view(people["partner@demo.abhnetz.example"], networking)
    # the workshop only for the working group "Digitalisierung"
    assert can_view(people["office@demo.abhnetz.example"], workshop)
    assert can_view(people["d.wolf@demo.abhnetz.example"], workshop)
    assert not can_view(people["office2@demo.abhnetz.example"], workshop)
    assert not can_view(people["coordinator@demo.abhnetz.example"], workshop)

    # decisions are numbered; some items are overdue, some done
    assert sorted(
        Decision.objects.filter(page_id=workshop.pk).values_list("number", flat=True)
    ) == [1, 2]
    items = annotate_action_items(
        ActionItem.objects.filter(page__in=[networking.pk, workshop.pk]),
        people["coordinator@demo.abhnetz.example"],
    )
    assert sum(item.is_done for item in items) == 2
    assert sum(item.is_overdue for item in items) == 2
    # the demo office user owns open items in both minutes
    mine = [i for i in items if i.owner_person == people["office@demo.abhnetz.example"]]
    assert {i.page_id for i in mine if not i.is_done} == {networking.pk, workshop.pk}

"""The demo events: the titles and audiences of issue #12, seeded once."""

from abhnetz.audiences.rules import can_view
from events.demo import POLL_TITLE, seed_events
from events.minutes import open_action_items
from events.models import DatePoll, EventPage, Rsvp
from knowledge.minutes.demo import seed_minutes
from tests.demo import demo_network

OFFICE1 = "office@demo.abhnetz.example"
OFFICE2 = "office2@demo.abhnetz.example"
PARTNER = "partner@demo.abhnetz.example"
BOARD = "board@demo.abhnetz.example"
COORDINATOR = "coordinator@demo.abhnetz.example"
DIGITAL = "d.wolf@demo.abhnetz.example"


def test_demo_events_are_seeded_once_with_their_audiences(db):
    demo = demo_network()
    seed_minutes(demo)
    seed_events(demo)
    counts = (EventPage.objects.count(), Rsvp.objects.count(), DatePoll.objects.count())
    seed_events(demo)
    assert counts == (EventPage.objects.count(), Rsvp.objects.count(), DatePoll.objects.count())
    p = demo.people

    def readers(title):
        event = EventPage.objects.get(title=title)
        return {
            email
            for email in (OFFICE1, OFFICE2, PARTNER, BOARD, COORDINATOR, DIGITAL)
            if can_view(p[email], event)
        }

    everyone = {OFFICE1, OFFICE2, PARTNER, BOARD, COORDINATOR, DIGITAL}
    assert readers("Vernetzungstreffen im Ministerium (Frühjahr)") == everyone - {BOARD}
    assert readers("Workshop AG Digitalisierung: Anbieter im Vergleich") == {OFFICE1, DIGITAL}
    assert readers("Sitzung des Integrationsbeirats mit der Ausländerbehörde") == everyone
    assert readers("Teambesprechung ServicePoint (intern)") == {OFFICE1}
    poll = DatePoll.objects.get(title=POLL_TITLE)
    assert {e for e in everyone if can_view(p[e], poll)} == {OFFICE1, OFFICE2, COORDINATOR, DIGITAL}
    assert poll.responses.values("person__organisation").distinct().count() == 3


def test_demo_workshop_is_full_with_a_waitlist_and_next_meeting_shows_open_items(db):
    demo = demo_network()
    seed_minutes(demo)
    seed_events(demo)
    workshop = EventPage.objects.get(title="Workshop AG Digitalisierung: Anbieter im Vergleich")
    assert Rsvp.objects.filter(event=workshop, waitlisted_at__isnull=False).count() == 1
    following = EventPage.objects.get(title="Vernetzungstreffen im Ministerium (Frühjahr)")
    assert open_action_items(demo.people[OFFICE1], following)

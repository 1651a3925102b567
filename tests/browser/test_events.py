"""Events in the browser, keyboard first, axe-core clean.

- A coordinator proposes a date poll, three people of different offices answer, the
  coordinator closes it into an event and the invitations go out.
- Someone registers for a full event and is waitlisted; a registered person cancels,
  and the first is promoted and told.
"""

from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from abhnetz.accounts.models import User
from abhnetz.notifications.models import Notification
from events.models import DatePoll, EventInvitation, EventPage, Rsvp
from events.notification_kinds import INVITED, PROMOTED

from .axe import assert_accessible
from .helpers import login, tab_to_link

PASSWORD = "abhnetz-demo"
COORDINATOR = "coordinator@demo.abhnetz.example"
ANSWERING = [
    "office@demo.abhnetz.example",
    "office2@demo.abhnetz.example",
    "e.schmitt@demo.abhnetz.example",
]
WORKSHOP = "Workshop AG Digitalisierung: Anbieter im Vergleich"


def sign_in_as(page, email, secret=None):
    page.context.clear_cookies()
    login(page, email, PASSWORD)
    if secret:
        counters = list(yield_hotp_counters_from_time())
        form = page.locator("form").filter(has=page.locator("input[name=code]"))
        form.locator("input[name=code]").fill(
            format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
        )
        with page.expect_navigation():
            form.locator("input[name=code]").press("Enter")


def press_enter_on(page, locator):
    """Move the focus to a control as Tab would and activate it with the keyboard."""
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_poll_to_event(page, demo):
    secret = generate_totp_secret()
    TOTP.activate(User.objects.get(email=COORDINATOR), secret)
    # the coordinator opens the calendar and reaches "Neue Terminumfrage" by keyboard
    sign_in_as(page, COORDINATOR, secret)
    # the same session later: a code is accepted only once
    coordinator_session = page.context.cookies()
    page.goto("/termine/")
    assert_accessible(page)
    tab_to_link(page, "/termine/umfragen/neu/")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    page.get_by_label("Titel").fill("Terminfindung: Workshop Raumkonzept")
    page.get_by_label("Vorgeschlagene Termine").fill(
        "18.04.2027 10:00–15:30\n25.04.2027 10:00–15:30"
    )
    for name in ("Rosenfurt", "Landkreises Rosenfurt", "Eichtal"):
        page.locator("fieldset", has_text="Diese Organisationen anfragen").get_by_label(
            f"Ausländerbehörde der Stadt {name}"
            if name != "Landkreises Rosenfurt"
            else "Ausländerbehörde des Landkreises Rosenfurt"
        ).check()
    page.get_by_label("Nur Ausländerbehörden").check()
    press_enter_on(page, page.get_by_role("button", name="Umfrage eröffnen"))
    poll = DatePoll.objects.get(title="Terminfindung: Workshop Raumkonzept")
    assert page.url.endswith(poll.get_absolute_url())

    # three people of three offices answer, each by keyboard
    slots = list(poll.slots.all())
    for email, choices in zip(
        ANSWERING, [("yes", "if_needed"), ("yes", "if_needed"), ("no", "yes")], strict=True
    ):
        sign_in_as(page, email)
        page.goto(poll.get_absolute_url())
        for slot, choice in zip(slots, choices, strict=True):
            page.locator(f"input[name=slot_{slot.pk}][value={choice}]").focus()
            page.keyboard.press("Space")
        assert_accessible(page)
        press_enter_on(page, page.get_by_role("button", name="Antworten speichern"))
    assert poll.responses.count() == 3

    # the coordinator sees the matrix: the second date ranks first, as all three offices
    # can come then (the first has more Ja, but one office would be missing)
    page.context.clear_cookies()
    page.context.add_cookies(coordinator_session)
    page.goto(poll.get_absolute_url())
    page.get_by_test_id("poll-matrix").wait_for()
    assert_accessible(page)
    ranking = page.get_by_test_id("poll-ranking").inner_text()
    assert ranking.startswith("25.04.2027")
    press_enter_on(page, page.get_by_role("button", name="Abschließen und einladen"))

    # the event is published for that date, and the invitations went out
    event = EventPage.objects.get(title="Workshop Raumkonzept")
    page.wait_for_url(f"**{event.url}")
    assert "25.04.2027, 10:00–15:30 Uhr" in page.get_by_test_id("event-when").inner_text()
    assert EventInvitation.objects.filter(event=event).count() == 3
    assert Notification.objects.filter(kind=INVITED, target_object_id=event.pk).exists()
    assert_accessible(page)


def test_waitlist_and_promotion(page, demo):
    workshop = EventPage.objects.get(title=WORKSHOP)
    # the workshop is full (two places, one office's person with a colleague)
    sign_in_as(page, "d.wolf@demo.abhnetz.example")
    page.goto(workshop.url)
    assert "2 von 2 Plätzen belegt" in page.get_by_test_id("event-seats").inner_text()
    assert "Warteliste (Platz 1)" in page.get_by_test_id("rsvp-state").inner_text()
    assert_accessible(page)

    # the registered person cancels, by keyboard
    sign_in_as(page, "office@demo.abhnetz.example")
    page.goto(workshop.url)
    page.locator("input[name=answer][value=no]").focus()
    page.keyboard.press("Space")
    press_enter_on(page, page.get_by_role("button", name="Antwort senden"))
    assert_accessible(page)

    # then the waiting person has the place and was told
    waiting = User.objects.get(email="d.wolf@demo.abhnetz.example")
    assert Rsvp.objects.get(event=workshop, person=waiting).is_registered
    assert Notification.objects.filter(kind=PROMOTED, recipient=waiting).exists()
    sign_in_as(page, waiting.email)
    page.goto(workshop.url)
    assert "Sie sind angemeldet." in page.get_by_test_id("rsvp-state").inner_text()
    # the month view is a table and reachable
    page.goto("/termine/?ansicht=monat")
    page.get_by_test_id("month-view").wait_for()
    assert_accessible(page)

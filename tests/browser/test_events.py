"""Events in the browser as people use them: typed on the keyboard, axe-core clean.

Every field is typed (``page.keyboard.type``), Tab moves between fields, arrow keys and
Space choose, Enter sends; dates are typed as 18.04.2027 and times as 24-hour.

- A coordinator proposes a date poll (one line mistyped first), three people of
  different offices answer, the coordinator closes it into an event and the
  invitations go out.
- Someone registers for a full event and is waitlisted; a registered person cancels,
  and the first is promoted and told; they then ask for more seats than are free,
  correct it at the field and are registered with a colleague.
- An editor creates an event in the admin, typing its German date and times.
- The month view is a grid for the keyboard: arrow keys, Home/End, PageUp/PageDown.
"""

import datetime as dt

import pytest
from django.utils import timezone

from abhnetz.accounts.models import User
from abhnetz.notifications.models import Notification
from events.models import DatePoll, EventIndexPage, EventInvitation, EventPage, Rsvp
from events.notification_kinds import INVITED, PROMOTED
from tests.totp import current_code, with_totp

from .axe import assert_accessible
from .helpers import login, tab_to, tab_to_link

PASSWORD = "abhnetz-demo"
COORDINATOR = "coordinator@demo.abhnetz.example"
ANSWERING = [
    "office@demo.abhnetz.example",
    "office2@demo.abhnetz.example",
    "e.schmitt@demo.abhnetz.example",
]
WORKSHOP = "Workshop AG Digitalisierung: Anbieter im Vergleich"
ASKED = [
    "Ausländerbehörde der Stadt Rosenfurt",
    "Ausländerbehörde des Landkreises Rosenfurt",
    "Ausländerbehörde der Stadt Eichtal",
]

ACTIVE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return {tag: "body"};
    const label = el.labels && el.labels.length ? el.labels[0].innerText : el.innerText;
    return {
        tag: el.tagName.toLowerCase(),
        type: el.type || "",
        id: el.id || "",
        name: el.name || "",
        value: el.value === undefined ? "" : String(el.value),
        checked: !!el.checked,
        label: (label || "").trim(),
        date: el.dataset.date || "",
        href: el.getAttribute("href") || "",
    };
}"""


def active(page) -> dict:
    """What has the keyboard focus, as a form sees it (name, value, its label)."""
    return page.evaluate(ACTIVE)


def tab(page, key="Tab") -> dict:
    page.keyboard.press(key)
    return active(page)


def tab_to_field(page, name: str, *, limit: int = 80) -> dict:
    """Tab until the focus is on a field named ``name`` (from wherever it is)."""
    return tab_to(page, lambda _f: active(page)["name"] == name, limit=limit)


def choose_radio(page, value: str) -> None:
    """In a focused radio group, move with the arrow keys until ``value`` is chosen."""
    for _ in range(6):
        current = active(page)
        if current["value"] == value and current["checked"]:
            return
        if current["value"] == value:
            page.keyboard.press("Space")
            continue
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"The arrow keys never reached {value!r}")


def send(page) -> None:
    """Enter on the focused button: the form goes."""
    assert active(page)["tag"] == "button", active(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def tab_to_button(page, text: str) -> None:
    tab_to(page, lambda _f: active(page)["tag"] == "button" and active(page)["label"] == text)


def sign_in_as(page, email, secret=None):
    page.context.clear_cookies()
    login(page, email, PASSWORD)
    if secret:
        code = page.locator("input[name=code]")
        code.focus()
        page.keyboard.type(current_code(secret))
        with page.expect_navigation():
            page.keyboard.press("Enter")


def test_poll_to_event(page, demo):
    secret = with_totp(User.objects.get(email=COORDINATOR))
    # the coordinator opens the calendar and reaches "Neue Terminumfrage" by keyboard
    sign_in_as(page, COORDINATOR, secret)
    # the same session later: a code is accepted only once
    coordinator_session = page.context.cookies()
    page.goto("/termine/")
    assert_accessible(page)
    tab_to_link(page, "/termine/umfragen/neu/")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # they type the poll field by field, Tab between them; the second date mistyped
    tab_to_field(page, "title")
    page.keyboard.type("Terminfindung: Workshop Raumkonzept")
    assert tab(page)["name"] == "kind"
    page.keyboard.type("Works")  # a focused select chooses by typed letters
    assert active(page)["value"] == "workshop"
    assert tab(page)["name"] == "series"
    page.keyboard.type("Raumkonzept")
    assert tab(page)["name"] == "description"
    assert tab(page)["name"] == "place_address"
    page.keyboard.type("Rathaus Rosenfurt, Raum 2.14")
    assert tab(page)["name"] == "slots"
    page.keyboard.type("18.04.2027 10:00-15:30")
    page.keyboard.press("Enter")
    page.keyboard.type("31.04.2027 10:00-15:30")  # no 31st of April
    ticked = []
    while (field := tab(page))["name"] == "organisations":
        if field["label"] in ASKED:
            page.keyboard.press("Space")
            ticked.append(field["label"])
    assert sorted(ticked) == sorted(ASKED)
    tab_to_field(page, "audience_scope")
    choose_radio(page, "offices")
    tab_to_button(page, "Umfrage eröffnen")
    send(page)

    # the error stands next to the field, everything typed is kept, and the keyboard is
    # back at the field to correct
    slots = page.locator("#id_slots")
    assert active(page)["name"] == "slots"
    assert "Zeile 2" in page.locator("#id_slots-error").inner_text()
    assert "id_slots-error" in slots.get_attribute("aria-describedby")
    assert slots.get_attribute("aria-invalid") == "true"
    assert slots.input_value() == "18.04.2027 10:00-15:30\n31.04.2027 10:00-15:30"
    assert page.locator("#id_title").input_value() == "Terminfindung: Workshop Raumkonzept"
    assert page.locator("#id_place_address").input_value() == "Rathaus Rosenfurt, Raum 2.14"
    for name in ASKED:
        assert page.get_by_label(name, exact=True).first.is_checked()
    assert page.get_by_label("Nur Ausländerbehörden").is_checked()
    assert_accessible(page)
    # they retype the second line (24-hour times written with dots, as many do) and send
    page.keyboard.press("Control+End")
    page.keyboard.press("Shift+Home")
    page.keyboard.type("25.04.2027 10.00-15.30 Uhr")
    tab_to_button(page, "Umfrage eröffnen")
    send(page)
    poll = DatePoll.objects.get(title="Terminfindung: Workshop Raumkonzept")
    assert page.url.endswith(poll.get_absolute_url())
    assert poll.series == "Raumkonzept"
    assert poll.invited_organisations.count() == 3

    # three people of three offices answer, each by keyboard: Tab into a date's group,
    # Space or the arrow keys choose, a comment typed, Enter on the button
    slots = list(poll.slots.all())
    for email, choices in zip(
        ANSWERING, [("yes", "if_needed"), ("yes", "if_needed"), ("no", "yes")], strict=True
    ):
        sign_in_as(page, email)
        page.goto(poll.get_absolute_url())
        for slot, choice in zip(slots, choices, strict=True):
            tab_to_field(page, f"slot_{slot.pk}")
            if choice == "yes":
                page.keyboard.press("Space")  # the group's first choice, unchecked yet
            choose_radio(page, choice)
        assert tab(page)["name"] == "comment"
        page.keyboard.type("Am 25.04. ab 10:00 Uhr")
        assert tab(page)["label"] == "Antworten speichern"
        send(page)
    assert poll.responses.count() == 3
    assert poll.responses.filter(comment="Am 25.04. ab 10:00 Uhr").count() == 3

    # the coordinator sees the matrix: the second date ranks first, as all three offices
    # can come then (the first has more Ja, but one office would be missing)
    page.context.clear_cookies()
    page.context.add_cookies(coordinator_session)
    page.goto(poll.get_absolute_url())
    page.get_by_test_id("poll-matrix").wait_for()
    assert_accessible(page)
    ranking = page.get_by_test_id("poll-ranking").inner_text()
    assert ranking.startswith("25.04.2027")
    # Tab enters the closing choice at the checked (best) date; Enter on the button
    tab_to_field(page, "slot", limit=120)
    assert active(page)["label"].startswith("25.04.2027")
    tab_to_button(page, "Abschließen und einladen")
    send(page)

    # the event is published for that date, and the invitations went out
    event = EventPage.objects.get(title="Workshop Raumkonzept")
    page.wait_for_url(f"**{event.url}")
    assert "25.04.2027, 10:00–15:30 Uhr" in page.get_by_test_id("event-when").inner_text()
    assert EventInvitation.objects.filter(event=event).count() == 3
    assert Notification.objects.filter(kind=INVITED, target_object_id=event.pk).exists()
    assert_accessible(page)

    # they invite one more person by address, typed (a typo first), all by keyboard
    tab_to_link(page, f"/termine/{event.pk}/einladen/", limit=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to_field(page, "people")
    page.keyboard.type("moderatr@demo.abhnetz.example")
    tab_to_button(page, "Einladungen senden")
    send(page)
    assert active(page)["name"] == "people"
    assert active(page)["value"] == "moderatr@demo.abhnetz.example"
    assert "moderatr@demo.abhnetz.example" in page.locator("#id_people-error").inner_text()
    assert_accessible(page)
    page.keyboard.press("Control+A")
    page.keyboard.type("moderator@demo.abhnetz.example")
    tab_to_button(page, "Einladungen senden")
    send(page)
    assert EventInvitation.objects.filter(event=event, person__isnull=False).count() == 1
    # and read the participant list, reached by keyboard
    tab_to_link(page, f"/termine/{event.pk}/teilnehmende/", limit=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_test_id("not-answered").wait_for()
    assert_accessible(page)


def test_waitlist_and_promotion(page, demo):
    workshop = EventPage.objects.get(title=WORKSHOP)
    # the workshop is full (two places, one office's person with a colleague)
    sign_in_as(page, "d.wolf@demo.abhnetz.example")
    page.goto(workshop.url)
    assert "2 von 2 Plätzen belegt" in page.get_by_test_id("event-seats").inner_text()
    assert "Warteliste (Platz 1)" in page.get_by_test_id("rsvp-state").inner_text()
    assert_accessible(page)

    # the registered person cancels, by keyboard: Tab into the answers (at their Zusage),
    # the arrow keys to the Absage, Tab to the button, Enter
    sign_in_as(page, "office@demo.abhnetz.example")
    page.goto(workshop.url)
    tab_to_field(page, "answer")
    assert active(page)["value"] == "yes"
    choose_radio(page, "no")
    tab_to_button(page, "Antwort senden")
    send(page)
    assert_accessible(page)

    # then the waiting person has the place and was told
    waiting = User.objects.get(email="d.wolf@demo.abhnetz.example")
    assert Rsvp.objects.get(event=workshop, person=waiting).is_registered
    assert Notification.objects.filter(kind=PROMOTED, recipient=waiting).exists()
    sign_in_as(page, waiting.email)
    page.goto(workshop.url)
    assert "Sie sind angemeldet." in page.get_by_test_id("rsvp-state").inner_text()

    # they ask for three colleagues, typed; two places are free to them (their own too)
    tab_to_field(page, "colleagues")
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    tab_to_button(page, "Antwort senden")
    send(page)
    # the error is at the field, the number typed is kept, the keyboard is back there
    assert active(page)["name"] == "colleagues"
    assert active(page)["value"] == "3"
    assert "Nur noch 2 Plätze sind frei." in page.locator("#id_colleagues-error").inner_text()
    described = page.locator("#id_colleagues").get_attribute("aria-describedby")
    assert "id_colleagues-error" in described
    assert page.locator("input[name=answer][value=yes]").is_checked()
    assert_accessible(page)
    # they correct it to one and send with Enter in the field
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Rsvp.objects.get(event=workshop, person=waiting).colleagues == 1
    assert "2 von 2 Plätzen belegt" in page.get_by_test_id("event-seats").inner_text()


def test_an_event_is_created_with_typed_german_dates(page, demo):
    # a coordinator (second factor) adds an event in the admin, typing its fields
    secret = with_totp(User.objects.get(email=COORDINATOR))
    sign_in_as(page, COORDINATOR, secret)
    index = EventIndexPage.objects.get()
    page.goto(f"/admin/pages/add/events/eventpage/{index.pk}/")
    page.wait_for_load_state("networkidle")
    page.locator("#id_title").focus()
    page.keyboard.type("Schulung Aufenthaltsrecht")
    # (Wagtail's date picker sits between the fields in the Tab order: each field is
    # focused, then typed and left with Tab)
    for field, typed in (("#id_start", "18.04.2027 09:30"), ("#id_end", "18.04.2027 16:00")):
        page.locator(field).focus()
        page.keyboard.type(typed)
        page.keyboard.press("Tab")
    page.wait_for_timeout(300)  # the date picker rereads the field on blur
    assert page.locator("#id_start").input_value() == "18.04.2027 09:30"
    assert page.locator("#id_end").input_value() == "18.04.2027 16:00"
    page.locator("#id_registration_deadline").focus()
    page.keyboard.type("11.04.2027 23:59")
    page.keyboard.press("Tab")
    # saved as a draft by keyboard (Ctrl+S is Wagtail's shortcut for it)
    with page.expect_navigation():
        page.keyboard.press("Control+s")
    event = EventPage.objects.get(title="Schulung Aufenthaltsrecht")
    start = timezone.localtime(event.start)
    assert (start.date(), start.time()) == (dt.date(2027, 4, 18), dt.time(9, 30))
    assert timezone.localtime(event.end).time() == dt.time(16, 0)
    assert timezone.localtime(event.registration_deadline).time() == dt.time(23, 59)


@pytest.fixture
def march_2027():
    return "/termine/?ansicht=monat&monat=2027-03"


def test_month_view_is_a_grid_for_the_keyboard(page, demo, march_2027):
    sign_in_as(page, "office@demo.abhnetz.example")
    page.goto(march_2027)
    table = page.get_by_test_id("month-table")
    assert table.get_attribute("role") == "grid"
    # one Tab stop in the grid: the first of the month (today is in another month)
    tab_to(page, lambda _f: active(page)["tag"] == "td", limit=120)
    assert active(page)["date"] == "2027-03-01"  # a Monday
    # the arrow keys move by day and week, Home/End to the week's ends
    assert tab(page, "ArrowRight")["date"] == "2027-03-02"
    assert tab(page, "ArrowDown")["date"] == "2027-03-09"
    assert tab(page, "End")["date"] == "2027-03-14"
    assert tab(page, "Home")["date"] == "2027-03-08"
    assert tab(page, "ArrowLeft")["date"] == "2027-03-07"  # back over the week's start
    assert tab(page, "ArrowUp")["date"] == "2027-03-07"  # nothing above the first week
    assert tab(page, "Control+End")["date"] == "2027-04-04"  # a day outside the month
    # the grid is one Tab stop: Tab leaves it, Shift+Tab comes back to the day left
    assert tab(page)["tag"] != "td"
    assert tab(page, "Shift+Tab")["date"] == "2027-04-04"
    assert_accessible(page)
    # PageDown: the next month, the keyboard still in the grid
    with page.expect_navigation():
        page.keyboard.press("PageDown")
    assert "monat=2027-04" in page.url
    assert active(page)["date"] == "2027-04-01"
    with page.expect_navigation():
        page.keyboard.press("PageUp")
    assert "monat=2027-03" in page.url
    assert active(page)["date"] == "2027-03-01"

    # a day's events: Enter moves into the day, Escape back out, Enter on a link opens it
    workshop = EventPage.objects.get(title=WORKSHOP)
    day = timezone.localtime(workshop.start).date()
    page.goto(f"/termine/?ansicht=monat&monat={day:%Y-%m}")
    tab_to(page, lambda _f: active(page)["tag"] == "td", limit=120)
    start = dt.date.fromisoformat(active(page)["date"])
    steps = (day - start).days
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")
    assert active(page)["date"] == day.isoformat()
    assert tab(page, "Enter")["href"] == workshop.url
    assert tab(page, "Escape")["date"] == day.isoformat()
    page.keyboard.press("Enter")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(workshop.url)

"""The calendar, an event's page, answering, the participant list and its CSV."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import Page

from abhnetz.audiences.models import Audience
from events.models import Answer, Rsvp
from events.services import event_invite, rsvp_answer
from tests.factories import UserFactory


@pytest.fixture
def office_only(network, publish_event):
    return publish_event(
        "Teambesprechung Adorf intern",
        audience=Audience.selected(organisations=[network.office_a]),
        video_link="https://video.example/geheim",
    )


def test_outside_the_audience_sees_nothing_not_even_the_title(
    network, office_only, client_for, event_index
):
    client = client_for(network.office_staff_b)
    assert client.get(office_only.url).status_code == 404
    for view in ("liste", "monat"):
        month = timezone.localtime(office_only.start).strftime("%Y-%m")
        html = client.get(f"{event_index.url}?ansicht={view}&monat={month}").content.decode()
        assert "Teambesprechung" not in html
    assert client.get(f"/termine/{office_only.pk}/kalender.ics").status_code == 404
    response = client.post(f"/termine/{office_only.pk}/antwort/", {"answer": "yes"})
    assert response.status_code == 404
    assert not Rsvp.objects.exists()


def test_reader_sees_it_in_list_and_month(network, office_only, client_for, event_index):
    client = client_for(network.office_staff)
    assert "Teambesprechung" in client.get(event_index.url).content.decode()
    month = timezone.localtime(office_only.start).strftime("%Y-%m")
    html = client.get(f"{event_index.url}?ansicht=monat&monat={month}").content.decode()
    assert "<table" in html
    assert 'scope="col"' in html
    assert "Teambesprechung" in html


def test_month_table_works_without_javascript(network, office_only, client_for, event_index):
    # given the month of an event, as the server sends it (before events.js runs)
    client = client_for(network.office_staff)
    month = timezone.localtime(office_only.start).strftime("%Y-%m")
    html = client.get(f"{event_index.url}?ansicht=monat&monat={month}").content.decode()
    table = html[html.index("<table") : html.index("</table>")]
    # then it is a plain table of links: no grid role, no tabindex that would take a
    # link or a day out of the Tab order; the grid is only marked for the script
    assert 'role="grid"' not in table
    assert "tabindex" not in table
    assert f'href="{office_only.url}"' in table
    assert "data-month-grid" in table
    # and the script is this site's file, loaded without inline code
    assert 'src="/static/events/events.js"' in html


def test_video_link_only_for_invitees_and_registered(network, office_only, client_for):
    client = client_for(network.office_staff)
    assert "video.example/geheim" not in client.get(office_only.url).content.decode()
    rsvp_answer(event=office_only, person=network.office_staff, answer=Answer.YES)
    assert "video.example/geheim" in client.get(office_only.url).content.decode()
    # an invitee (through their organisation) sees it before answering
    event_invite(event=office_only, by=network.coordinator, organisations=[network.office_a])
    assert (
        "video.example/geheim"
        in client_for(network.moderator).get(office_only.url).content.decode()
    )


def test_answer_form_shows_seats_and_the_waitlist(network, publish_event, client_for):
    event = publish_event(capacity=1)
    rsvp_answer(event=event, person=network.office_staff, answer=Answer.YES)
    client = client_for(network.office_staff_b)
    response = client.post(f"/termine/{event.pk}/antwort/", {"answer": "yes", "colleagues": "0"})
    assert response.status_code == 302
    html = client.get(event.url).content.decode()
    assert "1 von 1 Plätzen belegt" in html
    assert "Warteliste (Platz 1)" in html


def test_bad_answer_shows_the_error_at_the_field(network, publish_event, client_for):
    event = publish_event()
    response = client_for(network.office_staff).post(
        f"/termine/{event.pk}/antwort/", {"answer": "yes", "colleagues": "99"}
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Rsvp.objects.exists()


def test_participant_list_needs_coordinator_and_second_factor(network, publish_event, client_for):
    event = publish_event()
    assert (
        client_for(network.office_staff).get(f"/termine/{event.pk}/teilnehmende/").status_code
        == 403
    )
    # a coordinator without the second factor is sent to prove it
    response = client_for(network.coordinator).get(f"/termine/{event.pk}/teilnehmende/")
    assert response.status_code == 302
    assert "/konto/" in response.url


def test_participant_list_groups_by_organisation_and_names_who_has_not_answered(
    network, publish_event, client_for
):
    event = publish_event()
    event_invite(
        event=event, by=network.coordinator, organisations=[network.office_a, network.office_b]
    )
    rsvp_answer(event=event, person=network.office_staff, answer=Answer.YES, colleagues=2)
    html = (
        client_for(network.coordinator, mfa=True)
        .get(f"/termine/{event.pk}/teilnehmende/")
        .content.decode()
    )
    answered, missing = html.split('data-testid="not-answered"')
    assert "Ausländerbehörde Adorf" in answered
    assert "Ausländerbehörde Bestadt" in missing
    assert "Ausländerbehörde Adorf" not in missing


def test_csv_opens_in_german_excel(network, publish_event, client_for):
    event = publish_event()
    person = UserFactory(
        organisation=network.office_a,
        roles=["office_staff"],
        first_name="Jürgen",
        last_name="=Größe",
    )
    rsvp_answer(event=event, person=person, answer=Answer.YES)
    response = client_for(network.coordinator, mfa=True).get(
        f"/termine/{event.pk}/teilnehmende.csv"
    )
    content = response.content
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    assert "Organisation;Name;" in text
    assert "Ausländerbehörde Adorf;'Jürgen =Größe" in text or "Jürgen =Größe" in text


def test_past_events_show_their_minutes_if_readable(
    network, publish_event, client_for, event_index
):
    past = publish_event(
        "Vernetzungstreffen Herbst",
        start=timezone.now() - dt.timedelta(days=30),
        end=timezone.now() - dt.timedelta(days=30) + dt.timedelta(hours=3),
    )
    minutes = Page.objects.get(slug="wissen")  # any live page stands in for the minutes here
    type(past).objects.filter(pk=past.pk).update(minutes=minutes)
    html = client_for(network.office_staff).get(event_index.url).content.decode()
    section = html.split('data-testid="past-events"')[1]
    assert "Vernetzungstreffen Herbst" in section
    assert minutes.url in section


def test_list_and_month_query_counts_do_not_grow(
    network, publish_event, client_for, event_index, queries
):
    client = client_for(network.office_staff)
    start = timezone.now() + dt.timedelta(days=3)
    publish_event("Eins", start=start)
    month = timezone.localtime(start).strftime("%Y-%m")

    def add_events():
        for number in range(3):
            publish_event(f"Termin {number}", start=start + dt.timedelta(hours=number))

    # session, user, site, three for the page route, ancestors, view restrictions,
    # reader keys, open date polls, my roles, upcoming (its count and its page of 20),
    # past, unread count, menu pages, the filters' organisations, working groups and
    # topics, footer links
    queries.assert_constant(lambda: client.get(event_index.url), add_events, expected=20)
    # the same, with the month's events instead of upcoming and past (3): their ids by
    # their dates, then those the reader may see (so the planner probes each by id)
    queries.assert_constant(
        lambda: client.get(f"{event_index.url}?ansicht=monat&monat={month}"),
        add_events,
        expected=19,
    )


def test_event_page_query_count_does_not_grow_with_answers(
    network, publish_event, client_for, queries
):
    event = publish_event(capacity=50)
    client = client_for(network.office_staff)

    def add_answers():
        for _ in range(5):
            person = UserFactory(organisation=network.office_b, roles=["office_staff"])
            rsvp_answer(event=event, person=person, answer=Answer.YES, colleagues=1)

    # session, user, site, five for the page route, ancestors, view restrictions, reader
    # keys, the audience check, my answer, my invitation, seats taken, agenda, my roles,
    # unread count, menu pages; the discussion under it (the forum's content footer): the
    # page's rule for its comments, its thread, the groups a comment may be narrowed to,
    # the audience check of the comment form (4); footer links
    queries.assert_constant(lambda: client.get(event.url), add_answers, expected=24)


def test_filters_by_kind_working_group_and_mine(network, publish_event, client_for, event_index):
    publish_event("Schulung E-Akte", kind="training", working_group=network.digital_group)
    mine = publish_event("Vernetzung Nord")
    rsvp_answer(event=mine, person=network.office_staff, answer=Answer.YES)
    client = client_for(network.office_staff)

    def titles(query):
        html = client.get(f"{event_index.url}?{query}").content.decode()
        section = html.split('data-testid="upcoming-events"')[1]
        return {t for t in ("Schulung E-Akte", "Vernetzung Nord") if t in section}

    assert titles("art=training") == {"Schulung E-Akte"}
    assert titles(f"gruppe={network.digital_group.slug}") == {"Schulung E-Akte"}
    assert titles("meine=on") == {"Vernetzung Nord"}
    # a filter value that does not exist shows its error and filters nothing away
    assert titles("art=%3Cscript%3E") == {"Schulung E-Akte", "Vernetzung Nord"}


def test_upcoming_events_come_a_page_at_a_time(network, publish_event, client_for, event_index):
    # given 25 upcoming events, one a day
    import datetime as dt

    from django.utils import timezone

    first = timezone.now() + dt.timedelta(days=1)
    for day in range(25):
        publish_event(f"Termin {day:02d}", start=first + dt.timedelta(days=day))
    client = client_for(network.office_staff)

    # the list shows the first 20, soonest first, and a way on; the second page the rest
    html = client.get(event_index.url).content.decode()
    assert "Termin 00" in html
    assert "Termin 19" in html
    assert "Termin 20" not in html
    assert 'rel="next"' in html
    second = client.get(f"{event_index.url}?seite=2").content.decode()
    assert "Termin 20" in second
    assert "Termin 24" in second
    assert "Termin 19" not in second
    # a number past the end gives the last page, not an error
    assert client.get(f"{event_index.url}?seite=999").status_code == 200

"""Every role against every event audience, through every channel events have:
the calendar list, the month, the page, the .ics download, the feed, the dashboard."""

import pytest
from django.utils import timezone

from abhnetz.audiences.models import Audience
from events.models import Answer
from events.services import feed_token_renew, rsvp_answer
from tests.events.conftest import event_index, publish_event  # noqa: F401

AUDIENCES = {
    "network": lambda n: Audience.network(),
    "network_board": lambda n: Audience.network(advisory_board=True),
    "offices": lambda n: Audience.offices(),
    "office_a": lambda n: Audience.selected(organisations=[n.office_a]),
    "digital_group": lambda n: Audience.selected(working_groups=[n.digital_group]),
}
# who may read which audience (the administrator is a superuser, but reads by the rule)
READERS = {
    "network": {
        "office_staff",
        "office_staff_b",
        "partner",
        "coordinator",
        "moderator",
        "administrator",
    },
    "network_board": {
        "office_staff",
        "office_staff_b",
        "partner",
        "coordinator",
        "moderator",
        "administrator",
        "board_member",
    },
    "offices": {"office_staff", "office_staff_b", "coordinator", "moderator"},
    "office_a": {"office_staff", "moderator"},
    "digital_group": {"office_staff"},
}


@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_role_sees_an_event_exactly_when_the_audience_admits_them(
    network,
    publish_event,  # noqa: F811 (the imported fixture)
    event_index,  # noqa: F811 (the imported fixture)
    client_for,
    client,
    audience,
):
    title = f"Geheimtermin {audience}"
    event = publish_event(title, audience=AUDIENCES[audience](network))
    month = timezone.localtime(event.start).strftime("%Y-%m")
    for role, person in network.people().items():
        allowed = role in READERS[audience]
        browser = client_for(person)
        for url in (event_index.url, f"{event_index.url}?ansicht=monat&monat={month}"):
            assert (title in browser.get(url).content.decode()) == allowed, (role, url)
        assert browser.get(event.url).status_code == (200 if allowed else 404), role
        assert browser.get(f"/termine/{event.pk}/kalender.ics").status_code == (
            200 if allowed else 404
        ), role
        # the feed: even an answer given cannot bring in what the audience hides
        if allowed:
            rsvp_answer(event=event, person=person, answer=Answer.YES)
        token = feed_token_renew(person=person).token
        feed = client.get(f"/termine/abo/{token}.ics").content.decode()
        assert (title in feed) == allowed, role
        # "Nächste Termine" on the dashboard, with the answer given
        dashboard = browser.get("/").content.decode()
        assert (title in dashboard) == allowed, role

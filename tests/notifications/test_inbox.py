"""The inbox, the header's unread count and opening a notification."""

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from abhnetz.notifications.models import Notification
from abhnetz.notifications.services import notify

from .conftest import KIND


def unread_count(client) -> str:
    html = client.get("/benachrichtigungen/").content.decode()
    marker = 'data-testid="unread-count" aria-hidden="true">'
    return html.split(marker)[1].split("<")[0] if marker in html else "0"


def test_the_inbox_lists_mine_newest_first_and_links_through(network, publish, client_for):
    # given two notifications for the partner, one for someone else
    older = publish("Älter")
    newer = publish("Neuer")
    notify(kind=KIND, target=older, recipients=[network.partner])
    notify(kind=KIND, target=newer, recipients=[network.partner, network.office_staff])
    client = client_for(network.partner)

    # when they open the inbox
    html = client.get("/benachrichtigungen/").content.decode()

    # then they see theirs, newest first, and the header counts two unread
    assert html.index("Neuer") < html.index("Älter")
    assert html.count('data-testid="notification"') == 2
    assert unread_count(client) == "2"

    # when they follow one, it leads to the page and counts as read
    mine = Notification.objects.get(recipient=network.partner, target_object_id=newer.pk)
    response = client.get(f"/benachrichtigungen/{mine.pk}/")
    assert response.status_code == 302
    assert response["Location"] == newer.url
    assert unread_count(client) == "1"


def test_someone_elses_notification_is_a_404(network, publish, client_for):
    page = publish()
    notify(kind=KIND, target=page, recipients=[network.office_staff])
    theirs = Notification.objects.get()
    response = client_for(network.partner).get(f"/benachrichtigungen/{theirs.pk}/")
    assert response.status_code == 404
    assert Notification.objects.get().read_at is None


def test_mark_all_read(network, publish, client_for):
    page = publish()
    notify(kind=KIND, target=page, recipients=[network.partner])
    client = client_for(network.partner)
    assert client.get("/benachrichtigungen/alle-gelesen/").status_code == 405
    client.post("/benachrichtigungen/alle-gelesen/")
    assert unread_count(client) == "0"
    assert Notification.objects.get().read_at is not None


def test_a_narrowed_target_is_neither_shown_nor_counted_nor_opened(network, publish, client_for):
    # given a notification to the partner about a network-wide page
    page = publish("Bald geheim")
    notify(kind=KIND, target=page, recipients=[network.partner])
    notification = Notification.objects.get()
    client = client_for(network.partner)
    assert unread_count(client) == "1"

    # when the page is narrowed to office A
    audience_assign(page, Audience.selected(organisations=[network.office_a]))
    page.save_revision().publish()

    # then the partner sees nothing of it, not even the title
    html = client.get("/benachrichtigungen/").content.decode()
    assert "Bald geheim" not in html
    assert unread_count(client) == "0"
    assert client.get(f"/benachrichtigungen/{notification.pk}/").status_code == 404


def test_unpublished_and_deleted_pages_hide_their_notifications(network, publish, client_for):
    unpublished = publish("Zurückgezogen")
    deleted = publish("Gelöscht")
    notify(kind=KIND, target=unpublished, recipients=[network.partner])
    notify(kind=KIND, target=deleted, recipients=[network.partner])
    unpublished.unpublish()
    deleted.delete()
    client = client_for(network.partner)
    html = client.get("/benachrichtigungen/").content.decode()
    assert "Zurückgezogen" not in html
    assert "Gelöscht" not in html
    assert unread_count(client) == "0"


def test_leaving_the_group_hides_its_notifications(network, publish, client_for):
    from abhnetz.audiences.rules import forget_reader_keys

    page = publish(
        "Nur Digitalisierung", audience=Audience.selected(working_groups=[network.digital_group])
    )
    notify(kind=KIND, target=page, recipients=[network.office_staff])
    client = client_for(network.office_staff)
    assert unread_count(client) == "1"
    network.digital_group.group.user_set.remove(network.office_staff)
    forget_reader_keys(network.office_staff)
    assert unread_count(client) == "0"


def test_inbox_and_count_run_constant_queries(network, publish, client_for, queries):
    # given one notification of the partner's
    page = publish()
    notify(kind=KIND, target=page, recipients=[network.partner])
    client = client_for(network.partner)

    def add_items():
        for number in range(12):
            notify(kind=KIND, target=publish(f"Seite {number}"), recipients=[network.partner])

    # 1 session, 2 the user, 3 paginator count, 4 the page of notifications (actor
    # joined), 5 their targets (one query per target type: pages), 6 unread count in the
    # header, 7 footer's legal pages; the reader's keys are a subquery of 3, 4 and 6
    queries.assert_constant(lambda: client.get("/benachrichtigungen/"), add_items, expected=7)


def test_the_header_count_is_one_query_on_any_page(network, publish, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # given five unread notifications
    page = publish()
    for _number in range(5):
        notify(kind=KIND, target=page, recipients=[network.partner])

    # when the partner opens another page
    with CaptureQueriesContext(connection) as ctx:
        html = client_for(network.partner).get("/personen/").content.decode()

    # then the header shows 5, counted by one COUNT query that loads no rows
    assert 'data-testid="unread-count" aria-hidden="true">5<' in html
    counts = [q["sql"] for q in ctx.captured_queries if "notifications_notification" in q["sql"]]
    assert len(counts) == 1
    assert counts[0].startswith("SELECT COUNT(*)")


def test_the_inbox_is_paginated_like_every_list(network, publish, client_for, settings):
    settings.ABHNETZ_PAGE_SIZE = 2
    page = publish()
    for _number in range(3):
        notify(kind=KIND, target=page, recipients=[network.partner])
    client = client_for(network.partner)
    first = client.get("/benachrichtigungen/").content.decode()
    second = client.get("/benachrichtigungen/?seite=2").content.decode()
    assert first.count('data-testid="notification"') == 2
    assert second.count('data-testid="notification"') == 1
    assert 'rel="next"' in first

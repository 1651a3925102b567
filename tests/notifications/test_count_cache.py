"""The header's unread count with cached fragments on: it follows every change at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from abhnetz.audiences.models import Audience
from abhnetz.audiences.rules import forget_reader_keys
from abhnetz.audiences.services import audience_assign
from abhnetz.notifications.services import notify

from .conftest import KIND
from .test_inbox import unread_count


def test_the_count_is_kept_between_pages_and_follows_reading(
    network, publish, client_for, cached_fragments
):
    page = publish()
    notify(kind=KIND, target=page, recipients=[network.partner])
    notify(kind=KIND, target=page, recipients=[network.partner])
    cached_fragments()  # the commit of the request that told them
    client = client_for(network.partner)
    assert unread_count(client) == "2"

    # the next page asks the cache, not the notifications table
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/personen/").content.decode()
    assert 'data-testid="unread-count" aria-hidden="true">2<' in html
    assert not [q for q in ctx.captured_queries if "notifications_notification" in q["sql"]]

    # a third notification, then reading them all: the count follows each
    notify(kind=KIND, target=page, recipients=[network.partner])
    cached_fragments()
    assert unread_count(client) == "3"
    client.post("/benachrichtigungen/alle-gelesen/")
    cached_fragments()
    assert unread_count(client) == "0"


def test_a_narrowed_target_leaves_the_cached_count(network, publish, client_for, cached_fragments):
    page = publish("Bald geheim")
    notify(kind=KIND, target=page, recipients=[network.partner])
    cached_fragments()
    client = client_for(network.partner)
    assert unread_count(client) == "1"

    audience_assign(page, Audience.selected(organisations=[network.office_a]))
    page.save_revision().publish()
    cached_fragments()

    assert unread_count(client) == "0"
    assert "Bald geheim" not in client.get("/benachrichtigungen/").content.decode()


def test_leaving_the_group_is_another_copy_at_once(network, publish, client_for, cached_fragments):
    page = publish(
        "Nur Digitalisierung", audience=Audience.selected(working_groups=[network.digital_group])
    )
    notify(kind=KIND, target=page, recipients=[network.office_staff])
    cached_fragments()
    client = client_for(network.office_staff)
    assert unread_count(client) == "1"
    # no commit in between: the reader's groups are part of the copy's key
    network.digital_group.group.user_set.remove(network.office_staff)
    forget_reader_keys(network.office_staff)
    assert unread_count(client) == "0"

"""Every role × every audience through every notification channel.

A notification about a page goes only to readers of the page. And when a page is
narrowed after the notification was made, the people it no longer admits find no
trace of it: not in the inbox, the header's count, the open link, the digest nor the
my-data export.
"""

import pytest
from django.core import mail
from django.core.management import call_command

from abhnetz.accounts.data_services import user_data_export
from abhnetz.accounts.models import User
from abhnetz.audiences.services import audience_assign
from abhnetz.notifications import registry
from abhnetz.notifications.models import Notification
from abhnetz.notifications.registry import Delivery, NotificationKind
from abhnetz.notifications.services import notify
from tests.audiences.test_rules import CASES

SECRET = "Geheimsache-91b2"
KIND = "tests.security_digest"


@pytest.fixture(autouse=True)
def digest_kind():
    registry.register(NotificationKind(key=KIND, label="Test", default_delivery=Delivery.DIGEST))
    yield
    registry._kinds.pop(KIND, None)


def channels(client, person) -> dict[str, bool]:
    inbox = client.get("/benachrichtigungen/").content.decode()
    notification = Notification.objects.filter(recipient=person).first()
    return {
        "inbox": SECRET in inbox,
        "count": 'data-testid="unread-count"' in inbox,
        "open": notification is not None
        and client.get(f"/benachrichtigungen/{notification.pk}/").status_code == 302,
        "export": SECRET in str(user_data_export(user=person)),
    }


@pytest.mark.parametrize("case", sorted(CASES))
def test_only_readers_are_told_and_see_it(
    network, client_for, publish_page, case, django_capture_on_commit_callbacks
):
    # given a page for the case's audience and a notification to everybody
    make_audience, readers = CASES[case]
    page = publish_page(SECRET, audience=make_audience(network))
    notify(kind=KIND, target=page, recipients=User.objects.all())

    # when the digest goes out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", verbosity=0)

    # then readers have it everywhere, everybody else nowhere
    mailed = {address for message in mail.outbox for address in message.to}
    for name, person in network.people().items():
        seen = channels(client_for(person), person)
        seen["digest"] = person.email in mailed
        if name in readers:
            assert all(seen.values()), f"{name} misses {case}: {seen}"
        else:
            assert not any(seen.values()), f"{name} sees {case} through {seen}"


@pytest.mark.parametrize("case", sorted(CASES))
def test_narrowing_after_the_fact_hides_it_from_who_left_the_audience(
    network, client_for, publish_page, case, django_capture_on_commit_callbacks
):
    from abhnetz.audiences.models import Audience

    # given a network-and-board page everybody was told of
    page = publish_page(SECRET, audience=Audience.network(advisory_board=True))
    notify(kind=KIND, target=page, recipients=User.objects.all())

    # when it is narrowed to the case's audience before the digest
    make_audience, readers = CASES[case]
    audience_assign(page, make_audience(network))
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", verbosity=0)

    # then only the remaining readers find it
    mailed = {address for message in mail.outbox for address in message.to}
    for name, person in network.people().items():
        seen = channels(client_for(person), person)
        seen["digest"] = person.email in mailed
        if name in readers:
            assert all(seen.values()), f"{name} misses {case}: {seen}"
        else:
            assert not any(seen.values()), f"{name} still sees {case} through {seen}"

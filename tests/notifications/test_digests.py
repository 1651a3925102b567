"""The daily digest: once per day, checked again at send time, with one-click unsubscribe."""

import re

from django.core import mail
from django.core.management import call_command
from django.test import Client

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from abhnetz.notifications.mails import unsubscribe_token
from abhnetz.notifications.models import MailState, Notification
from abhnetz.notifications.registry import Delivery
from abhnetz.notifications.services import notify, preference_set, preferences_of

from .conftest import DIGEST_KIND, KIND, WORK_KIND


def digests(committed):
    with committed():
        call_command("send_digests", verbosity=0)


def test_the_digest_run_twice_sends_once(network, publish, committed):
    # given two digest items for the partner
    first, second = publish("Erste Seite"), publish("Zweite Seite")
    notify(kind=DIGEST_KIND, target=first, recipients=[network.partner])
    notify(kind=DIGEST_KIND, target=second, recipients=[network.partner])

    # when the digest runs twice on the same day
    digests(committed)
    digests(committed)

    # then one mail with both items went out
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [network.partner.email]
    assert "Erste Seite" in mail.outbox[0].body
    assert "Zweite Seite" in mail.outbox[0].body
    assert not Notification.objects.filter(mail_state=MailState.DIGEST).exists()

    # and an item that arrives later the same day waits for the next day's digest
    notify(kind=DIGEST_KIND, target=first, recipients=[network.partner])
    digests(committed)
    assert len(mail.outbox) == 1


def test_an_item_narrowed_after_it_was_queued_never_goes_out(network, publish, committed):
    # given a digest item about a network-wide page, and another one
    secret = publish("Wird geheim")
    other = publish("Bleibt offen")
    notify(kind=DIGEST_KIND, target=secret, recipients=[network.partner])
    notify(kind=DIGEST_KIND, target=other, recipients=[network.partner])

    # when the first page is narrowed to office A before the digest runs
    audience_assign(secret, Audience.selected(organisations=[network.office_a]))
    secret.save_revision().publish()
    digests(committed)

    # then the digest carries only the other page, not even the title of the first
    assert len(mail.outbox) == 1
    assert "Bleibt offen" in mail.outbox[0].body
    assert "Wird geheim" not in mail.outbox[0].body
    assert "Wird geheim" not in mail.outbox[0].alternatives[0][0]


def test_nothing_visible_left_means_no_digest(network, publish, committed):
    page = publish("Zurückgezogen")
    notify(kind=DIGEST_KIND, target=page, recipients=[network.partner])
    page.unpublish()
    digests(committed)
    assert mail.outbox == []


def test_switching_the_digest_off_before_it_runs_drops_the_items(network, publish, committed):
    page = publish()
    notify(kind=DIGEST_KIND, target=page, recipients=[network.partner])
    preference_set(person=network.partner, kind=DIGEST_KIND, delivery=Delivery.INBOX)
    digests(committed)
    assert mail.outbox == []


def unsubscribe_link(message) -> str:
    header = message.extra_headers["List-Unsubscribe"]
    return re.fullmatch(r"<http://testserver(/\S+)>", header).group(1)


def test_each_mail_carries_one_click_unsubscribe_headers(network, publish, committed):
    page = publish()
    with committed():
        notify(kind=KIND, target=page, recipients=[network.partner])
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_link(message).startswith("/benachrichtigungen/abbestellen/")
    # the preferences page is linked from the mail, too
    assert "/benachrichtigungen/einstellungen/" in message.body


def test_the_unsubscribe_link_works_without_login_for_its_kind_only(network, publish, committed):
    # given a mail to the partner
    page = publish()
    with committed():
        notify(kind=KIND, target=page, recipients=[network.partner])
    link = unsubscribe_link(mail.outbox[0])
    guest = Client(enforce_csrf_checks=True)

    # when a guest opens the link, a confirm page shows and nothing changes yet
    response = guest.get(link)
    assert response.status_code == 200
    assert "Etwas Neues" in response.content.decode()
    assert preferences_of(network.partner)[KIND] == Delivery.IMMEDIATE

    # when the mail program posts the one-click form
    response = guest.post(link, {"List-Unsubscribe": "One-Click"})

    # then that kind is off for that person only; their other kinds and others' stay
    assert response.status_code == 200
    assert preferences_of(network.partner)[KIND] == Delivery.OFF
    assert preferences_of(network.partner)[DIGEST_KIND] == Delivery.DIGEST
    assert preferences_of(network.office_staff)[KIND] == Delivery.IMMEDIATE


def test_forged_or_altered_tokens_are_refused(network):
    token = unsubscribe_token(person_id=network.partner.pk, kind=KIND)
    # another person's payload under the partner's signature
    theirs = unsubscribe_token(person_id=network.office_staff.pk, kind=KIND)
    other_person = theirs.split(":")[0] + ":" + token.split(":", 1)[1]
    assert other_person != theirs
    for bad in (token[:-2] + "xx", other_person, "abc", token + "a"):
        assert Client().post(f"/benachrichtigungen/abbestellen/{bad}/").status_code == 404
    # a token for an unknown kind answers the same
    unknown = unsubscribe_token(person_id=network.partner.pk, kind="tests.unknown")
    assert Client().post(f"/benachrichtigungen/abbestellen/{unknown}/").status_code == 404
    assert preferences_of(network.partner)[KIND] == Delivery.IMMEDIATE


def test_a_kind_that_cannot_be_off_goes_to_the_inbox_only(network):
    token = unsubscribe_token(person_id=network.partner.pk, kind=WORK_KIND)
    Client().post(f"/benachrichtigungen/abbestellen/{token}/")
    assert preferences_of(network.partner)[WORK_KIND] == Delivery.INBOX


def test_the_digest_link_stops_the_digest(network, publish, committed):
    page = publish()
    notify(kind=DIGEST_KIND, target=page, recipients=[network.partner])
    digests(committed)
    Client().post(unsubscribe_link(mail.outbox[0]))
    assert preferences_of(network.partner)[DIGEST_KIND] == Delivery.OFF

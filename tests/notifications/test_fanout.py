"""notify(): who is told, in bulk, and who gets a mail at once."""

import pytest
from django.core import mail

from abhnetz.accounts.models import User
from abhnetz.accounts.roles import Role
from abhnetz.audiences.models import Audience
from abhnetz.audiences.rules import readers_of
from abhnetz.notifications.models import MailState, Notification
from abhnetz.notifications.registry import Delivery
from abhnetz.notifications.services import notify, preference_set
from tests.factories import UserFactory

from .conftest import DIGEST_KIND, KIND, WORK_KIND


def test_only_readers_of_the_target_are_told(network, publish, committed):
    # given a page for office A only
    page = publish("Nur Adorf", audience=Audience.selected(organisations=[network.office_a]))

    # when everybody is to be told
    with committed():
        notify(kind=KIND, target=page, recipients=User.objects.all(), actor=network.coordinator)

    # then only office A's people (and not the actor) have it, and they got a mail each
    told = set(Notification.objects.values_list("recipient__email", flat=True))
    assert told == {network.office_staff.email, network.moderator.email}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(told)
    notification = Notification.objects.get(recipient=network.office_staff)
    assert notification.actor == network.coordinator
    assert notification.mail_state == MailState.NONE
    assert notification.emailed_at is not None


def test_readers_of_answers_like_can_view(network, publish):
    from abhnetz.audiences.rules import can_view

    page = publish("Nur Ämter", audience=Audience.offices())
    people = User.objects.all()
    assert set(readers_of(page, people)) == {p for p in people if can_view(p, page)}


def test_an_unpublished_page_has_no_readers(network, publish):
    page = publish("Weg")
    page.unpublish()
    page.refresh_from_db()
    assert not readers_of(page, User.objects.all()).exists()


def test_the_actor_is_never_told_and_off_means_off(network, publish, committed):
    page = publish()
    preference_set(person=network.partner, kind=KIND, delivery=Delivery.OFF)
    with committed():
        notify(
            kind=KIND,
            target=page,
            recipients=[network.partner, network.office_staff],
            actor=network.office_staff,
        )
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_digest_and_inbox_deliveries_send_no_mail_now(network, publish, committed):
    page = publish()
    preference_set(person=network.office_staff_b, kind=KIND, delivery=Delivery.INBOX)
    with committed():
        notify(kind=KIND, target=page, recipients=[network.office_staff_b])
        notify(kind=DIGEST_KIND, target=page, recipients=[network.office_staff_b])
    states = dict(Notification.objects.values_list("kind", "mail_state"))
    assert states == {KIND: MailState.NONE, DIGEST_KIND: MailState.DIGEST}
    assert mail.outbox == []


def test_a_kind_that_cannot_be_turned_off_refuses_off(network):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        preference_set(person=network.partner, kind=WORK_KIND, delivery=Delivery.OFF)


def test_once_tells_nobody_twice(network, publish, committed):
    page = publish()
    with committed():
        notify(kind=KIND, target=page, recipients=[network.partner], once=True)
        notify(
            kind=KIND, target=page, recipients=[network.partner, network.office_staff], once=True
        )
    assert sorted(Notification.objects.values_list("recipient__email", flat=True)) == sorted(
        [network.partner.email, network.office_staff.email]
    )


def test_a_target_narrowed_before_the_mail_leaves_is_not_mailed(
    network, publish, django_capture_on_commit_callbacks
):
    from abhnetz.audiences.services import audience_assign

    # given a network-wide page and a notification to the partner queued for a mail
    page = publish()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(kind=KIND, target=page, recipients=[network.partner])
        # when the page is narrowed to office A before the task runs
        audience_assign(page, Audience.selected(organisations=[network.office_a]))
        page.save_revision().publish()
    for callback in callbacks:
        callback()

    # then no mail leaves
    assert not [m for m in mail.outbox if network.partner.email in m.to]


def test_links_in_notification_mails_must_stay_on_the_site(network, publish):
    page = publish()
    for link in ("https://evil.example/", "//evil.example/", "javascript:alert(1)", "/\\evil"):
        with pytest.raises(ValueError, match="path of this site"):
            notify(kind=KIND, target=page, recipients=[network.partner], link=link)


def test_fan_out_to_500_followers_costs_constant_queries(
    network, publish, queries, django_capture_on_commit_callbacks
):
    # given a network-wide page and 5 office staff
    page = publish()
    organisation = network.office_b
    people = User.objects.filter(organisation=organisation)

    def fan_out():
        with django_capture_on_commit_callbacks(execute=False):
            notify(kind=KIND, target=page, recipients=people)

    def add_followers():
        for number in range(500):
            UserFactory(
                email=f"p{number}@bestadt.example",
                organisation=organisation,
                roles=[Role.OFFICE_STAFF],
            )

    # when 500 more people are told, the queries stay the same:
    # 1 savepoint, 1 INSERT … SELECT (readers, preferences and rows in one), 1 release
    queries.assert_constant(fan_out, add_followers, expected=3)
    assert Notification.objects.filter(recipient__organisation=organisation).count() >= 500

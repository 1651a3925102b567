"""Guides past their review date: listed for coordinators, owners reminded once per date."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from abhnetz.audiences.models import Audience
from knowledge.guides.models import ReviewReminder


@pytest.fixture
def overdue(network, make_guide):
    today = timezone.localdate()

    def make(title, **kwargs):
        kwargs.setdefault("owner", network.office_staff)
        return make_guide(title, review_due_on=today - timedelta(days=3), **kwargs)

    return make


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """Run the command and the e-mails it queues for after the commit."""

    def run(**options):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_review_reminders", **options)

    return run


def test_coordinators_see_overdue_guides_they_may_read(network, client_for, overdue, make_guide):
    # given an overdue network guide, an overdue guide for office B only and a current one
    overdue("Terminvergabe online", deputy=network.office_staff_b)
    overdue(
        "Dienstplan Bestadt",
        owner=network.office_staff_b,
        audience=Audience.selected(organisations=[network.office_b]),
    )
    make_guide(
        "Aktueller Leitfaden",
        owner=network.office_staff,
        review_due_on=timezone.localdate() + timedelta(days=3),
    )

    # when the coordinator opens the review list
    response = client_for(network.coordinator).get("/wissen/ueberpruefung/")

    # then the overdue network guide is listed with its owner and deputy, nothing else
    assert response.status_code == 200
    html = response.content.decode()
    assert "Terminvergabe online" in html
    assert str(network.office_staff) in html
    assert str(network.office_staff_b) in html
    assert "Dienstplan Bestadt" not in html
    assert "Aktueller Leitfaden" not in html


@pytest.mark.parametrize("person", ["office_staff", "partner", "board_member", "moderator"])
def test_others_may_not_open_the_review_list(network, client_for, person):
    response = client_for(getattr(network, person)).get("/wissen/ueberpruefung/")
    assert response.status_code == 403


def test_review_list_queries_do_not_grow(network, client_for, queries, overdue):
    overdue("Leitfaden 0", deputy=network.office_staff_b)
    client = client_for(network.coordinator)

    def add_items():
        for number in range(1, 6):
            overdue(f"Leitfaden {number}", deputy=network.office_staff_b)

    queries.assert_constant(lambda: client.get("/wissen/ueberpruefung/"), add_items)


def test_reminders_go_out_once_per_due_date(network, overdue, make_guide, remind):
    # given an overdue guide with an owner and a deputy, and a guide that is not due
    guide = overdue("Terminvergabe online", deputy=network.office_staff_b)
    make_guide("Aktuell", owner=network.partner, review_due_on=timezone.localdate())

    # when the command runs
    remind(verbosity=0)

    # then owner and deputy got one reminder each
    assert sorted(address for message in mail.outbox for address in message.to) == sorted(
        [network.office_staff.email, network.office_staff_b.email]
    )
    message = mail.outbox[0]
    assert "Terminvergabe online" in message.subject
    assert guide.url in message.body
    assert ReviewReminder.objects.filter(guide=guide, due_on=guide.review_due_on).exists()

    # when it runs again
    remind(verbosity=0)

    # then nothing more is sent
    assert len(mail.outbox) == 2

    # when the owner sets a new date that passes too, there is a new reminder
    guide.review_due_on = timezone.localdate() - timedelta(days=1)
    guide.save_revision(user=network.office_staff).publish()
    remind(verbosity=0)
    assert len(mail.outbox) == 4


def test_a_deputy_outside_the_audience_is_not_mailed(network, overdue, remind):
    # given an overdue guide for office A whose deputy works in office B
    overdue(
        "Dienstplan Adorf",
        deputy=network.office_staff_b,
        audience=Audience.selected(organisations=[network.office_a]),
    )

    remind(verbosity=0)

    # then only the owner hears of it
    assert [m.to for m in mail.outbox] == [[network.office_staff.email]]


def test_the_command_shows_its_progress(network, overdue, remind, capsys):
    overdue("Terminvergabe online")
    remind()
    output = capsys.readouterr().out
    assert "1/1" in output
    assert "Terminvergabe online" in output

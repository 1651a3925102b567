"""Reminders for missing months, and the coordinator's view of them."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import dateformat

from abhnetz.notifications.models import Notification
from knowledge.figures.notification_kinds import FIGURES_MISSING
from knowledge.figures.numbers import add_months


def test_offices_without_last_month_are_reminded_once(
    network, office_c, submit_month, last_month, client_for
):
    # given office B submitted last month, A and C did not
    submit_month(network.office_b, network.office_staff_b, last_month)
    # when the reminders run twice
    call_command("send_figure_reminders", "--force")
    call_command("send_figure_reminders", "--force")
    # then the staff of A (office staff and the moderator) and C are told, once each
    told = set(
        Notification.objects.filter(kind=FIGURES_MISSING).values_list("recipient__email", flat=True)
    )
    assert told == {"office@adorf.example", "moderator@adorf.example", "office@cestadt.example"}
    assert Notification.objects.filter(kind=FIGURES_MISSING).count() == 3
    link = Notification.objects.filter(kind=FIGURES_MISSING).first().data["link"]
    assert link.startswith(reverse("figures:entry"))
    # and the inbox names the month in German
    inbox = client_for(network.office_staff).get(reverse("notifications:inbox")).content.decode()
    assert f"Kennzahlen für {dateformat.format(last_month, 'F Y')}" in inbox


@pytest.mark.parametrize(("day", "reminded"), [(27, False), (28, True), (30, True)])
def test_reminders_start_on_the_configured_day(network, settings, monkeypatch, day, reminded):
    # given reminders configured for the 28th
    settings.FIGURES_REMINDER_DAY = 28
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 3, day))
    # when the daily job runs on ``day`` (no --force)
    call_command("send_figure_reminders")
    # then offices missing February are told from the 28th on, not before
    sent = Notification.objects.filter(kind=FIGURES_MISSING)
    assert sent.exists() == reminded
    if reminded:
        assert set(sent.values_list("data__month", flat=True)) == {"2026-02"}


def test_the_coordinator_sees_missing_months(network, client_for, submit_month, last_month):
    submit_month(network.office_a, network.office_staff, last_month)
    response = client_for(network.coordinator).get(reverse("figures:missing"))
    rows = dict(response.context["rows"])
    assert last_month not in rows[network.office_a]
    assert last_month in rows[network.office_b]
    assert add_months(last_month, -1) in rows[network.office_a]


@pytest.mark.parametrize("person", ["office_staff", "partner", "board_member", "moderator"])
def test_only_the_coordinator_sees_missing_months(network, client_for, person):
    response = client_for(getattr(network, person)).get(reverse("figures:missing"))
    assert response.status_code == 404

"""/healthz answers load balancers without a login and without any content; a database
outage is the German 503 page, never a traceback."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone


def test_healthz_answers_without_login_and_says_nothing_else(db, client):
    # when a probe asks without a session
    response = client.get("/healthz")
    # then it is answered, with the checks only
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "tasks": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_refuses_writes(db, client):
    assert client.post("/healthz").status_code == 405


def test_healthz_is_503_when_the_database_is_down(db, client):
    # given a database that does not answer
    with mock.patch("abhnetz.core.health.connection.cursor", side_effect=OperationalError("x")):
        response = client.get("/healthz")
    # then the probe takes this server out
    assert response.status_code == 503
    assert response.json()["database"] == "fail"


def test_healthz_reports_a_task_backlog(db, client, settings):
    # given the database queue (production's) with an e-mail waiting for half an hour
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    from abhnetz.core.tasks import send_email

    send_email.enqueue(subject="s", body="b", to=["a@example.org"])
    assert client.get("/healthz").json()["tasks"] == "ok"  # just queued: fine
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=30))
    # when the probe asks, then it hears of the backlog (pages are still served: 200)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["tasks"] == "backlog"


@pytest.mark.urls("tests.core.error_urls")
def test_a_database_outage_is_the_german_503_page(network):
    # given a member whose session cannot be read because the database is gone
    client = Client(raise_request_exception=False)
    client.force_login(network.office_staff, backend="django.contrib.auth.backends.ModelBackend")
    with mock.patch(
        "django.contrib.sessions.backends.db.SessionStore.load",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/wissen/")
    # then the German page says so, asks to retry, and shows no technical detail
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Kurz nicht erreichbar" in html
    assert "connection refused" not in html
    assert "Traceback" not in html


@pytest.mark.urls("tests.core.error_urls")
def test_other_errors_stay_the_500_page(network):
    client = Client(raise_request_exception=False)
    client.force_login(network.office_staff, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/test-fehler/500/")
    assert response.status_code == 500
    assert "Etwas ist schiefgelaufen" in response.content.decode()

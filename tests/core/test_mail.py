"""The one mail path: rendering per recipient language, plain subjects, links on SITE_URL."""

import re

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from wagtail.users.models import UserProfile

from abhnetz.accounts import onboarding_services
from abhnetz.core.mail import mail_send, send_after_commit, site_url
from tests.factories import UserFactory


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def english(user):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})


def request_access(network, **overrides):
    network.office_a.email_domains = "adorf.example"
    network.office_a.save()
    data = {
        "first_name": "Paula",
        "last_name": "Probst",
        "email": "paula@adorf.example",
        "organisation": network.office_a,
    } | overrides
    return onboarding_services.access_request_submit(**data)


def test_mail_leaves_after_commit_through_the_task(db, committed):
    with committed() as callbacks:
        send_after_commit(subject="Betreff", body="Text", to=["a@example.org"], html="<p>Text</p>")
        assert mail.outbox == []  # nothing before the commit
    assert len(callbacks) == 1
    assert mail.outbox[0].subject == "Betreff"
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_no_mail_for_rolled_back_work(db, committed):
    with committed() as callbacks:
        try:
            with transaction.atomic():
                send_after_commit(subject="Nie", body="x", to=["a@example.org"])
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []


def test_each_recipient_gets_the_same_event_in_their_own_language(network, committed):
    # given a coordinator who chose English and an administrator who did not
    english(network.coordinator)

    # when an access request arrives
    with committed():
        request_access(network)

    # then the coordinator reads English and the administrator German, one mail each
    by_address = {message.to[0]: message for message in mail.outbox}
    assert len(mail.outbox) == 2
    assert by_address[network.coordinator.email].subject.endswith(
        "New access request from Paula Probst"
    )
    assert "Please approve or decline" in by_address[network.coordinator.email].body
    assert by_address[network.administrator.email].subject.endswith(
        "Neue Zugangsanfrage von Paula Probst"
    )
    assert "Please approve" not in by_address[network.administrator.email].body
    # and the HTML alternative is in the same language
    html = {kind: content for content, kind in by_address[network.coordinator.email].alternatives}
    assert 'lang="en"' in html["text/html"]


@pytest.mark.parametrize(
    "first_name", ["Tom & <Jerry>", "<script>alert(1)</script>", "A\nBcc: x@evil.example", "&amp;"]
)
def test_subjects_arrive_as_typed_never_html_escaped(network, committed, first_name):
    # when someone whose name carries markup characters asks for access
    with committed():
        request_access(network, first_name=first_name)

    # then the subject shows the name as typed, on one line
    subject = mail.outbox[0].subject
    assert " ".join(first_name.split()) in subject
    assert "&lt;" not in subject
    assert "&amp;lt;" not in subject
    assert "\n" not in subject
    # while the HTML alternative escapes it
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html


def test_links_use_the_configured_site_address(network, committed, settings):
    # given the site runs on port 8123
    settings.SITE_URL = "http://127.0.0.1:8123"

    # when an access request arrives
    with committed():
        access_request = request_access(network)

    # then the review link in the mail points there
    links = re.findall(r"https?://\S+", mail.outbox[0].body)
    assert f"http://127.0.0.1:8123/zugangsanfragen/{access_request.pk}/" in links
    assert all(link.startswith("http://127.0.0.1:8123/") for link in links)
    assert site_url("/x/") == "http://127.0.0.1:8123/x/"


def test_allauth_mails_use_the_site_address_and_the_language(network, committed, settings):
    # given the site runs on port 8123 and the partner chose English
    settings.SITE_URL = "http://127.0.0.1:8123"
    english(network.partner)
    # when they ask for a password reset from a request to another host
    with committed():
        Client(HTTP_HOST="localhost").post(
            "/konto/password/reset/", {"email": network.partner.email}
        )

    # then the mail is English, plain in the subject, with a link on the site address
    message = mail.outbox[0]
    assert message.to == [network.partner.email]
    assert "Password Reset" in message.subject
    links = re.findall(r"https?://\S+", message.body)
    assert links
    assert all(link.startswith("http://127.0.0.1:8123/") for link in links)
    assert "localhost" not in message.body


def test_one_send_mails_each_address_once(db, committed):
    # given a member and the same address twice in other capitals
    person = UserFactory(email="anna@adorf.example")

    # when one send call names them three times
    with committed():
        mail_send(
            template="accounts/email/access_request_existing_account",
            to=[person, "Anna@Adorf.example", "anna@adorf.example"],
            context={"login_url": site_url("/"), "reset_url": site_url("/")},
        )

    # then one mail leaves
    assert [message.to for message in mail.outbox] == [["anna@adorf.example"]]


def test_inactive_members_get_no_mail(db, committed):
    person = UserFactory(email="weg@adorf.example", is_active=False)
    with committed():
        mail_send(
            template="accounts/email/access_request_existing_account",
            to=[person],
            context={"login_url": "", "reset_url": ""},
        )
    assert mail.outbox == []


def test_the_language_switch_is_remembered_for_mails(network, client_for):
    # when a member switches to English in the header
    client_for(network.partner).post("/sprache/", {"language": "en", "next": "/"})

    # then their mails are English from now on
    assert UserProfile.get_for_user(network.partner).preferred_language == "en"


@pytest.mark.parametrize("target", ["run", "serve"])
def test_make_run_with_a_port_gives_links_on_that_port(target):
    import os
    import subprocess
    from pathlib import Path

    # when `make run PORT=8123` is asked what it would do (nothing runs: -n)
    environment = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    plan = subprocess.run(  # noqa: S603 - our own Makefile, dry run
        ["make", "-n", target, "PORT=8123"],  # noqa: S607 - make from PATH
        cwd=Path(__file__).resolve().parents[2],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout

    # then the server (runserver, or scripts/serve starting gunicorn and the task worker
    # with the environment it was given) gets the address with that port
    server = [line for line in plan.splitlines() if "runserver" in line or "scripts/serve" in line]
    assert server
    assert all("SITE_URL=http://127.0.0.1:8123 " in line for line in server)

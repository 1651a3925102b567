# ruff: noqa: F811 - the forum fixtures are imported for pytest
"""Mention suggestions for every role: the directory's people (active members) and
nothing more; mentioning someone who may not read the thread tells them nothing."""

from django.test import Client
from django.urls import reverse

from abhnetz.accounts.people_selectors import people_directory
from abhnetz.audiences.models import Audience
from abhnetz.notifications.models import Notification
from forums import services
from forums.models import ThreadKind
from tests.factories import UserFactory
from tests.forums.conftest import _no_rate_limit, make_category  # noqa: F401


def test_every_role_is_offered_the_directory_s_active_members_only(network, client_for):
    # given a former member whose name matches
    UserFactory(first_name="Ehemalige", last_name="Vorname0", is_active=False,
                email="ehemalig@adorf.example")  # fmt: skip
    for role, person in network.people().items():
        client = client_for(person)
        page = client.get(reverse("forums:mentions"), {"body": "Hallo @Vorname"}).content.decode()
        # the same people the directory shows this role, and never a former member
        for shown in people_directory(q="Vorname")[:8]:
            assert shown.email in page, role
        assert "ehemalig@adorf.example" not in page, role
    # a guest learns nothing (no login page swapped in either)
    assert Client().get(reverse("forums:mentions"), {"body": "@Vor"}).status_code == 403


def test_a_mention_of_someone_outside_the_audience_tells_them_nothing(
    network, make_category, client_for
):
    # given an offices-only thread that mentions the partner and the board member
    category = make_category("Recht", Audience.offices())
    body = " und ".join(
        f"@{person.email}"
        for person in (network.partner, network.board_member, network.office_staff_b)
    )
    thread = services.thread_create(
        author=network.office_staff, category=category, kind=ThreadKind.QUESTION,
        title="Vertrauliche Frage zur Fiktion", body=body,
    )  # fmt: skip
    # then only the reader is told; the others get no notification and no title
    told = set(Notification.objects.values_list("recipient", flat=True))
    assert network.office_staff_b.pk in told
    assert network.partner.pk not in told
    assert network.board_member.pk not in told
    for outsider in (network.partner, network.board_member):
        inbox = client_for(outsider).get(reverse("notifications:inbox")).content.decode()
        assert thread.title not in inbox

# ruff: noqa: F811 - the forum and knowledge fixtures are imported for pytest
"""Mention suggestions for every role and every audience: only people who may read
where the text is written (the thread, the category of a new thread, the commented
page), active members only; an outsider's name never appears. Mentioning someone who
may not read tells them nothing, and the preview says so before posting."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from abhnetz.audiences.models import Audience
from abhnetz.audiences.rules import can_view
from abhnetz.notifications.models import Notification
from forums import services
from forums.mentions import scope_query
from forums.models import ThreadKind
from knowledge.guides.models import GuidePage
from tests.factories import UserFactory
from tests.forums.conftest import _no_rate_limit, categories, make_category  # noqa: F401
from tests.knowledge.conftest import knowledge_index, publish_page  # noqa: F401


def suggested(client, scope: str, typed: str = "Vorname") -> str:
    # the scope as the form's query string; the test client's data would replace it
    query = urlencode({"body": f"Hallo @{typed}"})
    return client.get(f"{reverse('forums:mentions')}?{scope}&{query}").content.decode()


@pytest.fixture
def targets(network, categories, publish_page):
    """Where a text can be written, for each audience: a category (a new thread), a
    thread in it, and commented pages."""
    result = {}
    for name, category in categories.items():
        thread = services.thread_create(
            author=network.moderator if name != "digital" else network.office_staff,
            category=category, kind=ThreadKind.QUESTION, title=f"Frage {name}", body="Text",
        )  # fmt: skip
        result[f"category {name}"] = (category, scope_query(category=category))
        result[f"thread {name}"] = (thread, scope_query(thread=thread))
    for name, audience in (
        ("board page", Audience.network(advisory_board=True)),
        ("offices page", Audience.offices()),
    ):
        page = publish_page(f"Leitfaden {name}", page_class=GuidePage, audience=audience,
                            owner=network.office_staff)  # fmt: skip
        result[name] = (page, scope_query(page=page))
    return result


def test_every_role_is_offered_only_the_readers_of_where_they_write(network, targets, client_for):
    # given a former member whose name matches too
    UserFactory(first_name="Vorname", last_name="Ehemalig", is_active=False,
                email="ehemalig@adorf.example")  # fmt: skip
    people = network.people()
    for role, writer in people.items():
        client = client_for(writer)
        for where, (target, scope) in targets.items():
            page = suggested(client, scope)
            # then exactly the people who may read it (all fit: eight of them), and
            # nothing at all where the writer may not read
            expected = (
                {p.email for p in people.values() if can_view(p, target)}
                if can_view(writer, target)
                else set()
            )
            shown = {p.email for p in people.values() if p.email in page}
            assert shown == expected, (role, where)
            assert "ehemalig@adorf.example" not in page, (role, where)


def test_naming_nothing_or_garbage_offers_no_one(network, client_for):
    client = client_for(network.office_staff)
    for scope in ("", "thread=x", "thread=99999999999999999999999", "seite=-1",
                  "kategorie=%3Cscript%3E", "thread=1&kategorie=x"):  # fmt: skip
        page = suggested(client, scope)
        assert "@" not in page, scope
    # a guest learns nothing (no login page swapped in either)
    assert Client().get(reverse("forums:mentions"), {"body": "@Vor"}).status_code == 403


def test_the_forms_ask_for_the_readers_of_their_thread_or_category(network, targets, client_for):
    category, category_scope = targets["category network"]
    thread, thread_scope = targets["thread network"]
    client = client_for(network.office_staff)
    new = client.get(reverse("forums:create", args=[category.slug])).content.decode()
    assert f"{reverse('forums:mentions')}?{category_scope}" in new
    assert f"{reverse('forums:preview')}?{category_scope}" in new
    reply = client.get(thread.get_absolute_url()).content.decode()
    assert f"{reverse('forums:mentions')}?{thread_scope}" in reply


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


def test_the_preview_names_the_mentions_that_will_not_be_told(network, targets, client_for):
    # given an offices-only category and a text mentioning a reader, an outsider and a
    # nobody
    category, scope = targets["category offices"]
    body = (
        f"Fragt @{network.office_staff_b.email}, @{network.partner.email} "
        "und @niemand@nirgendwo.example"
    )
    client = client_for(network.office_staff)
    # when it is previewed (htmx, and without JavaScript on the form itself)
    partial = client.post(f"{reverse('forums:preview')}?{scope}", {"body": body})
    page = client.post(
        reverse("forums:create", args=[category.slug]),
        {"kind": "question", "title": "Eine Frage", "body": body, "preview": "1"},
    )
    for response in (partial, page):
        html = response.content.decode()
        hint = html[html.index('data-testid="unheard-mentions"') :]
        # then the outsider and the unknown address are named, the reader is not
        assert f"@{network.partner.email}" in hint
        assert "@niemand@nirgendwo.example" in hint
        assert network.office_staff_b.email not in hint
    # and a reply in a thread, and a text with only readers, likewise
    thread, thread_scope = targets["thread offices"]
    reply = client.post(reverse("forums:reply", args=[thread.pk]), {"body": body, "preview": "1"})
    assert f"@{network.partner.email}" in reply.content.decode().split("unheard-mentions")[1]
    only_readers = client.post(
        f"{reverse('forums:preview')}?{thread_scope}", {"body": f"@{network.moderator.email}"}
    )
    assert "unheard-mentions" not in only_readers.content.decode()


def test_the_preview_of_a_narrowed_comment_names_those_outside_the_narrowing(
    network, targets, client_for
):
    # given the board page and a comment narrowed to the board's role group
    page, scope = targets["board page"]
    group = next(g for g in services.narrowing_choices(page) if "Integrationsbeirat" in g.name)
    body = f"@{network.office_staff_b.email} @{network.board_member.email}"
    response = client_for(network.board_member).post(
        f"{reverse('forums:preview')}?{scope}", {"body": body, "narrowed_to": [str(group.pk)]}
    )
    hint = response.content.decode().split("unheard-mentions")[1]
    assert network.office_staff_b.email in hint
    assert network.board_member.email not in hint

# ruff: noqa: F811 - the forum and knowledge fixtures are imported for pytest
"""Every role against every forum audience through every channel: index, lists,
thread page, post permalink, search hits, suggestions while asking, notifications,
comments. An outsider learns nothing, not even a title."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from abhnetz.audiences.models import Audience
from abhnetz.notifications.models import Notification
from forums import services
from knowledge.guides.models import GuidePage
from search import services as search_services
from tests.forums.conftest import _no_rate_limit, ask, categories, make_category  # noqa: F401
from tests.knowledge.conftest import knowledge_index, publish_page  # noqa: F401

TITLE = "Geheimnisvolle Fragestellung {}"

# who may read a category of each audience
READERS = {
    "network": {"office_staff", "office_staff_b", "partner", "coordinator", "moderator",
                "administrator"},
    "board": {"office_staff", "office_staff_b", "partner", "coordinator", "moderator",
              "administrator", "board_member"},
    "offices": {"office_staff", "office_staff_b", "coordinator", "moderator"},
    "office_a": {"office_staff", "moderator"},
    "digital": {"office_staff"},
}  # fmt: skip


@pytest.fixture
def threads(network, categories, ask, django_capture_on_commit_callbacks):
    made = {}
    with django_capture_on_commit_callbacks(execute=True):
        for key, category in categories.items():
            thread = ask(network.office_staff, category, title=TITLE.format(key))
            reply = services.post_create(
                thread=thread, author=network.office_staff, body=f"Antwort {key} Fragestellung"
            )
            made[key] = (thread, reply)
    return made


@pytest.mark.parametrize("audience", list(READERS))
def test_every_role_sees_exactly_its_threads_on_every_channel(
    audience, network, threads, client_for
):
    thread, reply = threads[audience]
    title = TITLE.format(audience)
    for role, person in network.people().items():
        client = client_for(person)
        allowed = role in READERS[audience]
        index = client.get(reverse("forums:index")).content.decode()
        assert (escape(thread.category.name) in index) is allowed, (role, "index")
        pages = [
            reverse("forums:list"),
            reverse("forums:list") + "?filter=ohne-akzeptierte&sortierung=hilfreich",
            reverse("forums:category", args=[thread.category.slug]),
        ]
        for url in pages:
            response = client.get(url)
            assert (title in response.content.decode()) is allowed, (role, url)
        assert (client.get(thread.get_absolute_url()).status_code == 200) is allowed, role
        permalink = client.get(reply.get_absolute_url())
        assert (permalink.status_code == 302) is allowed, role
        if not allowed:
            assert permalink.status_code == 404
            assert title not in permalink.content.decode()
        # search: hits and totals, and the suggestions while asking
        results = search_services.search(person, "Geheimnisvolle Fragestellung " + audience)
        found = any(title in hit.title for hit in results.hits)
        assert found is allowed, (role, "search")
        similar = client.get(reverse("forums:similar"), {"title": title}).content.decode()
        assert (f'href="{thread.get_absolute_url()}"' in similar) is allowed, (role, "similar")
        # the dashboard's open questions (all of them are answered: not listed) and the
        # thread actions answer 404 outside
        assert client.post(reverse("forums:follow", args=[thread.pk])).status_code in (
            (302,) if allowed else (404,)
        )


def test_notifications_reach_only_readers_at_send_time(network, categories, ask):
    # given everyone follows a thread in office A's category (they cannot all read it)
    thread = ask(network.moderator, categories["office_a"], title="Intern: Vertretung")
    from forums.models import ThreadFollow

    for person in network.people().values():
        ThreadFollow.objects.get_or_create(thread=thread, person=person)
    # when office staff reply, mentioning someone who may not read it
    services.post_create(
        thread=thread,
        author=network.office_staff,
        body="Siehe @partner@jobcenter.example und @office@bestadt.example",
    )
    told = set(Notification.objects.values_list("recipient__email", flat=True))
    # then only readers are told (the moderator), never the partner or office B
    assert told == {network.moderator.email}


def test_mention_suggestions_need_a_login_and_offer_only_active_members(
    network, categories, client_for
):
    from django.test import Client

    from forums.mentions import scope_query

    assert Client().get(reverse("forums:mentions"), {"body": "@Vor"}).status_code == 403
    url = f"{reverse('forums:mentions')}?{scope_query(category=categories['network'])}"
    url += f"&body=Hallo+%40{network.partner.first_name}"
    client = client_for(network.office_staff)
    assert network.partner.email in client.get(url).content.decode()
    network.partner.is_active = False
    network.partner.save()
    assert network.partner.email not in client.get(url).content.decode()


@pytest.fixture
def board_guide(network, publish_page):
    return publish_page(
        "Rückmeldung des Integrationsbeirats zum ServicePoint",
        page_class=GuidePage,
        audience=Audience.network(advisory_board=True),
        owner=network.office_staff,
    )


def test_comments_follow_the_page_audience_and_narrowing(network, board_guide, client_for):
    # given the board member comments under a guide shared with the board
    client = client_for(network.board_member)
    response = client.post(
        reverse("forums:comment", args=[board_guide.pk]), {"body": "Die Wartezone ist eng."}
    )
    assert response.status_code == 302
    # and a coordinator comments narrowed to the coordinators' group
    from tests.factories import role_group

    coordinators = role_group("coordinator")
    services.comment_create(
        page=board_guide,
        author=network.coordinator,
        body="Nur für die Koordination",
        narrowed_to=[coordinators],
    )
    for role, person in network.people().items():
        html = client_for(person).get(board_guide.url).content.decode()
        assert "Die Wartezone ist eng." in html, role
        assert ("Nur für die Koordination" in html) is (role == "coordinator"), role
    # the owner was told of the board member's comment
    assert Notification.objects.filter(
        recipient=network.office_staff, kind="forums.comment_on_my_page"
    ).exists()


def test_narrowing_is_never_wider_than_the_page(network, publish_page):
    from django.core.exceptions import ValidationError

    guide = publish_page(
        "Nur Adorf",
        page_class=GuidePage,
        audience=Audience.selected(organisations=[network.office_a]),
        owner=network.office_staff,
    )
    with pytest.raises(ValidationError):
        services.comment_create(
            page=guide,
            author=network.office_staff,
            body="Auch für Bestadt",
            narrowed_to=[network.office_b.group],
        )


def test_an_unpublished_page_hides_its_comments(network, board_guide, client_for):
    post = services.comment_create(page=board_guide, author=network.board_member, body="Hallo")
    board_guide.unpublish()
    for person in network.people().values():
        assert client_for(person).get(post.get_absolute_url()).status_code == 404
        if person != network.board_member:
            assert (
                client_for(person).get(reverse("forums:thread", args=[post.thread_id])).status_code
                == 404
            )


def test_board_members_may_not_start_threads_where_the_category_is_closed_to_them(
    network, categories, client_for
):
    client = client_for(network.board_member)
    assert (
        client.get(reverse("forums:create", args=[categories["network"].slug])).status_code == 404
    )
    assert client.get(reverse("forums:create", args=[categories["board"].slug])).status_code == 200


def test_moderation_needs_the_role_the_audience_and_the_second_factor(
    network, categories, ask, client_for
):
    thread = ask(network.office_staff, categories["network"])
    post = services.post_create(thread=thread, author=network.office_staff_b, body="Derb")
    hide = reverse("forums:post_moderate", args=[post.pk, "hide"])
    # not a moderator: refused
    assert client_for(network.partner).post(hide).status_code == 403
    # a moderator without the second factor is sent to prove it
    response = client_for(network.moderator).post(hide)
    assert response.status_code == 302
    assert response.url.startswith("/konto/")
    post.refresh_from_db()
    assert not post.is_hidden
    # with it, the post is hidden and logged
    assert client_for(network.moderator, mfa=True).post(hide, {"reason": "Ton"}).status_code == 302
    post.refresh_from_db()
    assert post.is_hidden
    html = client_for(network.partner).get(thread.get_absolute_url()).content.decode()
    assert "Derb" not in html
    assert 'data-testid="hidden-placeholder"' in html
    log = client_for(network.coordinator, mfa=True).get(reverse("forums:log")).content.decode()
    assert "Ton" in log
    # a moderator outside the working group's category gets a 404, and nothing changes
    secret = ask(network.office_staff, categories["digital"], title="Nur die AG")
    inner = services.post_create(thread=secret, author=network.office_staff, body="x")
    outside = client_for(network.moderator, mfa=True)
    url = reverse("forums:post_moderate", args=[inner.pk, "hide"])
    assert outside.post(url).status_code == 404
    inner.refresh_from_db()
    assert not inner.is_hidden


def test_a_narrowed_comment_is_found_by_no_one_outside_its_narrowing(
    network, board_guide, client_for, django_capture_on_commit_callbacks
):
    """Comments are not indexed (docs/decisions/0055): the page is what is found. So a
    reader of the page outside the narrowing finds the comment through no channel."""
    from tests.factories import role_group

    # given a coordinator's comment under the board guide, narrowed to the coordinators
    # (the page indexed, and whatever the comment enqueues run)
    word = "Zitronenfalterwiese"
    search_services.reindex_page_subtree(board_guide.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(
            page=board_guide,
            author=network.coordinator,
            body=f"Nur intern: die {word} am Eingang wird verlegt, sagt Frau Geheim.",
            narrowed_to=[role_group("coordinator")],
        )
    for role, person in network.people().items():
        # then no search hit, snippet, suggestion or "perhaps already answered" shows it
        client = client_for(person)
        results = search_services.search(person, word)
        shown = " ".join(f"{hit.title_html} {hit.snippet_html} {hit.url}" for hit in results.hits)
        assert results.total == 0, role
        assert word not in shown, role
        assert not list(search_services.suggest(person, word)), role
        for url, params in (
            (reverse("search:index"), {"q": word}),
            (reverse("search:suggest"), {"q": word}),
            (reverse("forums:similar"), {"title": word}),
        ):
            # (the results page repeats the query; the comment's other words must not show)
            assert "wird verlegt" not in client.get(url, params).content.decode(), (role, url)
        # and the page's own entry does not carry it either
        page_hits = search_services.search(person, "Rückmeldung Integrationsbeirats").hits
        assert all(word not in str(hit.snippet_html) for hit in page_hits), role
        if role == "office_staff_b":
            # (the index is live: this reader of the page, outside the narrowing, finds it)
            assert board_guide.url in [hit.url for hit in page_hits]

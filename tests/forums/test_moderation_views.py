"""The moderation views: the queue, hiding from it, pinning, locking and moving; each
needs the role, sight of the thread and the second factor, and is logged."""

from django.urls import reverse

from abhnetz.accounts.roles import Role
from abhnetz.audiences.models import Audience
from forums import services
from forums.models import Flag, ModerationLogEntry, Thread
from tests.factories import UserFactory


def flagged(network, categories, ask, category="network"):
    thread = ask(network.office_staff, categories[category], title=f"Gemeldet {category}")
    # a second reader writes the reply (the digital group has one member of the network)
    author = UserFactory(
        organisation=network.office_b,
        roles=[Role.OFFICE_STAFF],
        working_groups=[network.digital_group],
    )
    post = services.post_create(thread=thread, author=author, body="Werbung!")
    services.flag_create(post=post, by=network.office_staff, reason="Werbung")
    return thread, post


def test_queue_shows_open_flags_the_moderator_may_read(network, categories, ask, client_for):
    flagged(network, categories, ask, "network")
    flagged(network, categories, ask, "digital")  # the moderator is not in the group
    page = client_for(network.moderator, mfa=True).get(reverse("forums:queue"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Gemeldet network" in html
    assert "Werbung" in html
    assert "Gemeldet digital" not in html


def test_queue_needs_the_role_and_the_second_factor(network, client_for):
    for person in (network.office_staff, network.partner, network.board_member):
        assert client_for(person).get(reverse("forums:queue")).status_code == 403
    # a moderator without an authenticator app is sent to set one up
    response = client_for(network.moderator).get(reverse("forums:queue"))
    assert response.status_code == 302
    assert reverse("forums:queue") not in response["Location"].split("?")[0]


def test_hiding_from_the_queue_resolves_the_flag_and_logs(network, categories, ask, client_for):
    thread, post = flagged(network, categories, ask)
    client = client_for(network.moderator, mfa=True)
    response = client.post(
        reverse("forums:post_moderate", args=[post.pk, "hide"]), {"reason": "Werbung"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_hidden
    assert not Flag.objects.filter(resolved_at__isnull=True).exists()
    entry = ModerationLogEntry.objects.get(action="hide")
    assert (entry.actor, entry.post, entry.reason) == (network.moderator, post, "Werbung")
    assert "Gemeldet" not in client.get(reverse("forums:queue")).content.decode()
    # others see the placeholder, not the text
    page = client_for(network.office_staff_b).get(thread.get_absolute_url()).content.decode()
    assert "Werbung!" not in page


def test_pin_and_lock_change_the_thread_only_with_the_second_factor(
    network, categories, ask, client_for
):
    thread = ask(network.office_staff, categories["network"])
    url = reverse("forums:thread_moderate", args=[thread.pk, "pin"])
    # without the second factor: nothing changes
    client_for(network.moderator).post(url)
    thread.refresh_from_db()
    assert not thread.is_pinned
    # a member may not
    assert client_for(network.office_staff).post(url).status_code == 403
    # with it: pinned, and pinned threads lead the category's list
    client = client_for(network.moderator, mfa=True)
    newer = ask(network.office_staff, categories["network"], title="Neuer Faden")
    assert client.post(url).status_code == 302
    client.post(reverse("forums:thread_moderate", args=[thread.pk, "lock"]))
    thread.refresh_from_db()
    assert thread.is_pinned
    assert thread.is_locked
    listing = client.get(reverse("forums:category", args=[thread.category.slug])).content.decode()
    assert listing.index(thread.title) < listing.index(newer.title)
    assert set(ModerationLogEntry.objects.values_list("action", flat=True)) == {"pin", "lock"}
    # an unknown action is refused
    bad = reverse("forums:thread_moderate", args=[thread.pk, "delete"])
    assert client.post(bad).status_code == 403


def test_moving_re_checks_the_audience_and_updates_counts(network, categories, ask, client_for):
    # given a network thread the partner can read
    thread = ask(network.office_staff, categories["network"], title="Zu verschieben")
    client = client_for(network.moderator, mfa=True)
    url = reverse("forums:move", args=[thread.pk])
    form = client.get(url).content.decode()
    assert categories["offices"].name in form
    assert categories["digital"].name not in form  # the moderator may not read it
    # when it moves to offices-only
    response = client.post(url, {"category": categories["offices"].pk, "reason": "Fachfrage"})
    assert response.status_code == 302
    thread = Thread.objects.get(pk=thread.pk)
    assert thread.category == categories["offices"]
    assert thread.audience_scope == Audience.offices().scope
    # then the partner loses it, the counts follow, and the move is logged
    assert client_for(network.partner).get(thread.get_absolute_url()).status_code == 404
    categories["network"].refresh_from_db()
    categories["offices"].refresh_from_db()
    assert categories["network"].thread_count == 0
    assert categories["offices"].thread_count == 1
    assert ModerationLogEntry.objects.get(action="move").reason == "Fachfrage"
    # a category the moderator may not read is refused (not a choice)
    client.post(url, {"category": categories["digital"].pk})
    assert Thread.objects.get(pk=thread.pk).category == categories["offices"]


def test_moderators_outside_the_audience_get_404(network, categories, ask, client_for):
    thread, post = flagged(network, categories, ask, "digital")
    client = client_for(network.moderator, mfa=True)
    assert client.get(reverse("forums:move", args=[thread.pk])).status_code == 404
    assert client.post(reverse("forums:post_moderate", args=[post.pk, "hide"])).status_code == 404
    pin = reverse("forums:thread_moderate", args=[thread.pk, "pin"])
    assert client.post(pin).status_code == 404

"""Every role × every audience × every channel an announcement can travel through.

A reader outside the audience must find no trace of it: not in the list, the
dashboard, the feed, nor at its direct URLs (which answer 404 as if it did not exist).
"""

import pytest
from django.test import Client
from django.urls import reverse

from abhnetz.announcements.views import FEED_SALT
from tests.audiences.test_rules import CASES
from tests.factories import make_announcement

SECRET = "Geheimsache-7f3a"


def channels(client, user, item) -> dict[str, bool]:
    """Whether the item shows up, per channel."""
    from django.core import signing

    token = signing.dumps(user.pk, salt=FEED_SALT)
    return {
        "list": SECRET in client.get(reverse("announcements:list")).content.decode(),
        "dashboard": SECRET in client.get("/").content.decode(),
        "detail": client.get(item.get_absolute_url()).status_code == 200,
        "edit": client.get(reverse("announcements:edit", args=[item.pk])).status_code != 404,
        "delete": client.get(reverse("announcements:delete", args=[item.pk])).status_code != 404,
        "feed": SECRET
        in Client().get(reverse("announcements:feed", args=[token])).content.decode(),
    }


@pytest.mark.parametrize("case", sorted(CASES))
def test_outsiders_find_no_trace(network, client_for, case):
    make_audience, readers = CASES[case]
    item = make_announcement(network.coordinator, title=SECRET, audience=make_audience(network))
    readers = readers | {"coordinator"}
    for name, person in network.people().items():
        seen = channels(client_for(person), person, item)
        if name in readers:
            for channel in ("list", "detail", "dashboard"):
                assert seen[channel], f"{name} misses {case} in {channel}"
            # the feed carries whole-network items only
            assert seen["feed"] == (item.audience_scope == "network"), f"{name} feed {case}"
        else:
            assert not any(seen.values()), f"{name} sees {case} through {seen}"


def test_guests_see_nothing(network):
    item = make_announcement(network.coordinator, title=SECRET)
    guest = Client()
    assert guest.get(reverse("announcements:list")).status_code == 302
    assert guest.get(item.get_absolute_url()).status_code == 302
    assert SECRET not in guest.get("/").content.decode()

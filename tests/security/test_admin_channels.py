"""Every role × every audience × the Wagtail admin's channels for a page.

A person outside a page's audience finds no trace of it in the admin: not in the
admin API, the page search, the chooser, the site history, nor at the addresses that
name it by id (404). Superusers administer everything.
"""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.audiences.test_rules import CASES

SECRET = "Geheimsache Dienstplan"
WORD = "Geheimsache"
ADMIN_USERS = {"office_staff", "office_staff_b", "moderator", "coordinator"}


def channels(client, page) -> dict[str, bool]:
    """Whether the page shows up, per channel."""

    def names(url):
        return SECRET in client.get(url).content.decode()

    def answers(url):
        return client.get(url).status_code == 200

    return {
        "api search": names(f"/admin/api/main/pages/?search={WORD}"),
        "api children": names(f"/admin/api/main/pages/?child_of={page.get_parent().pk}"),
        "api detail": answers(f"/admin/api/main/pages/{page.pk}/"),
        "search": names(reverse("wagtailadmin_pages:search") + f"?q={WORD}"),
        "chooser search": names(reverse("wagtailadmin_choose_page_search") + f"?q={WORD}"),
        "chooser": answers(reverse("wagtailadmin_choose_page_child", args=[page.pk])),
        "site history": names(reverse("wagtailadmin_reports:site_history")),
        "history": answers(reverse("wagtailadmin_pages:history", args=[page.pk])),
        "edit": answers(reverse("wagtailadmin_pages:edit", args=[page.pk])),
    }


@pytest.mark.parametrize("case", sorted(CASES))
def test_outsiders_find_no_trace_in_the_admin(network, client_for, publish_page, case):
    # given a page for this audience, written by the administrator (a superuser)
    make_audience, readers = CASES[case]
    page = publish_page(SECRET, audience=make_audience(network), owner=network.administrator)
    for person in (network.coordinator, network.moderator, network.administrator):
        Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={})
    for name, person in network.people().items():
        # when each person looks for it through the admin
        seen = channels(client_for(person), page)
        # then readers who use the admin find it, and nobody else finds anything
        if name == "administrator":
            assert all(seen.values()), f"the superuser misses {case} in {seen}"
        elif name in readers and name in ADMIN_USERS:
            for channel in ("api search", "api children", "api detail", "chooser search"):
                assert seen[channel], f"{name} misses {case} in {channel}"
        else:
            assert not any(seen.values()), f"{name} sees {case} through {seen}"

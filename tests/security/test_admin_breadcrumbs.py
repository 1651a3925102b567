"""The admin's breadcrumbs and headers name no ancestor outside the editor's audience.

A network-wide guide below a page for office A only: a coordinator outside office A
may read and edit the guide, and every admin header leading to it says "Eingeschränkter
Bereich" where office A's page would stand, without a link to it.
"""

import pytest
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from abhnetz.accounts.roles import Role
from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from knowledge.models import KnowledgePage
from tests.factories import role_group

SECRET = "Dienstplan Geheim"
RESTRICTED = "Eingeschränkter Bereich"


@pytest.fixture
def guide_below_a_secret(network, publish_page):
    secret = publish_page(
        SECRET,
        audience=Audience.selected(organisations=[network.office_a]),
        owner=network.office_staff,
    )
    guide = KnowledgePage(title="Öffnungszeiten", summary="…", owner=network.coordinator)
    audience_assign(guide, Audience.network())
    secret.add_child(instance=guide)
    guide.save_revision(user=network.coordinator).publish()
    # the coordination may edit and publish here (Wagtail would list every ancestor)
    for permission in ("add", "change", "publish"):
        GroupPagePermission.objects.create(
            group=role_group(Role.COORDINATOR),
            page=Page.objects.get(depth=1),
            permission_type=permission,
        )
    return secret, KnowledgePage.objects.get(pk=guide.pk)


def headers(guide) -> dict[str, str]:
    return {
        "edit": reverse("wagtailadmin_pages:edit", args=[guide.pk]),
        "explorer": reverse("wagtailadmin_explore", args=[guide.pk]),
        "history": reverse("wagtailadmin_pages:history", args=[guide.pk]),
        "usage": reverse("wagtailadmin_pages:usage", args=[guide.pk]),
        "chooser": reverse("wagtailadmin_choose_page_child", args=[guide.pk]),
        "move chooser": reverse("wagtailadmin_choose_page_child", args=[guide.pk])
        + "?user_perms=move_to",
        "move": reverse("wagtailadmin_pages:move", args=[guide.pk]),
        "api detail": f"/admin/api/main/pages/{guide.pk}/",
        "api parent": f"/admin/api/main/pages/?id={guide.pk}&fields=parent,ancestors",
        "api explorer": f"/admin/api/main/pages/?child_of={guide.pk}&for_explorer=1",
    }


def test_headers_do_not_name_a_restricted_ancestor(network, client_for, guide_below_a_secret):
    # given a coordinator outside office A, who may edit the guide
    secret, guide = guide_below_a_secret
    client = client_for(network.coordinator, mfa=True)
    for name, url in headers(guide).items():
        # when they open the guide's admin pages
        response = client.get(url)
        # then the guide is there, office A's page is neither named nor linked
        html = response.content.decode()
        assert response.status_code == 200, name
        assert SECRET not in html, name
        assert reverse("wagtailadmin_explore", args=[secret.pk]) not in html, name
    assert RESTRICTED in client.get(headers(guide)["edit"]).content.decode()


def test_readers_see_the_ancestor_by_its_title(network, client_for, guide_below_a_secret):
    # given the moderator of office A, inside the audience
    _, guide = guide_below_a_secret
    client = client_for(network.moderator, mfa=True)
    # when they open the guide's explorer, then office A's page is named
    html = client.get(headers(guide)["explorer"]).content.decode()
    assert SECRET in html
    assert RESTRICTED not in html

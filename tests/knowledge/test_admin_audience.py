"""The audience rule in Wagtail's admin: explorer, page chooser and page search."""

import pytest
from django.urls import reverse

from abhnetz.audiences.models import Audience
from knowledge.models import KnowledgeIndexPage

SECRET = "Dienstplan Geheim"


@pytest.fixture
def secret_page(network, publish_page):
    publish_page("Für alle", owner=network.coordinator)
    return publish_page(
        SECRET,
        audience=Audience.selected(organisations=[network.office_a]),
        owner=network.office_staff,
    )


def admin_views(index) -> dict:
    return {
        "explorer": reverse("wagtailadmin_explore", args=[index.pk]),
        "chooser": reverse("wagtailadmin_choose_page_child", args=[index.pk]),
        "search": reverse("wagtailadmin_pages:search") + "?q=Dienstplan",
    }


def test_office_staff_of_another_office_find_no_trace_in_the_admin(
    network, client_for, secret_page
):
    # given office staff of office B, who may write guides in the admin
    client = client_for(network.office_staff_b)
    index = KnowledgeIndexPage.objects.get()
    for name, url in admin_views(index).items():
        # when they browse, choose or search pages
        response = client.get(url)
        # then the restricted page is not there, but the network page is (explorer, chooser)
        assert response.status_code == 200, name
        assert SECRET not in response.content.decode(), name
    assert "Für alle" in client.get(admin_views(index)["explorer"]).content.decode()


def test_readers_in_the_audience_see_it_in_the_admin(network, client_for, secret_page):
    client = client_for(network.moderator)  # office A, admin access as moderator
    index = KnowledgeIndexPage.objects.get()
    for name, url in admin_views(index).items():
        assert SECRET in client.get(url).content.decode(), name


def test_a_never_published_draft_keeps_its_audience(network, knowledge_index):
    from abhnetz.audiences.rules import can_view
    from abhnetz.audiences.services import audience_assign
    from knowledge.models import KnowledgePage

    draft = KnowledgePage(title="Entwurf", summary="…", owner=network.office_staff, live=False)
    audience_assign(draft, Audience.selected(organisations=[network.office_a]))
    knowledge_index.add_child(instance=draft)
    assert not can_view(network.office_staff_b, draft)
    assert can_view(network.moderator, draft)

"""Wagtail's bulk actions on "all" of a listing act on, count and name readable objects only.

``?id=all&childOf=<parent>`` used to be checked by its parent alone: an editor outside a
child's audience could publish, unpublish, move or delete it and read its title on the
confirmation page; "include descendants" reached restricted descendants of readable
pages too (docs/decisions/0017).
"""

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from abhnetz.accounts.roles import Role
from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from knowledge.models import KnowledgeIndexPage, KnowledgePage
from tests.factories import role_group

# documents are stored on disk in the test's MEDIA_ROOT (autouse in this module)
from tests.knowledge.documents.conftest import _files_on_disk  # noqa: F401

SECRET = "Dienstplan Geheim"
OPEN = "Öffnungszeiten für alle"


@pytest.fixture
def coordinator_may_do_everything(network):
    """The coordination may here publish, move and delete every page and document."""
    group = role_group(Role.COORDINATOR)
    root = Page.objects.get(depth=1)
    for permission in ("add", "change", "publish", "bulk_delete"):
        GroupPagePermission.objects.create(group=group, page=root, permission_type=permission)
    for codename in ("change_document", "delete_document"):
        GroupCollectionPermission.objects.create(
            group=group,
            collection=Collection.get_first_root_node(),
            permission=Permission.objects.get(
                codename=codename, content_type__app_label="documents"
            ),
        )


@pytest.fixture
def coordinator(network, client_for, coordinator_may_do_everything):
    # the coordination (the ministry) is outside office A's audience
    return client_for(network.coordinator, mfa=True)


@pytest.fixture
def pages(network, publish_page):
    """A page for everyone and one for office A only, side by side under the index."""
    open_page = publish_page(OPEN, owner=network.office_staff)
    secret = publish_page(
        SECRET,
        audience=Audience.selected(organisations=[network.office_a]),
        owner=network.office_staff,
    )
    return open_page, secret


def bulk(action: str, parent, **extra) -> str:
    query = "&".join(f"{key}={value}" for key, value in extra.items())
    url = f"/admin/bulk/wagtailcore/page/{action}/?id=all&childOf={parent.pk}"
    return f"{url}&{query}" if query else url


@pytest.mark.parametrize("action", ["publish", "unpublish", "move", "delete"])
def test_the_confirmation_names_no_page_outside_the_audience(coordinator, pages, action):
    # given both guides under the index, and a coordinator outside office A
    index = KnowledgeIndexPage.objects.get()
    # when they select "all" of the index's children for a bulk action
    response = coordinator.get(bulk(action, index))
    # then the confirmation names the open guide only
    html = response.content.decode()
    assert response.status_code == 200
    assert OPEN in html
    assert SECRET not in html


@pytest.mark.parametrize("action", ["unpublish", "delete"])
def test_all_children_leaves_pages_outside_the_audience_alone(coordinator, pages, action):
    # given both guides under the index
    open_page, secret = pages
    index = KnowledgeIndexPage.objects.get()
    # when the coordinator confirms the bulk action on all of them
    response = coordinator.post(bulk(action, index), {"include_descendants": "on"})
    # then only the open guide was acted on; office A's guide is live and untouched
    assert response.status_code == 302
    assert Page.objects.filter(pk=secret.pk, live=True).exists()
    assert not Page.objects.filter(pk=open_page.pk, live=True).exists()


def test_a_search_over_all_descendants_acts_on_readable_pages(coordinator, pages):
    # given both guides match the search word "Dienstplan" / the index's descendants
    _, secret = pages
    index = KnowledgeIndexPage.objects.get()
    # when "all" search results are unpublished
    coordinator.post(bulk("unpublish", index, q="Dienstplan"))
    # then office A's guide stays live
    assert Page.objects.filter(pk=secret.pk, live=True).exists()


def archive() -> KnowledgeIndexPage:
    """A second knowledge index: a destination every guide may move to."""
    home = KnowledgeIndexPage.objects.get().get_parent()
    return home.add_child(instance=KnowledgeIndexPage(title="Archiv", slug="archiv"))


def test_moving_all_children_leaves_pages_outside_the_audience(coordinator, pages):
    # given a destination the coordinator may read
    open_page, secret = pages
    index = KnowledgeIndexPage.objects.get()
    destination = archive()
    # when all children of the index are moved there
    coordinator.post(bulk("move", index), {"chooser": destination.pk})
    # then the open guide moved and office A's guide stayed where it was
    assert Page.objects.get(pk=open_page.pk).get_parent().pk == destination.pk
    assert Page.objects.get(pk=secret.pk).get_parent().pk == index.pk


def test_no_move_into_a_page_outside_the_audience(coordinator, pages, network):
    # given the open guide and office A's guide
    open_page, secret = pages
    # when the coordinator names office A's guide as the destination by its id
    url = f"/admin/bulk/wagtailcore/page/move/?id={open_page.pk}"
    response = coordinator.post(url, {"chooser": secret.pk})
    # then nothing moves and the destination is not found, as a missing page is
    assert response.status_code == 404
    assert Page.objects.get(pk=open_page.pk).get_parent().pk != secret.pk
    assert SECRET not in response.content.decode()


def restricted_child(network, parent, *, live: bool) -> KnowledgePage:
    child = KnowledgePage(
        title=SECRET, summary="…", owner=network.office_staff, live=False, slug="geheim"
    )
    audience_assign(child, Audience.selected(organisations=[network.office_a]))
    parent.add_child(instance=child)
    revision = child.save_revision(user=network.office_staff)
    if live:
        revision.publish()
    return KnowledgePage.objects.get(pk=child.pk)


def test_include_descendants_publishes_no_draft_outside_the_audience(
    coordinator, network, publish_page
):
    # given an open guide with a draft below it for office A only
    parent = publish_page(OPEN)
    child = restricted_child(network, parent, live=False)
    # when the coordinator looks at and confirms publishing it with its descendants
    url = f"/admin/bulk/wagtailcore/page/publish/?id={parent.pk}"
    confirmation = coordinator.get(url)
    coordinator.post(url, {"include_descendants": "on"})
    # then the draft was neither counted nor published
    assert "include_descendants" not in confirmation.content.decode()
    assert not Page.objects.get(pk=child.pk).live


def test_include_descendants_unpublishes_nothing_outside_the_audience(
    coordinator, network, publish_page
):
    # given an open guide with a live guide below it for office A only
    parent = publish_page(OPEN)
    child = restricted_child(network, parent, live=True)
    # when the coordinator unpublishes it with its descendants
    url = f"/admin/bulk/wagtailcore/page/unpublish/?id={parent.pk}"
    confirmation = coordinator.get(url)
    coordinator.post(url, {"include_descendants": "on"})
    # then office A's guide stays live and was not counted
    assert "include_descendants" not in confirmation.content.decode()
    assert Page.objects.get(pk=child.pk).live
    assert not Page.objects.get(pk=parent.pk).live


@pytest.mark.parametrize("action", ["delete", "move"])
def test_a_page_above_restricted_pages_is_not_deleted_or_moved(
    coordinator, network, publish_page, action
):
    # given an open guide with a guide below it for office A only
    parent = publish_page(OPEN)
    child = restricted_child(network, parent, live=True)
    destination = archive()
    # when the coordinator deletes or moves the open guide (its subtree goes along)
    url = f"/admin/bulk/wagtailcore/page/{action}/?id={parent.pk}"
    response = coordinator.post(url, {"chooser": destination.pk})
    # then neither happens, and office A's guide is neither named nor touched
    assert SECRET not in response.content.decode()
    assert Page.objects.get(pk=child.pk).url_path == child.url_path


def test_the_superuser_still_acts_on_every_child(network, client_for, pages):
    # given the administrator, who administers everything
    _, secret = pages
    index = KnowledgeIndexPage.objects.get()
    client = client_for(network.administrator, mfa=True)
    # when they unpublish all children
    assert SECRET in client.get(bulk("unpublish", index)).content.decode()
    client.post(bulk("unpublish", index))
    # then office A's guide is unpublished too
    assert not Page.objects.get(pk=secret.pk).live


def test_all_documents_are_only_the_readable_ones(coordinator, network, make_document):
    # given a document for everyone and one for office A only
    make_document("Antrag für alle")
    secret = make_document(SECRET, audience=Audience.selected(organisations=[network.office_a]))
    url = "/admin/bulk/documents/document/delete/?id=all"
    # when the coordinator selects all documents for deletion, and confirms
    confirmation = coordinator.get(url)
    coordinator.post(url)
    # then office A's document was neither named nor deleted
    assert confirmation.status_code == 200
    assert SECRET not in confirmation.content.decode()
    assert type(secret).objects.filter(pk=secret.pk).exists()

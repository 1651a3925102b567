"""The audience rule in Wagtail's admin: every list, every address naming a page."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from abhnetz.accounts.roles import Role
from abhnetz.audiences.models import Audience
from knowledge.models import KnowledgeIndexPage, KnowledgePage
from tests.factories import role_group

SECRET = "Dienstplan Geheim"
SECRET_DOCUMENT = "Geheime Arbeitsanweisung"


@pytest.fixture
def admin_client_for(client_for):
    """A client for someone whose admin access needs the second factor (set up here)."""

    def make(user):
        Authenticator.objects.get_or_create(
            user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}}
        )
        return client_for(user)

    return make


@pytest.fixture
def secret_page(network, publish_page):
    """A guide for office A only: published, locked by its author and in the workflow."""
    publish_page("Für alle", owner=network.coordinator)
    page = publish_page(
        SECRET,
        audience=Audience.selected(organisations=[network.office_a]),
        owner=network.office_staff,
    )
    page.save_revision(user=network.office_staff)
    page.get_workflow().start(page, network.office_staff)
    Page.objects.filter(pk=page.pk).update(locked=True, locked_by=network.office_staff)
    # the coordination may here also edit and unlock every page (whose reports then list all)
    for permission in ("change", "unlock"):
        GroupPagePermission.objects.create(
            group=role_group(Role.COORDINATOR), page=page.get_parent(), permission_type=permission
        )
    return KnowledgePage.objects.get(pk=page.pk)


def listings(index) -> dict:
    """Admin lists that could name the page, by what they are."""
    return {
        "explorer": reverse("wagtailadmin_explore", args=[index.pk]),
        "chooser": reverse("wagtailadmin_choose_page_child", args=[index.pk]),
        "chooser search": reverse("wagtailadmin_choose_page_search") + "?q=Dienstplan",
        "search": reverse("wagtailadmin_pages:search") + "?q=Dienstplan",
        "api child_of": f"/admin/api/main/pages/?child_of={index.pk}",
        "api search": "/admin/api/main/pages/?search=Dienstplan",
        "api descendants": f"/admin/api/main/pages/?descendant_of={index.pk}",
        "dashboard": reverse("wagtailadmin_home"),
        "site history": reverse("wagtailadmin_reports:site_history"),
        "page types usage": reverse("wagtailadmin_reports:page_types_usage"),
        "locked pages": reverse("wagtailadmin_reports:locked_pages"),
        "aging pages": reverse("wagtailadmin_reports:aging_pages"),
        "workflows": reverse("wagtailadmin_reports:workflow"),
        "workflow tasks": reverse("wagtailadmin_reports:workflow_tasks"),
        "type use": reverse("wagtailadmin_pages:type_use", args=["knowledge", "knowledgepage"]),
    }


def addresses(page) -> dict:
    """Admin addresses that name the page by its id."""
    revision = page.latest_revision
    state = page.current_workflow_state
    named = {
        name: reverse(f"wagtailadmin_pages:{name}", args=[page.pk])
        for name in (
            "edit",
            "preview_on_edit",
            "view_draft",
            "history",
            "revisions_index",
            "usage",
            "workflow_history",
            "delete",
            "copy",
            "move",
            "unpublish",
            "lock",
            "add_subpage",
        )
    }
    return {
        **named,
        "explorer": reverse("wagtailadmin_explore", args=[page.pk]),
        "chooser": reverse("wagtailadmin_choose_page_child", args=[page.pk]),
        "chosen": reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={page.pk}",
        "revision": reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]),
        "compare": f"/admin/pages/{page.pk}/revisions/compare/earliest...latest/",
        "workflow detail": reverse(
            "wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk]
        ),
        "workflow preview": reverse(
            "wagtailadmin_pages:workflow_preview",
            args=[page.pk, state.current_task_state.task_id],
        ),
        "bulk": f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}",
        "api": f"/admin/api/main/pages/{page.pk}/",
    }


def outsiders(network, admin_client_for, client_for):
    # office B writes guides; the coordination (ministry) approves and publishes them
    return {
        "office_staff_b": client_for(network.office_staff_b),
        "coordinator": admin_client_for(network.coordinator),
    }


def test_lists_of_the_admin_name_no_page_outside_the_audience(
    network, client_for, admin_client_for, secret_page
):
    # given a guide for office A only and editors outside office A
    index = KnowledgeIndexPage.objects.get()
    for role, client in outsiders(network, admin_client_for, client_for).items():
        for name, url in listings(index).items():
            # when they open any list of the admin
            response = client.get(url)
            # then it answers (office staff may not open the reports), without the title
            allowed = (200,) if role == "coordinator" else (200, 302)
            assert response.status_code in allowed, (role, name, response.status_code)
            assert SECRET not in response.content.decode(), (role, name)


def test_addresses_naming_a_page_outside_the_audience_are_not_found(
    network, client_for, admin_client_for, secret_page
):
    # given a guide for office A only
    for role, client in outsiders(network, admin_client_for, client_for).items():
        for name, url in addresses(secret_page).items():
            # when editors outside office A ask for it by its id
            response = client.get(url)
            # then it is not found, as a missing page is, and its title is not shown
            assert response.status_code == 404, (role, name, response.status_code)
            assert SECRET not in response.content.decode(), (role, name)


def test_a_missing_page_and_a_page_outside_the_audience_answer_alike(
    network, client_for, secret_page
):
    client = client_for(network.office_staff_b)
    missing = client.get(reverse("wagtailadmin_pages:history", args=[secret_page.pk + 1000]))
    hidden = client.get(reverse("wagtailadmin_pages:history", args=[secret_page.pk]))
    assert missing.status_code == hidden.status_code == 404
    assert missing.templates[0].name == hidden.templates[0].name


def test_readers_in_the_audience_see_it_in_the_admin(network, client_for, secret_page):
    # given the moderator of office A, inside the audience
    client = client_for(network.moderator, mfa=True)
    index = KnowledgeIndexPage.objects.get()
    for name in ("explorer", "chooser", "chooser search", "search", "api child_of", "api search"):
        # then the lists name the guide
        assert SECRET in client.get(listings(index)[name]).content.decode(), name
    # and the addresses naming it answer
    for name in ("chooser", "explorer", "api"):
        assert client.get(addresses(secret_page)[name]).status_code == 200, name


def test_superusers_administer_every_page(network, admin_client_for, secret_page):
    client = admin_client_for(network.administrator)
    index = KnowledgeIndexPage.objects.get()
    for name in ("explorer", "search", "api child_of", "site history", "locked pages"):
        assert SECRET in client.get(listings(index)[name]).content.decode(), name
    for name in ("edit", "history", "chooser", "api"):
        assert client.get(addresses(secret_page)[name]).status_code == 200, name


def test_the_page_chooser_search_answers_editors(network, client_for, secret_page):
    # given office staff, who are not superusers (the audience filter used to break it)
    client = client_for(network.moderator, mfa=True)
    # when they search the page chooser
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Dienstplan"})
    # then the results come back
    assert response.status_code == 200
    assert SECRET in response.content.decode()


def test_the_admin_lists_are_only_for_admin_users(network, client_for):
    # partners have no admin access, also not to the narrowed lists that replace Wagtail's
    client = client_for(network.partner)
    for url in ("/admin/reports/site-history/", "/admin/pages/search/", "/admin/documents/"):
        assert client.get(url).status_code in (302, 403), url


def test_a_never_published_draft_keeps_its_audience(network, knowledge_index):
    from abhnetz.audiences.rules import can_view
    from abhnetz.audiences.services import audience_assign

    draft = KnowledgePage(title="Entwurf", summary="…", owner=network.office_staff, live=False)
    audience_assign(draft, Audience.selected(organisations=[network.office_a]))
    knowledge_index.add_child(instance=draft)
    assert not can_view(network.office_staff_b, draft)
    assert can_view(network.moderator, draft)


def test_usage_listings_do_not_name_a_page_outside_the_audience(
    network, publish_page, admin_client_for
):
    # given a guide of office A for office A only, and the coordination, who may here edit
    # every page and organisation (so Wagtail would link the guide by its title)
    page = publish_page(
        SECRET,
        audience=Audience.selected(organisations=[network.office_a]),
        organisation=network.office_a,
    )
    group = role_group(Role.COORDINATOR)
    GroupPagePermission.objects.create(
        group=group, page=page.get_parent(), permission_type="change"
    )
    group.permissions.add(Permission.objects.get(codename="change_organisation"))
    client = admin_client_for(network.coordinator)
    # when they look where office A is named
    usage = reverse("wagtailsnippets_organisations_organisation:usage", args=[network.office_a.pk])
    response = client.get(usage)
    # then the guide is there as a private page, without its title
    assert response.status_code == 200
    html = response.content.decode()
    assert SECRET not in html
    assert "(Seite, privat)" in html


def test_odd_ids_in_admin_addresses_give_no_server_error(network, client_for, secret_page):
    # given office staff typing odd ids into addresses the gate reads
    client = client_for(network.office_staff_b)
    for url in (
        reverse("wagtailadmin_choose_page_chosen_multiple") + "?id=abc&id=9" + "9" * 30,
        "/admin/bulk/wagtailcore/page/delete/?id=all",
        "/admin/bulk/wagtailcore/page/delete/?id=all&childOf=x",
        "/admin/bulk/users/user/delete/?id=x",
        reverse("wagtailadmin_pages:history", args=[2**62]),
    ):
        # then the admin answers, never with a server error
        assert client.get(url).status_code < 500, url

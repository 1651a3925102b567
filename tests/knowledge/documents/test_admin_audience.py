"""Documents in the Wagtail admin follow their own audience: lists, choosers, addresses."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import Collection, GroupCollectionPermission

from abhnetz.accounts.roles import Role
from abhnetz.audiences.models import Audience
from tests.factories import role_group

SECRET = "Geheime Arbeitsanweisung"


@pytest.fixture
def secret_document(network, make_document):
    make_document("Antrag für alle", uploader=network.coordinator)
    doc = make_document(
        SECRET,
        audience=Audience.selected(organisations=[network.office_a]),
        uploader=network.office_staff,
    )
    log(instance=doc, action="wagtail.create", user=network.office_staff)
    return doc


@pytest.fixture
def coordinator_client(network, client_for):
    """The coordination, here also allowed to edit every document (the listing shows all)."""
    GroupCollectionPermission.objects.create(
        group=role_group(Role.COORDINATOR),
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(
            codename="change_document", content_type__app_label="documents"
        ),
    )
    Authenticator.objects.create(
        user=network.coordinator, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    return client_for(network.coordinator)


def listings() -> dict:
    return {
        "listing": reverse("wagtaildocs:index"),
        "listing search": reverse("wagtaildocs:index") + "?q=Arbeitsanweisung",
        "chooser": reverse("wagtaildocs_chooser:choose"),
        "chooser search": reverse("wagtaildocs_chooser:choose_results") + "?q=Arbeitsanweisung",
        "api": "/admin/api/main/documents/",
        "api search": "/admin/api/main/documents/?search=Arbeitsanweisung",
        "site history": reverse("wagtailadmin_reports:site_history"),
    }


def addresses(doc) -> dict:
    return {
        **{
            name: reverse(f"wagtaildocs:{name}", args=[doc.pk])
            for name in ("edit", "delete", "document_usage", "edit_multiple")
        },
        "chosen": reverse("wagtaildocs_chooser:chosen", args=[doc.pk]),
        "chosen multiple": reverse("wagtaildocs_chooser:chosen_multiple") + f"?id={doc.pk}",
        "bulk": f"/admin/bulk/documents/document/delete/?id={doc.pk}",
        "api": f"/admin/api/main/documents/{doc.pk}/",
    }


def test_admin_lists_name_no_document_outside_its_audience(
    network, client_for, coordinator_client, secret_document
):
    # given a document for office A only, and editors outside office A
    clients = {
        "office_staff_b": client_for(network.office_staff_b),
        "coordinator": coordinator_client,
    }
    for role, client in clients.items():
        for name, url in listings().items():
            # when they list, choose or search documents
            response = client.get(url)
            # then the document is not there (office staff may not open the reports)
            allowed = (200,) if role == "coordinator" else (200, 302)
            assert response.status_code in allowed, (role, name, response.status_code)
            assert SECRET not in response.content.decode(), (role, name)
    # while the document for everybody is
    assert "Antrag für alle" in coordinator_client.get(listings()["listing"]).content.decode()


def test_addresses_naming_a_document_outside_its_audience_are_not_found(
    network, coordinator_client, secret_document
):
    for name, url in addresses(secret_document).items():
        response = coordinator_client.get(url)
        assert response.status_code == 404, (name, response.status_code)
        assert SECRET not in response.content.decode(), name


def test_the_audience_finds_the_document_in_the_chooser_search(
    network, client_for, secret_document
):
    # given editors of office A (the uploader and a colleague), not superusers
    for user in (network.office_staff, network.moderator):
        # when they search the document chooser
        # (moderators enter the admin only past the second factor)
        response = client_for(user, mfa=user == network.moderator).get(
            reverse("wagtaildocs_chooser:choose_results"), {"q": "Arbeitsanweisung"}
        )
        # then it answers with the document
        assert response.status_code == 200
        assert SECRET in response.content.decode()


def test_the_uploader_still_edits_it(network, client_for, secret_document):
    response = client_for(network.office_staff).get(
        reverse("wagtaildocs:edit", args=[secret_document.pk])
    )
    assert response.status_code == 200

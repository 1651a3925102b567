"""The figure schema in the Wagtail admin: coordinators manage it; used keys stay."""

import pytest
from allauth.mfa.models import Authenticator

from knowledge.figures.models import FigureDefinition


@pytest.fixture
def coordinator_client(network, client_for):
    # the coordinator has set up the second factor the admin asks for
    Authenticator.objects.create(
        user=network.coordinator, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    return client_for(network.coordinator)


def test_the_coordinator_lists_and_renames_figures(
    coordinator_client, submit_month, network, last_month
):
    # given a figure with values
    definition = FigureDefinition.objects.get(key="besuche_gesamt")
    submit_month(network.office_a, network.office_staff, last_month)
    listing = coordinator_client.get("/admin/snippets/figures/figuredefinition/")
    assert listing.status_code == 200
    assert "Besuche am ServicePoint insgesamt" in listing.content.decode()
    edit = f"/admin/snippets/figures/figuredefinition/edit/{definition.pk}/"
    data = {
        "group": definition.group_id,
        "label": "Vorsprachen insgesamt",
        "key": definition.key,
        "unit": definition.unit,
        "kind": definition.kind,
        "check_as": definition.check_as,
        "help_text": "",
        "required": "on",
        "sort_order": "10",
        "valid_from": "2020-01-01",
        "retired_from": "",
    }
    # when they rename it: saved
    assert coordinator_client.post(edit, data).status_code == 302
    definition.refresh_from_db()
    assert definition.label == "Vorsprachen insgesamt"
    # when they change its key: refused, nothing changed
    response = coordinator_client.post(edit, {**data, "key": "vorsprachen"})
    assert response.status_code == 200
    definition.refresh_from_db()
    assert definition.key == "besuche_gesamt"


def test_office_staff_do_not_manage_the_schema(network, client_for):
    response = client_for(network.office_staff).get("/admin/snippets/figures/figuredefinition/")
    assert response.status_code in (302, 403)

"""Empty choices read „Bitte wählen“, never Django's dashes, in every front-end form."""

import re

import pytest
from django.test import Client

from abhnetz.accounts.models import AccessRequest

FORM_PAGES = [
    "/einladungen/neu/",
    "/mitteilungen/neu/",
    "/meine-daten/profil/",
    "/wissen/",
    "/wissen/aufgaben/",
    "/wissen/beschluesse/",
    "/personen/",
    "/organisationen/",
    "/suche/?q=x",
]


@pytest.mark.parametrize("url", FORM_PAGES)
def test_no_form_shows_djangos_dashes(network, client_for, url):
    response = client_for(network.coordinator, mfa=True).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<select" in html or "<form" in html
    assert "---------" not in html


def test_a_required_choice_asks_to_choose(network, client_for):
    # the role of an invitation has no default: its empty choice asks for one
    html = client_for(network.coordinator, mfa=True).get("/einladungen/neu/").content.decode()
    assert re.search(r'<option value=""( selected)?>Bitte wählen</option>', html)
    assert "---------" not in html


def test_the_access_request_pages_ask_to_choose(network, client_for):
    request = AccessRequest.objects.create(
        first_name="Ada", last_name="Neu", email="ada@adorf.example"
    )
    html = (
        client_for(network.coordinator, mfa=True)
        .get(f"/zugangsanfragen/{request.pk}/")
        .content.decode()
    )
    assert "Bitte wählen" in html
    assert "---------" not in html
    assert "---------" not in Client().get("/zugang-beantragen/").content.decode()

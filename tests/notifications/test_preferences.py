"""The preferences page: one choice per kind, defaults shown, off only where allowed."""

from abhnetz.notifications.registry import Delivery
from abhnetz.notifications.services import preferences_of

from .conftest import DIGEST_KIND, KIND, WORK_KIND

URL = "/benachrichtigungen/einstellungen/"


def choices(person, **changes) -> dict:
    """The form as the page shows it to ``person`` (every kind), with ``changes``."""
    return preferences_of(person) | changes


def test_the_page_shows_every_kind_with_its_default(network, client_for):
    html = client_for(network.partner).get(URL).content.decode()
    for label in ("Etwas Neues", "Gesammelt", "Arbeit wartet"):
        assert label in html
    assert f'name="{DIGEST_KIND}" value="digest" id="id_{DIGEST_KIND}_1" checked' in html
    # a kind that cannot be off offers no "off"
    assert f'name="{WORK_KIND}" value="off"' not in html
    assert f'name="{KIND}" value="off"' in html


def test_saving_changes_only_my_choices(network, client_for):
    response = client_for(network.partner).post(
        URL,
        choices(
            network.partner,
            **{KIND: Delivery.OFF, DIGEST_KIND: Delivery.IMMEDIATE, WORK_KIND: Delivery.INBOX},
        ),
    )
    assert response.status_code == 302
    assert preferences_of(network.partner)[KIND] == Delivery.OFF
    assert preferences_of(network.partner)[DIGEST_KIND] == Delivery.IMMEDIATE
    assert preferences_of(network.partner)[WORK_KIND] == Delivery.INBOX
    assert preferences_of(network.office_staff)[KIND] == Delivery.IMMEDIATE


def test_off_for_a_kind_that_cannot_be_off_is_an_error_next_to_it(network, client_for):
    response = client_for(network.partner).post(
        URL,
        choices(
            network.partner,
            **{KIND: Delivery.DIGEST, DIGEST_KIND: "nonsense", WORK_KIND: Delivery.OFF},
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="kern-error"') == 2
    # what they chose is kept
    assert f'name="{KIND}" value="digest" id="id_{KIND}_1" checked' in html
    assert preferences_of(network.partner)[WORK_KIND] == Delivery.IMMEDIATE
    assert preferences_of(network.partner)[KIND] == Delivery.IMMEDIATE


def test_guests_are_sent_to_the_login(db, client):
    for url in (URL, "/benachrichtigungen/"):
        assert client.get(url).status_code == 302

"""German dates in the admin: typed TT.MM.JJJJ is kept, what cannot be read is an error."""

from datetime import date

import pytest

from knowledge.guides.models import GuidePage
from tests.html_forms import form_data


@pytest.fixture
def guide(network, make_guide):
    return make_guide("Terminvergabe online", owner=network.office_staff)


def post_review_date(client, guide, typed: str):
    url = f"/admin/pages/{guide.pk}/edit/"
    data = form_data(client.get(url).content.decode(), "page-edit-form")
    data["review_due_on"] = [typed]
    data["body-count"] = ["0"]  # the StreamField is drawn by JavaScript; the guide has no body
    return client.post(url, data)


def latest_review_date(guide):
    return GuidePage.objects.get(pk=guide.pk).get_latest_revision_as_object().review_due_on


@pytest.mark.parametrize("typed", ["15.03.2027", "2027-03-15"])
def test_a_german_or_iso_date_is_saved_as_typed(network, client_for, guide, typed):
    # given the owner editing their guide in the admin
    client = client_for(network.office_staff)
    # when they type the review date and save the draft
    response = post_review_date(client, guide, typed)
    # then that date is saved
    assert response.status_code == 302, response.content.decode()[:2000]
    assert latest_review_date(guide) == date(2027, 3, 15)


@pytest.mark.parametrize("typed", ["32.13.2027", "15/03/2027", "morgen", "31.02.2027"])
def test_an_unreadable_date_is_an_error_next_to_the_field(network, client_for, guide, typed):
    client = client_for(network.office_staff)
    before = latest_review_date(guide)
    response = post_review_date(client, guide, typed)
    html = response.content.decode()
    # the form comes back with the error and what was typed; nothing is saved
    assert response.status_code == 200
    assert "Bitte ein gültiges Datum eingeben." in html
    assert f'value="{typed}"' in html
    assert latest_review_date(guide) == before


def test_the_date_picker_shows_and_reads_german_dates(network, client_for, make_guide):
    # the picker (JavaScript) parses what is typed with this format and replaces what it
    # cannot parse by today's date: it must be the German one the members type
    guide = make_guide("Fristen", owner=network.office_staff, review_due_on=date(2027, 3, 15))
    html = client_for(network.office_staff).get(f"/admin/pages/{guide.pk}/edit/").content.decode()
    assert 'value="15.03.2027"' in html
    assert 'initDateChooser("id_review_due_on", {"dayOfWeekStart": 1, "format": "d.m.Y"})' in html
    assert '"format": "Y-m-d"' not in html

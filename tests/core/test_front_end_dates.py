"""Front-end date fields: TT.MM.JJJJ and ISO are read, anything else is an error at the field."""

import pytest


@pytest.mark.parametrize("typed", ["15.03.2027", "2027-03-15"])
def test_the_decision_filter_reads_german_and_iso_dates(network, client_for, typed):
    response = client_for(network.office_staff).get("/wissen/beschluesse/", {"von": typed})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="kern-error"' not in html
    assert f'value="{typed}"' in html


@pytest.mark.parametrize("typed", ["32.13.2027", "31.02.2027", "15/03/2027", "morgen"])
def test_unreadable_dates_are_errors_next_to_the_field_and_kept(network, client_for, typed):
    for url, field in (("/wissen/beschluesse/", "von"), ("/wissen/", "seit")):
        response = client_for(network.office_staff).get(url, {field: typed})
        html = response.content.decode()
        assert response.status_code in (200, 400), url
        assert f'id="id_{field}-error"' in html, url
        assert f'value="{typed}"' in html, url

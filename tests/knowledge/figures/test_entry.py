"""The monthly entry form: office staff of the office only, errors next to the field."""

from decimal import Decimal

import pytest
from django.urls import reverse

from knowledge.figures.models import FigureChange, FigureMonth, FigureValue, MonthStatus
from knowledge.figures.numbers import add_months, month_key

URL = reverse("figures:entry")


def form_data(month, **values):
    data = {
        "month": month_key(month),
        "besuche_gesamt": "1.234",
        "anliegen_unterlagen": "500",
        "anliegen_termin": "300",
        "personalstunden": "160,5",
        "oeffnungsstunden_woche": "25",
        "wartezeit_median": "8",
    }
    data.update(values)
    return {key: value for key, value in data.items() if value is not None}


def test_office_staff_submit_a_month_in_german_numbers(network, client_for, last_month):
    # when office staff submit the month
    response = client_for(network.office_staff).post(URL, {**form_data(last_month), "submit": "1"})
    # then it is stored as submitted, 1.234 as 1234 and 160,5 as 160.5
    assert response.status_code == 302
    month = FigureMonth.objects.get(organisation=network.office_a, month=last_month)
    assert month.status == MonthStatus.SUBMITTED
    values = dict(month.values.values_list("definition__key", "value"))
    assert values["besuche_gesamt"] == Decimal(1234)
    assert values["personalstunden"] == Decimal("160.5")


def test_a_draft_is_not_submitted_and_may_lack_required_figures(network, client_for, last_month):
    data = form_data(last_month, personalstunden=None, oeffnungsstunden_woche=None)
    response = client_for(network.office_staff).post(URL, {**data, "draft": "1"})
    assert response.status_code == 302
    month = FigureMonth.objects.get(organisation=network.office_a)
    assert month.status == MonthStatus.DRAFT


def test_submitting_needs_the_required_figures(network, client_for, last_month):
    data = form_data(last_month, personalstunden=None)
    response = client_for(network.office_staff).post(URL, {**data, "submit": "1"})
    assert response.status_code == 200
    assert "personalstunden" in response.context["form"].errors
    assert not FigureMonth.objects.exists()


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("anliegen_unterlagen", "-5", "nicht negativ"),
        ("besuche_gesamt", "12.5", "1.234 oder 12,5"),
        ("besuche_gesamt", "7,5", "ganze Zahl"),
        ("besuche_gesamt", "700", "mehr als die"),
        ("wartezeit_median", "<b>x</b>", "1.234 oder 12,5"),
    ],
)
def test_errors_stand_next_to_the_field_and_keep_the_input(
    network, client_for, last_month, field, typed, message
):
    # when a figure is typed wrongly (700 visits but 800 by concern; -5; a dot decimal)
    response = client_for(network.office_staff).post(
        URL, {**form_data(last_month, **{field: typed}), "submit": "1"}
    )
    # then the error stands at that field, what was typed stays, nothing is stored
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field])
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html
    assert "1.234" in html or field == "besuche_gesamt"
    assert "<b>x</b>" not in html
    assert not FigureMonth.objects.exists()


def test_waiting_times_need_visits(network, client_for, last_month):
    data = form_data(last_month, besuche_gesamt="0", anliegen_unterlagen="0", anliegen_termin="0")
    response = client_for(network.office_staff).post(URL, {**data, "submit": "1"})
    assert "wartezeit_median" in response.context["form"].errors


def test_a_future_month_is_refused(network, client_for, last_month):
    response = client_for(network.office_staff).post(
        URL, {**form_data(add_months(last_month, 2)), "submit": "1"}
    )
    assert "month" in response.context["form"].errors
    assert 'id="id_month-error"' in response.content.decode()


def test_correcting_a_submitted_month_keeps_the_history(network, client_for, last_month):
    # given a submitted month
    client = client_for(network.office_staff)
    client.post(URL, {**form_data(last_month), "submit": "1"})
    # when the visits are corrected and a figure is emptied
    client.post(
        URL, {**form_data(last_month, besuche_gesamt="1.300", wartezeit_median=""), "submit": "1"}
    )
    # then the history says who changed what from what to what
    changes = {c.definition.key: c for c in FigureChange.objects.select_related("definition")}
    assert set(changes) == {"besuche_gesamt", "wartezeit_median"}
    assert changes["besuche_gesamt"].old_value == Decimal(1234)
    assert changes["besuche_gesamt"].new_value == Decimal(1300)
    assert changes["besuche_gesamt"].changed_by == network.office_staff
    assert changes["wartezeit_median"].new_value is None
    assert not FigureValue.objects.filter(definition__key="wartezeit_median").exists()
    page = client.get(URL, {"monat": month_key(last_month)}).content.decode()
    assert 'data-testid="figures-history"' in page
    assert "1.300" in page


def test_drafts_keep_no_history(network, client_for, last_month):
    client = client_for(network.office_staff)
    client.post(URL, {**form_data(last_month), "draft": "1"})
    client.post(URL, {**form_data(last_month, besuche_gesamt="1.300"), "draft": "1"})
    assert not FigureChange.objects.exists()


@pytest.mark.parametrize(
    "person", ["office_staff_b", "partner", "board_member", "coordinator", "administrator"]
)
def test_nobody_else_enters_an_offices_figures(network, client_for, last_month, person):
    # office B's staff enter only office B; the others have no office to enter
    user = getattr(network, person)
    response = client_for(user).post(URL, {**form_data(last_month), "submit": "1"})
    assert not FigureMonth.objects.filter(organisation=network.office_a).exists()
    if person != "office_staff_b":
        assert response.status_code == 404


def test_the_form_shows_the_stored_month_in_german_numbers(network, client_for, last_month):
    client = client_for(network.office_staff)
    client.post(URL, {**form_data(last_month), "draft": "1"})
    page = client.get(URL, {"monat": month_key(last_month)}).content.decode()
    assert 'value="1.234"' in page
    assert 'value="160,5"' in page


def test_a_submitted_month_cannot_lose_a_required_figure(network, client_for, last_month):
    # given a submitted month
    client = client_for(network.office_staff)
    client.post(URL, {**form_data(last_month), "submit": "1"})
    # when a correction saved as a draft empties a required figure
    response = client.post(URL, {**form_data(last_month, personalstunden=""), "draft": "1"})
    # then it is refused at the field and the value stays
    assert "personalstunden" in response.context["form"].errors
    assert FigureValue.objects.filter(definition__key="personalstunden").exists()

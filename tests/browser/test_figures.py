"""Key figures in the browser: an office enters its missing month with one typing error,
sees the error at the field with its input kept, corrects it and submits by keyboard;
another office's member sees the comparison chart and its data table. axe on every page."""

from .axe import assert_accessible
from .helpers import focused, login, tab_to, tab_to_link

PASSWORD = "abhnetz-demo"
DISTRICT = "office2@demo.abhnetz.example"  # ABH Landkreis Rosenfurt, one month missing
ROSENFURT = "office@demo.abhnetz.example"
WEIDENBRUECK = "d.wolf@demo.abhnetz.example"  # shares only anonymously
COORDINATOR = "coordinator@demo.abhnetz.example"
FIGURES = {
    "besuche_gesamt": "1.2O4",  # the typing error: a letter O for a zero
    "anliegen_unterlagen": "500",
    "anliegen_formulare": "200",
    "anliegen_termin": "250",
    "anliegen_auskunft": "150",
    "anliegen_sonstiges": "50",
    "weiterleitungen_termin": "180",
    "personalstunden": "320,5",
    "oeffnungsstunden_woche": "28",
    "wartezeit_median": "9",
    "wartezeit_p90": "25",
}


def focused_id(page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def tab_to_field(page, field_id: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_id(page) == field_id:
            return
    raise AssertionError(f"Tab never reached #{field_id}")


def type_fields(page) -> list[str]:
    """From the month field, Tab to each figure field and type its value; returns the
    keys typed, in the order the keyboard reached them. Ends on the submit button."""
    typed = []
    for _ in range(len(FIGURES) + 5):
        page.keyboard.press("Tab")
        key = focused_id(page).removeprefix("id_")
        if key not in FIGURES:
            break
        page.keyboard.type(FIGURES[key])
        typed.append(key)
    return sorted(typed, key=list(FIGURES).index)


def missing_month() -> str:
    from django.utils import timezone

    from knowledge.figures.demo import MISSING, MONTHS
    from knowledge.figures.numbers import add_months, month_key

    last = add_months(timezone.localdate().replace(day=1), -1)
    return month_key(add_months(last, -(MONTHS - 1) + MISSING[1]))


def test_an_office_enters_a_month_and_another_sees_the_chart(page, demo):
    from knowledge.figures.models import FigureMonth
    from knowledge.figures.numbers import parse_month

    month = missing_month()
    login(page, DISTRICT, PASSWORD)
    page.goto(f"/wissen/kennzahlen/erfassen/?monat={month}")
    assert_accessible(page)

    # when they type the month's figures field by field, Tab between them, one with a
    # typing error, and submit with Enter on the submit button
    tab_to_field(page, "id_month")
    assert page.locator("#id_month").input_value() == month
    typed = type_fields(page)
    assert typed == list(FIGURES), typed
    assert focused(page)["text"] == "Monat übermitteln"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # then the error stands next to the field, with what they typed kept
    error = page.locator("#id_besuche_gesamt-error")
    assert "1.234 oder 12,5" in error.inner_text()
    assert page.locator("#id_besuche_gesamt").input_value() == "1.2O4"
    assert page.locator("#id_personalstunden").input_value() == "320,5"
    assert page.locator("#id_besuche_gesamt").get_attribute("aria-invalid") == "true"
    described = page.locator("#id_besuche_gesamt").get_attribute("aria-describedby") or ""
    assert "id_besuche_gesamt-error" in described
    assert_accessible(page)

    # when they go back to that field by keyboard, retype it and submit
    tab_to_field(page, "id_besuche_gesamt")
    page.keyboard.press("Control+A")
    page.keyboard.type("1.204")
    tab_to(page, lambda f: f.get("tag") == "button" and "übermitteln" in f.get("text", ""))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # then the month is submitted with 1.204 visits
    assert "übermittelt" in page.get_by_test_id("figures-month-status").inner_text()
    stored = FigureMonth.objects.get(
        organisation__short_name="ABH Landkreis Rosenfurt", month=parse_month(month)
    )
    assert stored.is_submitted
    assert stored.values.get(definition__key="besuche_gesamt").value == 1204
    assert_accessible(page)

    # when a member of another office opens the comparison
    page.context.clear_cookies()
    login(page, ROSENFURT, PASSWORD)
    page.goto("/wissen/kennzahlen/")

    # then they see the chart of their office against the median, and its numbers
    chart = page.get_by_test_id("figures-trend-chart")
    assert chart.is_visible()
    assert chart.get_attribute("role") == "img"
    table = page.get_by_test_id("figures-trend-table")
    assert "Median des Netzwerks" in table.inner_text()
    assert "Ausländerbehörde der Stadt Rosenfurt" in table.inner_text()
    comparison = page.get_by_test_id("figures-comparison").inner_text()
    # the district shares only with offices (Rosenfurt is one); Weidenbrück only anonymously
    assert "Ausländerbehörde des Landkreises Rosenfurt" in comparison
    assert "Weidenbrück" not in page.content()
    assert_accessible(page)

    # and the tables scroll by keyboard: their regions take the focus
    tab_to(
        page,
        lambda f: f.get("tag") == "div" and "kern-table-responsive" in f.get("className", ""),
        limit=120,
    )

    # printed, the page keeps chart and tables and drops the controls
    page.emulate_media(media="print")
    assert page.get_by_test_id("figures-trend-chart").is_visible()
    assert not page.get_by_test_id("figures-filters").is_visible()

    # on a 390 px phone nothing but the table regions scrolls sideways
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert page.get_by_test_id("figures-trend-chart").bounding_box()["width"] <= 390


def test_an_office_changes_its_sharing_and_the_coordinator_sees_missing_months(page, demo):
    from django.utils import dateformat

    from knowledge.figures.models import FigureSharing, Sharing
    from knowledge.figures.numbers import parse_month

    # given Weidenbrück, which shares only anonymously, opens its sharing by keyboard
    login(page, WEIDENBRUECK, PASSWORD)
    page.goto("/wissen/kennzahlen/")
    tab_to_link(page, "/wissen/kennzahlen/freigabe/", limit=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    # when it moves to "only to offices" with the arrow keys and saves with Enter
    # (Tab enters the radio group at its checked choice, the third: anonymous)
    tab_to_field(page, "id_sharing_2", limit=120)
    assert page.locator("#id_sharing_2").get_attribute("value") == "anonymous"
    page.keyboard.press("ArrowUp")
    assert page.locator("input[value=offices]").is_checked()
    tab_to(page, lambda f: f.get("tag") == "button" and f.get("text") == "Speichern")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # then the choice is stored
    office = FigureSharing.objects.get(organisation__name__contains="Weidenbrück")
    assert office.sharing == Sharing.OFFICES

    # when the coordinator opens the missing months by keyboard
    page.context.clear_cookies()
    login(page, COORDINATOR, PASSWORD)
    page.goto("/wissen/kennzahlen/")
    tab_to_link(page, "/wissen/kennzahlen/fehlend/", limit=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # then the district's missing month is named in German, and the page passes axe
    district = page.get_by_test_id("figures-missing").locator("li", has_text="Landkreises")
    assert dateformat.format(parse_month(missing_month()), "F Y") in district.inner_text()
    assert_accessible(page)

"""Minutes in the browser: the demo office member reads minutes, marks their action item
done by keyboard on the open action items, and searches the decisions register; axe on
every page."""

from .axe import assert_accessible
from .helpers import focused, login, tab_to, tab_to_link

PASSWORD = "abhnetz-demo"
OFFICE = "office@demo.abhnetz.example"
NETWORKING = "/wissen/protokoll-vernetzungstreffen-ministerium/"
WORKSHOP = "/wissen/protokoll-workshop-ag-digitalisierung/"
MY_ITEM = "Entwurf der Anforderungsliste E-Akte vorlegen"


def row_has_focus(page, text: str) -> bool:
    return page.evaluate(
        "(text) => { const row = document.activeElement.closest('tr');"
        " return !!row && row.innerText.includes(text); }",
        text,
    )


def test_office_member_reads_minutes_and_marks_their_item_done(page, demo):
    from knowledge.minutes.models import ActionItem, ActionItemCompletion

    login(page, OFFICE, PASSWORD)

    # the networking meeting's minutes: facts, numbered decisions, action items
    page.goto(NETWORKING)
    assert page.locator("h1").inner_text() == "Protokoll: Vernetzungstreffen im Ministerium"
    assert page.get_by_test_id("minutes-facts").is_visible()
    assert page.locator("#beschluss-3").is_visible()
    assert page.get_by_test_id("minutes-action-items").get_by_test_id("overdue").count() == 1
    assert_accessible(page)

    # the workshop of their working group, whose decision 1 can be cited by its anchor
    page.goto(WORKSHOP + "#beschluss-1")
    assert page.locator("#beschluss-1").is_visible()
    assert_accessible(page)

    # the open action items, reached by keyboard from the minutes
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    tab_to_link(page, "/wissen/aufgaben/", limit=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    listing = page.get_by_test_id("action-item-list")
    assert MY_ITEM in listing.inner_text()
    assert_accessible(page)

    # when they Tab to the "mark as done" button in their item's row and press Enter
    tab_to(
        page,
        lambda f: f.get("tag") == "button" and row_has_focus(page, MY_ITEM),
        limit=120,
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # then they are back on the list, the item is gone from it and it is done
    assert page.url.endswith("/wissen/aufgaben/")
    assert MY_ITEM not in page.get_by_test_id("action-item-list").inner_text()
    item = ActionItem.objects.get(title=MY_ITEM)
    assert ActionItemCompletion.objects.filter(item_uuid=item.uuid).exists()
    assert_accessible(page)

    # and the minutes show it as done, with a button to reopen it
    page.goto(WORKSHOP)
    row = page.locator(f"#aufgabe-{item.uuid}")
    assert row.locator(".kern-badge--success").is_visible()
    assert_accessible(page)

    # filtered to overdue items only, the list still passes axe
    page.goto("/wissen/aufgaben/?ueberfaellig=on")
    assert page.get_by_test_id("overdue").count() >= 1
    assert_accessible(page)


def test_office_member_searches_the_decisions_register(page, demo):
    login(page, OFFICE, PASSWORD)
    page.goto("/wissen/beschluesse/")
    assert page.get_by_test_id("decision-list").is_visible()
    assert_accessible(page)

    # when they give a period that ends before it starts, the error stands at the field
    page.locator("#id_q").fill("Anforderungsliste")
    page.locator("#id_von").fill("2026-05-01")
    page.locator("#id_bis").fill("2026-04-01")
    page.locator("#id_bis").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#id_bis-error").is_visible()
    assert page.locator("#id_q").input_value() == "Anforderungsliste"
    assert_accessible(page)

    # when they search by the topic and text only
    page.locator("#id_von").fill("")
    page.locator("#id_bis").fill("")
    page.locator("#id_thema").select_option(label="E-Akte / Digitalisierung")
    page.locator("#id_q").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    results = page.get_by_test_id("decision-list")
    assert "Anforderungsliste an E-Akte-Anbieter" in results.inner_text()
    assert "Vernetzungstreffen findet in Eichtal" not in results.inner_text()
    assert_accessible(page)

    # then the decision links to its anchor in the minutes
    link = results.locator("a").first
    link.focus()
    assert focused(page)["href"].endswith(WORKSHOP + "#beschluss-1")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(WORKSHOP + "#beschluss-1")
    assert page.locator("#beschluss-1").is_visible()

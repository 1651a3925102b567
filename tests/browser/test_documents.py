"""The forms library in the browser: axe, filters, and a download link reached by keyboard."""

from .axe import assert_accessible
from .helpers import focused, login, tab_to_link

DEMO_PASSWORD = "abhnetz-demo"
LIBRARY = "/wissen/formulare/"


def version(title: str, language: str):
    from knowledge.documents.models import FormItem

    return FormItem.objects.get(title=title).versions.get(language=language)


def test_office_staff_find_filter_and_download_a_form_by_keyboard(page, demo):
    # given the demo office member, signed in, on the library
    login(page, "office@demo.abhnetz.example", DEMO_PASSWORD)
    page.goto(LIBRARY)
    # then the page passes axe and lists each form once, with its own office's template
    assert page.locator("h1").inner_text() == "Formulare"
    items = page.get_by_test_id("library-list").locator("> li")
    assert items.filter(has_text="Antrag auf Erteilung eines Aufenthaltstitels").count() == 1
    assert page.get_by_text("Dienstplanvorlage ServicePoint Rosenfurt").first.is_visible()
    assert_accessible(page)

    # when they Tab to the English version of the application form
    english = version("Antrag auf Erteilung eines Aufenthaltstitels", "en")
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    tab_to_link(page, english.url)
    # then the focus is on that link, visibly, and the link names its language
    assert focused(page)["href"] == english.url
    outline = page.evaluate(
        "() => getComputedStyle(document.activeElement).outlineStyle + ' ' +"
        " getComputedStyle(document.activeElement).boxShadow"
    )
    assert outline.strip() not in ("none none", "")
    link = page.locator(f'a[href="{english.url}"]')
    assert link.get_attribute("hreflang") == "en"
    assert "Englisch" in link.inner_text()
    # and the file it points to downloads as a PDF
    response = page.request.get(english.url)
    assert response.status == 200
    assert response.body().startswith(b"%PDF-")

    # when they filter by Turkish
    page.get_by_label("Sprache").select_option("tr")
    with page.expect_navigation():
        page.get_by_test_id("library-filters").get_by_role("button").first.click()
    # then only the checklist remains, the choice is kept, and the page still passes axe
    assert "sprache=tr" in page.url
    assert page.get_by_label("Sprache").input_value() == "tr"
    assert page.get_by_test_id("library-list").locator("> li").count() == 1
    assert "Checkliste ServicePoint" in page.get_by_test_id("library-list").inner_text()
    assert_accessible(page)


def test_a_partner_sees_no_office_forms_and_gets_404_at_their_urls(page, demo):
    # given the demo partner, signed in
    login(page, "partner@demo.abhnetz.example", DEMO_PASSWORD)
    page.goto(LIBRARY)
    # then office-only and office-internal forms are not listed
    text = page.locator("main").inner_text()
    assert "Antrag auf Erteilung eines Aufenthaltstitels" in text
    assert "Gesprächsleitfaden Fiktionsbescheinigung" not in text
    assert "Dienstplanvorlage" not in text
    assert_accessible(page)
    # and their direct URLs answer 404
    internal = version("Dienstplanvorlage ServicePoint Rosenfurt", "de")
    assert page.request.get(internal.url).status == 404

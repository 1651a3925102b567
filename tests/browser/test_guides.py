"""A guide's way through the network: written in the admin, approved, read and compared.

Office staff write in Wagtail's admin and submit; a coordinator (with their second
factor) approves; a reader finds the guide at /wissen/ and compares two versions. Every
front-end page on the way passes axe-core (the admin is Wagtail's and is not checked).
"""

from abhnetz.accounts.models import User
from knowledge.guides.models import GuidePage
from knowledge.models import KnowledgeIndexPage
from tests.totp import current_code, with_totp

from .axe import assert_accessible
from .helpers import login

PASSWORD = "abhnetz-demo"
OFFICE = "office@demo.abhnetz.example"
COORDINATOR = "coordinator@demo.abhnetz.example"
READER = "partner@demo.abhnetz.example"
TITLE = "Telefonansage für die Terminvergabe"


def sign_out(page) -> None:
    page.context.clear_cookies()


def write_and_submit(page) -> None:
    index = KnowledgeIndexPage.objects.get()
    page.goto(f"/admin/pages/add/guides/guidepage/{index.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill(
        "Was die Ansage sagen sollte, wenn die Termine online gebucht werden."
    )
    # the audience preview says who will read it, and follows the choice
    preview = page.get_by_test_id("admin-audience-preview")
    preview.get_by_test_id("audience-preview").wait_for()
    page.locator("input[name=audience_scope][value=offices]").check()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=admin-audience-preview]')"
        ".innerText.includes('Ausländerbehörden')"
    )
    page.locator("input[name=audience_scope][value=network]").check()
    # one text block in the body
    page.locator(
        "[data-streamfield-stream-container] button[title='Insert a block'], button.c-sf-add-button"
    ).first.click()
    page.get_by_role("option", name="Text").first.click()
    # Draftail (Draft.js) follows typed keys; fill() can leave its state empty
    page.locator(".Draftail-Editor [contenteditable=true]").first.click()
    page.keyboard.type("Die Ansage nennt die Adresse der Online-Terminvergabe.")
    # Draftail writes its value to the form's hidden input after a short delay
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[name=\"body-0-value\"]')]"
        ".some(input => input.value.includes('Online-Terminvergabe'))"
    )
    # "Submit to Freigabe durch die Netzwerkkoordination" sits in the actions menu
    page.wait_for_load_state("networkidle")
    with page.expect_navigation():
        page.locator("button[name='action-submit']").dispatch_event("click")


def approve(page, guide: GuidePage) -> None:
    coordinator = User.objects.get(email=COORDINATOR)
    secret = with_totp(coordinator)
    login(page, COORDINATOR, PASSWORD)
    if "/2fa/authenticate/" in page.url:
        form = page.locator("form").filter(has=page.locator("input[name=code]"))
        form.locator("input[name=code]").fill(current_code(secret))
        with page.expect_navigation():
            form.locator("button[type=submit]").first.click()
        assert "/2fa/authenticate/" not in page.url
    page.goto(f"/admin/pages/{guide.pk}/edit/")
    # the workflow buttons work through the admin's scripts: clicked before they have
    # loaded, the form would only save a draft
    page.wait_for_load_state("networkidle")
    # "Approve" (without a comment) sits in the editor's actions menu
    approve_button = page.locator(
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    )
    with page.expect_navigation():
        approve_button.dispatch_event("click")


def test_office_writes_coordinator_approves_reader_compares(page, demo):
    # given the office user writes a guide in the admin and submits it
    login(page, OFFICE, PASSWORD)
    write_and_submit(page)
    guide = GuidePage.objects.get(title=TITLE)
    assert not guide.live
    sign_out(page)

    # when a coordinator approves it
    approve(page, guide)
    guide.refresh_from_db()

    # then it is published
    assert guide.live
    sign_out(page)

    # and a reader finds it in the listing
    login(page, READER, PASSWORD)
    page.goto("/wissen/")
    assert_accessible(page)
    link = page.get_by_role("link", name=TITLE)
    link.wait_for()
    link.click()
    page.wait_for_url(f"**{guide.url}")
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    # it says who approved it (four eyes: not its author)
    assert "Freigegeben von Thomas Brenner am" in page.get_by_test_id("guide-approval").inner_text()
    assert_accessible(page)

    # and compares the two versions of the ServicePoint guide
    servicepoint = GuidePage.objects.live().get(title="Einen offenen ServicePoint einrichten")
    page.goto(servicepoint.url)
    assert_accessible(page)
    page.get_by_test_id("guide-versions-link").click()
    page.get_by_test_id("version-table").wait_for()
    assert_accessible(page)
    page.get_by_test_id("compare-form").get_by_role("button").click()
    page.get_by_test_id("block-changes").wait_for()
    assert page.locator("ins").count() > 0
    assert any("Wegweiser in einfacher Sprache" in t for t in page.locator("ins").all_inner_texts())
    assert_accessible(page)

    # and downloads the guide's form (the checklist), with the reader's own session
    page.goto(servicepoint.url)
    download_link = page.locator("main a[href*='/dokumente/']").first
    download_link.wait_for()
    response = page.request.get(download_link.get_attribute("href"))
    assert response.status == 200
    assert response.body().startswith(b"%PDF")


def test_overdue_guides_are_listed_for_the_coordinator(page, demo):
    # given the demo's overdue guide, the coordinator's list (front end, no admin: no MFA)
    login(page, COORDINATOR, PASSWORD)
    page.goto("/wissen/ueberpruefung/")
    page.get_by_test_id("review-list").wait_for()
    assert "Online-Terminvergabe einführen" in page.get_by_test_id("review-list").inner_text()
    assert_accessible(page)

    # and the guide itself carries the notice
    page.get_by_role("link", name="Online-Terminvergabe einführen").click()
    page.get_by_test_id("review-overdue").wait_for()
    assert_accessible(page)

"""Notifications in the browser: the count rises, the inbox opens, the count drops.

A coordinator approves a guide (through the workflow's own action, as the admin's
button would); the author sees the header's unread count rise, reaches the inbox and
the notification by keyboard, and the count drops. Inbox and preferences pass axe-core.
"""

from abhnetz.accounts.models import User
from knowledge.models import KnowledgeIndexPage
from tests.knowledge.guides.test_workflow import decide, draft, submit

from .axe import assert_accessible
from .helpers import focused, login, tab_to, tab_to_link

PASSWORD = "abhnetz-demo"
OFFICE = "office@demo.abhnetz.example"
COORDINATOR = "coordinator@demo.abhnetz.example"
TITLE = "Rückrufservice für die Terminvergabe"


def unread(page) -> int:
    count = page.get_by_test_id("unread-count")
    return int(count.inner_text()) if count.count() else 0


def test_an_approval_reaches_the_author_by_inbox(page, demo):
    # given the author, signed in, with the notifications the demo gave them
    author = User.objects.get(email=OFFICE)
    login(page, OFFICE, PASSWORD)
    page.goto("/personen/")
    before = unread(page)

    # when a coordinator approves the author's guide
    guide = draft(KnowledgeIndexPage.objects.get(), author, title=TITLE)
    decide(submit(guide, author), User.objects.get(email=COORDINATOR), "approve")

    # then the author's header count rises by one
    page.reload()
    assert unread(page) == before + 1

    # when they reach the inbox by keyboard
    tab_to_link(page, "/benachrichtigungen/")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_test_id("notification-list").wait_for()
    assert_accessible(page)

    # and open the approval (the newest) by keyboard
    newest = page.get_by_test_id("notification").first
    assert TITLE in newest.inner_text()
    href = newest.locator("a").get_attribute("href")
    tab_to_link(page, href)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # then they read the guide, and the count dropped
    guide.refresh_from_db()
    page.wait_for_url(f"**{guide.url}")
    assert unread(page) == before


def test_preferences_by_keyboard(page, demo):
    login(page, OFFICE, PASSWORD)
    page.goto("/benachrichtigungen/")
    assert_accessible(page)

    # the settings are reached from the inbox
    tab_to_link(page, "/benachrichtigungen/einstellungen/")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_test_id("notification-preferences").wait_for()
    assert_accessible(page)

    # "new content in a topic I follow" moves from the digest to the inbox only
    name = "knowledge.new_in_followed_topic"
    tab_to(
        page,
        lambda f: (
            f.get("tag") == "input" and page.evaluate("() => document.activeElement.name") == name
        ),
    )
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.value") == "inbox"
    tab_to(page, lambda f: f.get("tag") == "button" and "Einstellungen speichern" in f["text"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(f"input[name='{name}'][value=inbox]").is_checked()
    assert focused(page)["tag"] == "body"
    assert_accessible(page)

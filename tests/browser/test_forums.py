"""The forum in the browser, by keyboard where the person acts, axe-core clean.

A question is asked (similar questions appear while the title is typed), previewed,
published and routed to the expert of another office, who opens it from the inbox and
answers; the asker opens the answer from the inbox and accepts it; the expert is told
in the inbox and by mail. A reported post is hidden from the moderation queue
by a moderator with the second factor: others see the notice, the moderator the text
and its edit history. The board member comments under the guide shared with the board.
All walks use the once-seeded demo.
"""

from django.urls import reverse
from wagtail.models import Page

from forums.models import Post

from .axe import assert_accessible
from .helpers import login, login_with_second_factor, tab_to, tab_to_link

PASSWORD = "abhnetz-demo"
BOARD = "board@demo.abhnetz.example"
GUIDE = "Rückmeldung des Integrationsbeirats zum ServicePoint"
COMMENT = "Die neuen Piktogramme am Eingang helfen sehr, vielen Dank."


def test_the_board_member_comments_under_a_guide_by_keyboard(page, demo):
    # given the board member on the guide shared with the board
    guide = Page.objects.live().get(title=GUIDE)
    login(page, BOARD, PASSWORD)
    page.goto(guide.url)
    page.get_by_test_id("comment-form").wait_for()
    assert_accessible(page)
    # when they reach the comment field and the button by keyboard and send
    tab_to(page, lambda f: f.get("tag") == "textarea", limit=120)
    page.keyboard.type(COMMENT)
    tab_to(page, lambda f: f.get("tag") == "button" and f.get("text") == "Kommentieren")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # then the comment is under the guide, by them, and the page stays accessible
    comments = page.get_by_test_id("comments")
    comments.wait_for()
    assert COMMENT in comments.inner_text()
    assert Post.objects.filter(body=COMMENT, author__email=BOARD).exists()
    assert_accessible(page)


def test_the_forum_index_and_a_thread_pass_axe_for_the_board(page, demo):
    login(page, BOARD, PASSWORD)
    page.goto("/forum/")
    assert "Feedback des Integrationsbeirats" in page.inner_text("main")
    assert_accessible(page)
    page.get_by_role("link", name="Feedback des Integrationsbeirats").first.click()
    page.get_by_role("link", name="Feedback zur Wartezone im Bürgerbüro").click()
    assert "Wartezone" in page.inner_text("h1")
    assert_accessible(page)


ASKER = "office@demo.abhnetz.example"  # Jana Albrecht, first office
EXPERT = "e.schmitt@demo.abhnetz.example"  # Elena Schmitt, third office: Terminvergabe
ORGANISATION = "Organisation & Abläufe"
SIMILAR = "Welche Software nutzt ihr für die Online-Terminvergabe?"
QUESTION = "Online-Terminvergabe mit Erinnerung per SMS"
BODY = "Wer verschickt Erinnerungen per **SMS** und wie viele Termine fallen dann noch aus?"
ANSWER = "Wir verschicken die SMS am Vortag; seitdem fällt kaum ein Termin aus."


def signed_in_as(page, email: str) -> None:
    """Another person at the same browser: the session ends, they sign in."""
    page.context.clear_cookies()
    login(page, email, PASSWORD)


def press_enter_on_button(page, text: str, *, limit: int = 80) -> None:
    tab_to(page, lambda f: f.get("tag") == "button" and f.get("text") == text, limit=limit)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def open_newest_notification(page, text: str) -> None:
    """From the inbox, by keyboard, the newest notification (which must name ``text``)."""
    page.goto("/benachrichtigungen/")
    newest = page.get_by_test_id("notification").first
    assert text in newest.inner_text()
    tab_to_link(page, newest.locator("a").first.get_attribute("href"), limit=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_question_is_asked_answered_by_the_routed_expert_and_accepted(page, demo):
    from django.core import mail

    from forums.models import Category, Thread

    # given a member of the first office on the new-question form of a network category
    category = Category.objects.get(name=ORGANISATION, working_group__isnull=True)
    login(page, ASKER, PASSWORD)
    page.goto(reverse("forums:create", kwargs={"slug": category.slug}))
    assert_accessible(page)

    # when they type the title, the question that exists is suggested (htmx)
    tab_to(page, lambda f: page.evaluate("() => document.activeElement.id") == "id_title")
    page.keyboard.type(QUESTION)
    similar = page.get_by_test_id("similar-list")
    similar.wait_for()
    assert SIMILAR in similar.inner_text()
    assert_accessible(page)

    # when they write the text, choose the topic, preview and publish
    tab_to(page, lambda f: f.get("tag") == "textarea")
    page.keyboard.type(BODY)
    tab_to(page, lambda f: f.get("tag") == "button" and f.get("text") == "Vorschau")
    page.keyboard.press("Enter")
    preview = page.get_by_test_id("preview").locator("strong")
    preview.wait_for()
    assert preview.inner_text() == "SMS"
    assert_accessible(page)
    tab_to(
        page,
        lambda f: (
            page.evaluate("() => document.activeElement.closest('label, div')?.innerText.trim()")
            == "Terminvergabe"
        ),
    )
    page.keyboard.press("Space")
    press_enter_on_button(page, "Veröffentlichen", limit=120)

    # then the question is published and the asker sees whom it was routed to
    thread = Thread.objects.get(title=QUESTION)
    page.wait_for_url(f"**{thread.get_absolute_url()}")
    assert "Elena Schmitt" in page.get_by_test_id("routed").inner_text()
    assert page.get_by_test_id("routed").inner_text().startswith("Gefragt bei:")
    assert_accessible(page)

    # when the routed expert of another office opens the question from the inbox
    signed_in_as(page, EXPERT)
    open_newest_notification(page, QUESTION)
    page.wait_for_url(f"**{thread.get_absolute_url()}*")
    # and answers
    tab_to(page, lambda f: f.get("tag") == "textarea", limit=120)
    page.keyboard.type(ANSWER)
    press_enter_on_button(page, "Veröffentlichen")
    assert ANSWER in page.get_by_test_id("posts").inner_text()

    # and the asker, told of the answer in the inbox, opens it and accepts it
    signed_in_as(page, ASKER)
    mail.outbox.clear()
    open_newest_notification(page, QUESTION)
    page.wait_for_url(f"**{thread.get_absolute_url()}*")
    press_enter_on_button(page, "Diese Antwort akzeptieren", limit=120)

    # then the thread is solved, the accepted answer right under the question
    page.get_by_test_id("solved").wait_for()
    following = page.evaluate(
        "() => document.querySelector('[data-testid=post]').nextElementSibling.dataset.testid"
    )
    assert following == "accepted-answer"
    assert ANSWER in page.get_by_test_id("accepted-answer").inner_text()
    assert "Elena Schmitt" in page.get_by_test_id("routed").inner_text()
    assert_accessible(page)

    # and the expert was told, by mail and in the inbox
    assert [message.to for message in mail.outbox] == [[EXPERT]]
    assert QUESTION in mail.outbox[0].body
    signed_in_as(page, EXPERT)
    page.goto("/benachrichtigungen/")
    newest = page.get_by_test_id("notification").first
    assert QUESTION in newest.inner_text()
    assert "akzeptiert" in newest.inner_text()
    assert_accessible(page)


FLAGGER = "office2@demo.abhnetz.example"  # Murat Kaya, second office
MODERATOR = "moderator@demo.abhnetz.example"
READER = "d.wolf@demo.abhnetz.example"  # fourth office: reads the board's category
BOARD_THREAD = "Feedback zur Wartezone im Bürgerbüro"
ADVERT = "Dolmetschen zum Sonderpreis"
BEFORE_EDIT = "Dolmetschen zu Sonderpreisen für Ämter."


def test_a_flagged_post_is_hidden_by_a_moderator(page, demo):
    from forums import services
    from forums.models import Post

    # given the demo's advertising reply, which its author once edited
    advert = Post.objects.get(body__contains=ADVERT)
    body = advert.body
    advert.body = BEFORE_EDIT
    advert.save(update_fields=["body"])
    services.post_edit(post=advert, by=advert.author, body=body)

    # when a member of another office reports it by keyboard, with a reason
    login(page, FLAGGER, PASSWORD)
    page.goto(advert.thread.get_absolute_url())
    flag_url = reverse("forums:flag", kwargs={"pk": advert.pk})
    tab_to_link(page, flag_url, limit=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    tab_to(page, lambda f: page.evaluate("() => document.activeElement.id") == "id_reason")
    page.keyboard.type("Werbung für eine Dienstleistung.")
    press_enter_on_button(page, "Melden")
    assert advert.flags.filter(reporter__email=FLAGGER).exists()

    # and a moderator, signed in with the second factor, hides it from the queue
    page.context.clear_cookies()
    login_with_second_factor(page, MODERATOR, PASSWORD)
    page.goto(reverse("forums:queue"))
    assert "Werbung für eine Dienstleistung." in page.get_by_test_id("flag-list").inner_text()
    assert_accessible(page)
    press_enter_on_button(page, "Ausblenden")
    advert.refresh_from_db()
    assert advert.is_hidden

    # then the moderator still reads the text, marked hidden, and its edit history
    page.goto(advert.thread.get_absolute_url())
    shown = page.locator(f"#beitrag-{advert.pk}")
    assert ADVERT in shown.inner_text()
    assert "ausgeblendet" in shown.inner_text()
    assert_accessible(page)
    history_url = reverse("forums:history", kwargs={"pk": advert.pk})
    tab_to_link(page, history_url, limit=150)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert BEFORE_EDIT in page.locator("main").inner_text()
    assert_accessible(page)

    # and another member sees the notice instead of the text
    signed_in_as(page, READER)
    page.goto(advert.thread.get_absolute_url())
    shown = page.locator(f"#beitrag-{advert.pk}")
    assert shown.get_by_test_id("hidden-placeholder").is_visible()
    assert ADVERT not in page.content()
    assert_accessible(page)

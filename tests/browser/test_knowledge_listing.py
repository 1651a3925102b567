"""The knowledge listing by keyboard: filter /wissen/, open a topic, follow and unfollow it.

Runs on the demo network (`manage.py seed_demo`) as its office member, with axe on every
page.
"""

import pytest
from django.urls import reverse
from django.utils.text import capfirst

from knowledge.models import KnowledgePage
from knowledge.selectors import page_type_key

from .axe import assert_accessible
from .helpers import login

DEMO_EMAIL = "office@demo.abhnetz.example"
DEMO_PASSWORD = "abhnetz-demo"
GUIDE = "Einen offenen ServicePoint einrichten"
OTHER_TOPIC_GUIDE = "Online-Terminvergabe einführen"


@pytest.fixture
def office_page(page, demo):
    login(page, DEMO_EMAIL, DEMO_PASSWORD)
    return page


def focused_id(page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def tab_to_selector(page, selector: str, *, limit: int = 120) -> None:
    """From the top of the page, press Tab until the focused element matches ``selector``."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement?.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def press_enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()


def test_filter_open_a_topic_and_follow_it_by_keyboard(office_page):
    page = office_page
    guide = KnowledgePage.objects.select_related("content_type").get(title=GUIDE)
    guide_type = guide.content_type.model_class()
    topic = guide.topics.get(slug="servicepoint")

    # given the knowledge base
    page.goto("/wissen/")
    assert_accessible(page)

    # when the reader picks the topic and the type with the keyboard and submits
    tab_to_selector(page, "#id_thema")
    page.keyboard.type(topic.name)
    page.keyboard.press("Tab")  # on to the organisation
    page.keyboard.press("Tab")  # on to the type
    assert focused_id(page) == "id_art"
    page.keyboard.type(str(capfirst(guide_type._meta.verbose_name)))
    assert page.locator("#id_thema").input_value() == topic.slug
    assert page.locator("#id_art").input_value() == page_type_key(guide_type)
    tab_to_selector(page, "[data-testid=knowledge-filter-submit]")
    press_enter_and_wait(page)

    # then the list holds guides on that topic only, and the form kept the choices
    listing = page.get_by_test_id("knowledge-list")
    assert GUIDE in listing.inner_text()
    assert OTHER_TOPIC_GUIDE not in listing.inner_text()
    assert page.locator("#id_thema").input_value() == topic.slug
    assert page.locator("#id_art").input_value() == page_type_key(guide_type)
    assert_accessible(page)

    # when they open the topic from the list by keyboard
    topic_url = reverse("knowledge:topic", args=[topic.slug])
    tab_to_selector(page, f"[data-testid=topic-links-{guide.pk}] a[href='{topic_url}']")
    press_enter_and_wait(page)
    assert page.locator("h1").inner_text() == topic.name
    assert GUIDE in page.get_by_test_id("topic-pages").inner_text()
    assert_accessible(page)

    # and follow it
    tab_to_selector(page, f"[data-testid=topic-follow-{topic.slug}] button")
    press_enter_and_wait(page)

    # then the page offers to unfollow, and the topic index lists it as theirs
    assert page.get_by_test_id(f"topic-unfollow-{topic.slug}").is_visible()
    assert_accessible(page)
    page.goto(reverse("knowledge:topics"))
    assert topic.name in page.get_by_test_id("my-topics").inner_text()
    assert_accessible(page)

    # when they unfollow it again
    page.goto(topic_url)
    tab_to_selector(page, f"[data-testid=topic-unfollow-{topic.slug}] button")
    press_enter_and_wait(page)
    assert page.get_by_test_id(f"topic-follow-{topic.slug}").is_visible()
    page.goto(reverse("knowledge:topics"))
    assert topic.name not in page.get_by_test_id("my-topics").inner_text()

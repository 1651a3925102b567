"""German input in the admin's own JavaScript: the slug folds umlauts, a typed date stays.

Wagtail's widgets run in the browser: the slug is filled from the title and the date
picker rereads the field when it loses focus. Only a browser shows what they write.
"""

import pytest

from abhnetz.accounts.roles import Role
from knowledge.models import KnowledgeIndexPage
from tests.factories import PASSWORD, UserFactory

from .helpers import login


@pytest.fixture
def editor():
    return UserFactory(email="redaktion@adorf.example", roles=[Role.OFFICE_STAFF])


def value_of(page, selector: str) -> str:
    return page.eval_on_selector(selector, "element => element.value")


def test_title_gives_a_folded_slug_and_a_typed_german_date_stays(page, editor):
    login(page, editor.email, PASSWORD)
    index = KnowledgeIndexPage.objects.get()
    page.goto(f"/admin/pages/add/guides/guidepage/{index.pk}/")
    page.wait_for_load_state("networkidle")

    # the title fills the slug, with ä → ae (Wagtail alone writes arztliche-...)
    page.locator("#id_title").fill("Ärztliche Bescheinigung")
    page.locator("#id_title").press("Tab")
    page.wait_for_function("() => document.querySelector('#id_slug').value !== ''")
    assert value_of(page, "#id_slug") == "aerztliche-bescheinigung"

    # a German date typed into the review date is kept when the field loses focus
    field = page.locator("#id_review_due_on")
    field.click()
    field.fill("15.03.2027")
    field.press("Tab")
    page.wait_for_timeout(300)
    assert value_of(page, "#id_review_due_on") == "15.03.2027"

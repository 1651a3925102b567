"""One slug rule: „Ärztliche Bescheinigung“ is aerztliche-bescheinigung wherever it is made."""

import json

import pytest

from abhnetz.core.slugs import slugify
from abhnetz.organisations.models import Organisation, WorkingGroup
from abhnetz.topics.models import Topic
from knowledge.guides.models import GuidePage
from knowledge.spaces.models import WorkingGroupIndexPage, WorkingGroupPage

TITLE = "Ärztliche Bescheinigung"
SLUG = "aerztliche-bescheinigung"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (TITLE, SLUG),
        ("Übersicht Öffnungszeiten", "uebersicht-oeffnungszeiten"),
        ("Straße der Einheit", "strasse-der-einheit"),
        ("ÄRZTE", "aerzte"),
        ("A\u0308rztliche Bescheinigung", SLUG),  # decomposed Ä
        ("Café & Crème", "cafe-creme"),
    ],
)
def test_german_letters_fold_one_way(text, slug):
    assert slugify(text) == slug


def test_organisations_working_groups_and_topics_fold_umlauts(db):
    assert Organisation.objects.create(name=TITLE).slug == SLUG
    assert WorkingGroup.objects.create(name=TITLE).slug == SLUG
    assert Topic.objects.create(name=TITLE).slug == SLUG


def test_pages_and_spaces_made_without_a_slug_fold_umlauts(network, publish_page, knowledge_index):
    # a page saved without a slug (services, seeding, the admin without JavaScript)
    guide = publish_page(TITLE, page_class=GuidePage, owner=network.office_staff)
    assert guide.slug == SLUG
    index = WorkingGroupIndexPage(title="Arbeitsgruppen")
    knowledge_index.add_child(instance=index)
    space = WorkingGroupPage(title=TITLE, working_group=network.digital_group)
    index.add_child(instance=space)
    assert space.slug == SLUG
    # a second one with the same title gets Wagtail's numbering on the folded slug
    assert publish_page(TITLE, page_class=GuidePage).slug == f"{SLUG}-2"


def formatters_of_the_slug_input(html: str) -> dict:
    start = html.index('data-w-slug-formatters-value="') + len('data-w-slug-formatters-value="')
    raw = html[start : html.index('"', start)].replace("&quot;", '"')
    return {pattern[0]: replacement for pattern, replacement in json.loads(raw)}


GERMAN = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}


def test_the_admins_page_slug_widget_folds_the_same_way(network, client_for, knowledge_index):
    # the admin's JavaScript fills the slug from the title; without the folding it
    # would write arztliche-bescheinigung
    html = (
        client_for(network.office_staff)
        .get(f"/admin/pages/add/guides/guidepage/{knowledge_index.pk}/")
        .content.decode()
    )
    # WAGTAIL_ALLOW_UNICODE_SLUGS = False: Django drops the false attribute, so the
    # widget's JavaScript transliterates to ASCII
    assert "data-w-slug-allow-unicode-value" not in html
    assert formatters_of_the_slug_input(html) == GERMAN


def test_the_admins_snippet_slug_widgets_fold_the_same_way(db):
    for model in (Topic, Organisation, WorkingGroup):
        form_class = model.snippet_viewset.get_edit_handler().get_form_class()
        html = str(form_class()["slug"])
        assert formatters_of_the_slug_input(html) == GERMAN, model

"""Every text a member types has a length limit: error next to the field, input kept."""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client
from wagtail.fields import RichTextField
from wagtail.rich_text import RichTextMaxLengthValidator

from abhnetz.announcements.models import Announcement
from abhnetz.audiences.models import Audience
from abhnetz.core import limits
from tests.factories import make_announcement

ROOT = Path(__file__).resolve().parents[2]

# Text fields without a limit, each with its reason.
UNLIMITED_MODEL_FIELDS = {
    # made from the Markdown of ``body`` by abhnetz.text, never typed
    "announcements.Announcement.body_html",
    "forums.Post.body_html",
}
# the search index's rows are built from content that has its limits, not typed
UNLIMITED_APPS = {"search"}
UNLIMITED_FORM_FIELDS = {
    # a hidden page number, parsed leniently (a broken one shows page 1), never stored
    "search.forms.SearchForm.seite",
}


def own_models():
    for model in apps.get_models():
        if model.__module__.startswith((*limits.OWN_MODULE_PREFIXES, "search.")):
            yield model


def test_every_text_field_of_the_sites_models_has_a_limit():
    # a reflective check: a new TextField without max_length fails here
    unlimited = []
    for model in own_models():
        if model._meta.app_label in UNLIMITED_APPS:
            continue
        for field in model._meta.local_fields:  # Wagtail's own Page fields are its own
            if not isinstance(field, models.CharField | models.TextField):
                continue
            name = f"{model._meta.label}.{field.name}"
            if not field.max_length and name not in UNLIMITED_MODEL_FIELDS:
                unlimited.append(name)
    assert unlimited == []


def own_form_classes():
    for package in ("site", "knowledge", "forums", "events", "search"):
        for path in sorted((ROOT / package).rglob("*forms.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            module_name = ".".join(("abhnetz", *parts[1:]) if parts[0] == "site" else parts)
            module = importlib.import_module(module_name)
            for name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    yield f"{module.__name__}.{name}", cls


def test_every_text_field_of_the_sites_forms_has_a_limit():
    unlimited = []
    for name, form_class in own_form_classes():
        for field_name, field in form_class.base_fields.items():
            if type(field) not in {forms.CharField, forms.EmailField, forms.SlugField}:
                continue
            if field.max_length is None and f"{name}.{field_name}" not in UNLIMITED_FORM_FIELDS:
                unlimited.append(f"{name}.{field_name}")
    assert unlimited == []


def oversized(limit: int) -> str:
    # distinctive, so the test can find it again in the form
    return ("Überlang-" * (limit // 9 + 2))[: limit + 10]


def assert_error_and_value_kept(response, value: str, limit: int):
    html = response.content.decode()
    assert response.status_code == 200
    assert f"höchstens {limit} Zeichen" in html  # Django's German message, at the field
    assert 'class="kern-error"' in html
    assert value in html  # nothing typed is lost


def test_an_announcement_of_one_megabyte_is_refused_at_the_field(network, client_for):
    # given a coordinator writing an announcement
    client = client_for(network.coordinator)
    body = ("Ä" * 1023 + "\n") * 1024  # 1 MB of text
    # when the body is 1 MB, then the form comes back with the error and the text
    response = client.post(
        "/mitteilungen/neu/", {"title": "Groß", "body": body, "audience_scope": "network"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"höchstens {limits.BODY} Zeichen" in html
    assert html.count("Ä" * 1023) == 1024
    assert not Announcement.objects.exists()


@pytest.mark.parametrize(
    ("url", "field", "limit", "data"),
    [
        ("/mitteilungen/neu/", "title", 200, {"body": "Text", "audience_scope": "network"}),
        ("/mitteilungen/neu/", "body", limits.BODY, {"title": "T", "audience_scope": "network"}),
        # None: the limit of the person's model field
        ("/meine-daten/profil/", "function", None, {"first_name": "A", "last_name": "B"}),
        ("/meine-daten/profil/", "expertise_note", None, {"first_name": "A", "last_name": "B"}),
    ],
)
def test_member_forms_refuse_oversized_text_and_keep_it(
    network, client_for, url, field, limit, data
):
    from abhnetz.accounts.models import User

    limit = limit or User._meta.get_field(field).max_length
    value = oversized(limit)
    response = client_for(network.coordinator).post(url, {**data, field: value})
    assert_error_and_value_kept(response, value, limit)


def test_editing_an_announcement_refuses_oversized_text(network, client_for):
    announcement = make_announcement(network.coordinator)
    value = oversized(limits.BODY)
    response = client_for(network.coordinator).post(
        f"/mitteilungen/{announcement.pk}/bearbeiten/",
        {"title": "T", "body": value, "audience_scope": "network"},
    )
    assert_error_and_value_kept(response, value, limits.BODY)
    announcement.refresh_from_db()
    assert announcement.body == "Ab **Montag** gilt:"


def test_the_public_access_request_refuses_an_oversized_message(db):
    value = oversized(2000)
    response = Client().post(
        "/zugang-beantragen/",
        {"first_name": "A", "last_name": "B", "email": "a@b.example", "message": value},
    )
    assert_error_and_value_kept(response, value, 2000)


def test_services_cannot_store_oversized_text_either(network):
    # a write that bypasses the form (service, shell, import) meets the same limit
    with pytest.raises(ValidationError) as error:
        make_announcement(network.coordinator, body="x" * (limits.BODY + 1))
    assert "body" in error.value.message_dict
    assert not Announcement.objects.exists()
    # and within the limit it is stored
    make_announcement(network.coordinator, body="x" * limits.BODY, audience=Audience.network())
    assert Announcement.objects.count() == 1


def test_rich_text_limits_are_wagtails(db):
    # rich text counts its limit in text, not HTML, in Wagtail's form: the guard leaves it
    from abhnetz.core.models import LegalPage

    assert isinstance(LegalPage._meta.get_field("body"), RichTextField)
    assert LegalPage._meta.get_field("body").max_length == limits.LEGAL


def text_blocks(block, path):
    """Every text-typing block inside a StreamField's block, with its path."""
    from wagtail import blocks

    if isinstance(block, blocks.CharBlock | blocks.TextBlock | blocks.RichTextBlock):
        yield path, block
    children = getattr(block, "child_blocks", None) or {}
    for name, child in children.items():
        yield from text_blocks(child, f"{path}.{name}")
    if isinstance(block, blocks.ListBlock):
        yield from text_blocks(block.child_block, f"{path}.item")


def test_every_text_block_of_the_sites_stream_fields_has_a_limit():
    from wagtail.fields import StreamField

    unlimited = []
    for model in own_models():
        for field in model._meta.local_fields:
            if isinstance(field, StreamField):
                for path, block in text_blocks(
                    field.stream_block, model._meta.label + "." + field.name
                ):
                    # rich text carries Wagtail's RichTextMaxLengthValidator instead
                    if not block.field.max_length and not any(
                        isinstance(v, RichTextMaxLengthValidator) for v in block.field.validators
                    ):
                        unlimited.append(path)
    assert unlimited == []


def test_a_guide_text_block_refuses_oversized_text():
    from wagtail.rich_text import RichText

    from knowledge.guides.blocks import GuideBodyBlock

    block = GuideBodyBlock().child_blocks["rich_text"]
    with pytest.raises(ValidationError):
        block.clean(RichText("<p>" + "x" * (limits.BODY + 1) + "</p>"))
    assert block.clean(RichText("<p>" + "x" * limits.BODY + "</p>"))


def test_the_admin_refuses_an_oversized_search_description(network, client_for, make_guide):
    # Wagtail's own Page.search_description has no limit; our pages give it one
    from tests.html_forms import form_data

    guide = make_guide("Suchbeschreibung", owner=network.office_staff)
    client = client_for(network.office_staff)
    url = f"/admin/pages/{guide.pk}/edit/"
    data = form_data(client.get(url).content.decode(), "page-edit-form")
    value = oversized(limits.SUMMARY)
    data.update({"search_description": [value], "body-count": ["0"]})
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"höchstens {limits.SUMMARY} Zeichen" in html
    assert value in html

"""Content created inside a group space starts with that group as its audience."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from wagtail.models import Page

from abhnetz.audiences.models import AudienceScope
from knowledge.models import KnowledgePage
from knowledge.spaces.models import WorkingGroupPage


@pytest.fixture
def editor(network, client_for):
    """The administrator, past the second factor the admin asks for."""
    TOTP.activate(network.administrator, generate_totp_secret())
    return client_for(network.administrator)


@pytest.fixture
def knowledge_page_types(monkeypatch):
    """Every knowledge page type that can be made in a space; the base one stands in
    for them when no sub-app has a creatable type yet (its fields are what counts)."""
    monkeypatch.setattr(KnowledgePage, "is_creatable", True)
    return WorkingGroupPage.creatable_subpage_models()


def add_url(model, parent) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def test_every_knowledge_page_type_starts_with_the_group(
    network, editor, digital_space, knowledge_page_types
):
    assert KnowledgePage in knowledge_page_types
    for model in knowledge_page_types:
        # when an editor opens the create view of a knowledge page inside the space
        response = editor.get(add_url(model, digital_space))
        # then the audience is preselected as "selected: the working group"
        assert response.status_code == 200, model
        form = response.context["form"]
        assert form["audience_scope"].value() == AudienceScope.SELECTED, model
        assert [int(pk) for pk in form["audience_working_groups"].value()] == [
            network.digital_group.pk
        ]
        assert list(form["audience_organisations"].value()) == []
        html = response.content.decode()
        assert f'value="{network.digital_group.pk}"' in html


def test_deeper_inside_the_space_too(network, editor, digital_space, knowledge_page_types):
    # given a page inside the space, with its own child
    parent = KnowledgePage(title="Sammlung", summary="Alles zur E-Akte.")
    digital_space.add_child(instance=parent)
    parent.save_revision().publish()
    response = editor.get(add_url(KnowledgePage, parent))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["audience_scope"].value() == AudienceScope.SELECTED


def test_outside_a_space_the_default_stays_network(network, editor, knowledge_index, monkeypatch):
    monkeypatch.setattr(KnowledgePage, "is_creatable", True)
    response = editor.get(add_url(KnowledgePage, knowledge_index))
    assert response.status_code == 200
    assert response.context["form"]["audience_scope"].value() == AudienceScope.NETWORK


def test_the_author_may_widen_it_and_it_is_stored_as_chosen(
    network, editor, digital_space, knowledge_page_types
):
    # when the editor publishes it for the whole network instead
    response = editor.post(
        add_url(KnowledgePage, digital_space),
        {
            "title": "E-Akte: Erfahrungsbericht",
            "slug": "e-akte-erfahrungsbericht",
            "summary": "Was wir gelernt haben.",
            "audience_scope": AudienceScope.NETWORK,
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(slug="e-akte-erfahrungsbericht").specific
    # then a partner outside the group reads it
    from abhnetz.audiences.rules import can_view

    assert page.audience_scope == AudienceScope.NETWORK
    assert can_view(network.partner, page)


def test_kept_as_preselected_it_is_for_the_group_only(
    network, editor, digital_space, knowledge_page_types
):
    response = editor.post(
        add_url(KnowledgePage, digital_space),
        {
            "title": "E-Akte: intern",
            "slug": "e-akte-intern",
            "summary": "Nur für die Gruppe.",
            "audience_scope": AudienceScope.SELECTED,
            "audience_working_groups": [network.digital_group.pk],
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302
    page = Page.objects.get(slug="e-akte-intern").specific
    from abhnetz.audiences.rules import can_view

    assert can_view(network.office_staff, page)
    assert not can_view(network.partner, page)


def test_the_toolkit_cannot_be_made_in_a_space(digital_space):
    from knowledge.spaces.models import ToolkitPage

    assert ToolkitPage not in WorkingGroupPage.creatable_subpage_models()

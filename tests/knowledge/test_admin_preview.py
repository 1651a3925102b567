"""Previews in the admin render front-end pages: they get the front end's strict CSP."""

import re

import pytest
from django.urls import reverse

from abhnetz.audiences.models import Audience, AudienceScope


@pytest.fixture
def guide(network, publish_page):
    page = publish_page(
        "Leitfaden Vorschau",
        audience=Audience.selected(organisations=[network.office_a]),
        owner=network.office_staff,
    )
    page.save_revision(user=network.office_staff)
    return page


def previews(page) -> dict:
    return {
        "view draft": reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        "preview": reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        "revision": reverse(
            "wagtailadmin_pages:revisions_view", args=[page.pk, page.latest_revision.pk]
        ),
    }


def preview_data(page) -> dict:
    """What the editor sends to the preview panel while typing (the edit form's fields)."""
    return {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "audience_scope": AudienceScope.SELECTED,
        "audience_organisations": [page.audience_organisations.get().pk],
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }


def test_previews_of_pages_run_under_the_front_ends_policy(network, client_for, guide):
    # given the author of a guide in the admin, who has typed into the edit form
    client = client_for(network.office_staff)
    stored = client.post(previews(guide)["preview"], preview_data(guide))
    assert stored.json()["is_valid"], stored.content
    for name, url in previews(guide).items():
        # when they preview it
        response = client.get(url)
        # then the page is rendered under the strict policy, framed by the admin alone
        assert response.status_code == 200, name
        assert "Leitfaden Vorschau" in response.content.decode(), name
        policy = response["Content-Security-Policy"]
        assert "unsafe-inline" not in policy, name
        assert "unsafe-eval" not in policy, name
        assert "script-src 'self'" in policy, name
        assert "frame-ancestors 'self'" in policy, name


def test_previews_need_no_inline_script_or_style(network, client_for, guide):
    # the front end's templates carry none, so the strict policy blocks nothing
    html = client_for(network.office_staff).get(previews(guide)["view draft"]).content.decode()
    assert "<style" not in html
    assert " style=" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None


def test_the_admin_itself_keeps_its_policy(network, client_for, guide):
    client = client_for(network.office_staff)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk]))
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]

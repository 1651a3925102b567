"""A text far over every limit (a pasted megabyte) gets a clear German answer, never a 500.

Up to ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (2.5 MB as sent) the form shows its length error
next to the field with the text kept; beyond it (a megabyte of umlauts is six megabytes
once form-encoded) Django cannot read the post at all, and the site's 413 page says so.
"""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from abhnetz.audiences.models import Audience
from forums.models import POST_LIMIT
from knowledge.guides.models import GuidePage

FORM = "application/x-www-form-urlencoded"
MEGABYTE_OF_UMLAUTS = "ä" * 1_000_000
TOO_LONG_BUT_READABLE = "Wort " * (POST_LIMIT // 5 + 1000)


@pytest.fixture
def targets(network, categories, ask, publish_page):
    thread = ask(network.office_staff, categories["network"])
    guide = publish_page("Leitfaden", page_class=GuidePage, audience=Audience.network())
    return {
        "forum reply": (reverse("forums:reply", args=[thread.pk]), thread.posts),
        "guide comment": (reverse("forums:comment", args=[guide.pk]), None),
    }


@pytest.mark.parametrize("target", ["forum reply", "guide comment"])
def test_a_megabyte_of_umlauts_gets_the_too_large_page(network, client_for, targets, target):
    # given a member who pastes a megabyte of umlauts into a reply or a comment
    url, _ = targets[target]
    client = client_for(network.office_staff_b)
    # when they send it, form-encoded as a browser sends a form (six bytes per umlaut)
    response = client.post(url, urlencode({"body": MEGABYTE_OF_UMLAUTS}), content_type=FORM)
    # then the site says, in German and in its look, that it was too long and not saved
    html = response.content.decode()
    assert response.status_code == 413
    assert 'data-testid="error-page-too-large"' in html
    assert "Text zu lang" in html
    assert "Ihr Text steht noch im Formular" in html
    assert 'class="kern-' in html


@pytest.mark.parametrize("target", ["forum reply", "guide comment"])
def test_a_readable_but_too_long_text_is_refused_next_to_the_field(
    network, client_for, targets, target
):
    # given a text over the limit that still fits into a request
    url, posts = targets[target]
    client = client_for(network.office_staff_b)
    # when it is sent
    response = client.post(url, urlencode({"body": TOO_LONG_BUT_READABLE}), content_type=FORM)
    # then the form comes back with the error at the field and the text kept
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert 'aria-invalid="true"' in html
    assert TOO_LONG_BUT_READABLE[:200] in html
    if posts is not None:
        assert posts.count() == 1

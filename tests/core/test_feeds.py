import pytest
from django.http import Http404
from django.test import RequestFactory

from abhnetz.core.feeds import feed_reader, feed_token, personal_feed_url


def test_a_token_opens_its_own_feeds_only(network):
    # given a token for the partner's announcement feeds
    token = feed_token(network.partner, salt="feeds.a")
    # then it names the partner there, and nobody in feeds of another salt
    assert feed_reader(token, salt="feeds.a") == network.partner
    with pytest.raises(Http404):
        feed_reader(token, salt="feeds.b")


def test_forged_and_deactivated_tokens_open_nothing(network):
    # given a forged token and the token of an account deactivated since
    token = feed_token(network.partner, salt="feeds.a")
    network.partner.is_active = False
    network.partner.save()
    # then both answer 404
    for candidate in ("forged", token):
        with pytest.raises(Http404):
            feed_reader(candidate, salt="feeds.a")


def test_the_feed_url_is_absolute_and_personal(network):
    # given two readers
    request = RequestFactory().get("/")
    request.user = network.partner
    other = RequestFactory().get("/")
    other.user = network.office_staff
    # when their announcement feed addresses are made
    mine = personal_feed_url(request, "announcements:feed", salt="feeds.a")
    theirs = personal_feed_url(other, "announcements:feed", salt="feeds.a")
    # then both are absolute and differ
    assert mine.startswith("http://testserver/mitteilungen/feed/")
    assert mine != theirs

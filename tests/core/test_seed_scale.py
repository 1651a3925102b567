"""seed_scale builds the benchmark network in bulk: counts, determinism, valid audiences,
reachable pages and an index equal to what the site's own indexers make."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from wagtail.models import Page, Revision

from abhnetz.accounts.models import User
from abhnetz.audiences.models import AudienceEntry
from abhnetz.audiences.rules import audience_content_type, audience_of, can_view, visible_to
from abhnetz.core import scale
from knowledge.figures.models import FigureGroup
from knowledge.guides.models import GuidePage
from knowledge.minutes.models import ActionItem, Decision, MinutesPage
from search.models import SearchEntry

FACTOR = 0.002  # 9 organisations, 40 guides, 10 minutes, 400 search documents


@pytest.fixture
def scaled(db):
    return scale.seed(factor=FACTOR, stdout=scale._Out())


def snapshot() -> dict:
    """What two runs must agree on, independent of database ids."""
    return {
        "guides": list(GuidePage.objects.order_by("path").values_list("title", "summary", "path")),
        "minutes": list(MinutesPage.objects.order_by("path").values_list("title", "meeting_date")),
        "people": list(User.objects.order_by("email").values_list("email", "last_name")),
        "entries": AudienceEntry.objects.count(),
    }


def test_counts_follow_the_factor(scaled):
    # given factor 0.002 of the network
    counts = scaled.counts
    # then every part has its scaled size
    assert GuidePage.objects.live().count() == counts["guides"] == 40
    assert MinutesPage.objects.live().count() == counts["minutes"] == 10
    assert ActionItem.objects.count() == counts["action_items"] == 80
    assert Decision.objects.count() == counts["decisions"] == 60
    assert User.objects.filter(email__endswith="@scale.abhnetz.example").count() == 18
    # and the announcements fill the index up to 200,000 × factor documents (here the
    # forum's posts alone pass that), next to the key figures' schema groups that the
    # migrations bring (one search document each)
    assert SearchEntry.objects.count() == counts["index"]["documents"]
    assert scaled.documents > 400
    assert counts["announcements"] == 2  # the least there always are (1,000 × factor)
    assert counts["index"]["documents"] == (
        scaled.documents + counts["announcements"] + FigureGroup.objects.count()
    )
    # every page has its live revision, holding its relations (decisions survive a publish)
    minutes = MinutesPage.objects.first()
    assert minutes.live_revision_id == minutes.latest_revision_id
    assert len(minutes.live_revision.content["decisions"]) == 6
    # 40 guides, 10 minutes and 12 events
    assert Revision.objects.filter(base_content_type__model="page").count() == 62


class RollBack(Exception):
    pass


def built_once() -> dict:
    """A network built in a savepoint, described, and rolled back."""
    try:
        with transaction.atomic():
            scale.seed(factor=FACTOR, stdout=scale._Out(), index=False)
            result = snapshot()
            raise RollBack
    except RollBack:
        return result


def test_the_same_factor_builds_the_same_network(db):
    # given a network built once and rolled back
    first = built_once()
    # when it is built again
    second = built_once()
    # then it is the same, row for row
    assert second == first
    assert len(first["guides"]) == 40


def test_audiences_are_what_the_site_would_store(scaled):
    # every page's stored entries are exactly its fields' audience plus its owner
    page_type = audience_content_type(Page)
    for page in list(GuidePage.objects.all()[:20]) + list(MinutesPage.objects.all()):
        stored = set(
            AudienceEntry.objects.filter(content_type=page_type, object_id=page.pk).values_list(
                "group_id", "user_id"
            )
        )
        expected = {(g, None) for g in audience_of(page)} | {(None, page.owner_id)}
        assert stored == expected, page.title
    # and the spread has every scope
    scopes = set(GuidePage.objects.values_list("audience_scope", flat=True))
    assert scopes == {"network", "offices", "selected"}


def test_pages_are_reachable_for_readers_and_hidden_from_others(scaled, client):
    # given a guide for one office only
    guide = (
        GuidePage.objects.filter(audience_scope="selected")
        .exclude(audience_organisations=None)
        .first()
    )
    office = guide.audience_organisations.first()
    reader = User.objects.filter(organisation=office).first()
    outsider = (
        User.objects.exclude(organisation=office)
        .exclude(pk=guide.owner_id)
        .filter(groups__working_group=None)
        .first()
    )
    assert can_view(reader, guide)
    # when the reader opens it over its URL, it is served
    client.force_login(reader)
    response = client.get(guide.url)
    assert response.status_code == 200
    assert guide.title in response.content.decode()
    # and someone outside its audience gets the same 404 as a missing page
    if not can_view(outsider, guide):
        client.force_login(outsider)
        assert client.get(guide.url).status_code == 404
    # the knowledge index lists only what the reader may see
    client.force_login(reader)
    assert client.get("/wissen/").status_code == 200
    assert visible_to(reader, GuidePage.objects.all()).count() < GuidePage.objects.count()


def test_the_index_is_the_one_the_indexers_make(scaled):
    # given the index seed_scale built
    before = sorted(SearchEntry.objects.values_list("key", "kind", "title", "url"))
    keys = sorted(SearchEntry.objects.values_list("key", "audience_keys__key"))
    # when the site rebuilds it from scratch
    from search import services

    services.rebuild()
    # then nothing changed
    assert sorted(SearchEntry.objects.values_list("key", "kind", "title", "url")) == before
    assert sorted(SearchEntry.objects.values_list("key", "audience_keys__key")) == keys


def test_the_command_refuses_a_second_run(scaled):
    with pytest.raises(CommandError, match="already"):
        call_command("seed_scale", "--factor", "0.002", stdout=io.StringIO())


def test_the_command_prints_progress_and_counts(db):
    out = io.StringIO()
    call_command("seed_scale", "--factor", "0.002", "--no-index", stdout=out)
    text = out.getvalue()
    assert "guides" in text
    assert "100 %" in text
    assert "Scale network (factor 0.002)" in text

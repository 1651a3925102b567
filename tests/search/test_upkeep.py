"""The index stays current: saves, publishing, moves, deletes, audiences, members.

Whatever must never leak (a narrowed audience, an unpublished or deleted page) is
applied in the saving transaction, before the editor is told the change is saved;
new text and URLs follow through the index task after commit.
"""

from io import StringIO

from django.core.management import call_command

from abhnetz.audiences.models import Audience
from abhnetz.audiences.rules import forget_reader_keys
from abhnetz.audiences.services import audience_assign
from search import services
from search.models import SearchEntry
from tests.search.helpers import doc, index


def keys_found(user, query):
    results = services.search(user, query)
    return [hit.key for hit in results.hits], results.total


def test_a_published_guide_is_found_after_the_index_task(guide, network):
    assert keys_found(network.partner, "Wohnsitzauflage") == ([f"guide:{guide.pk}"], 1)


def test_a_narrowed_audience_applies_before_the_save_returns(
    guide, network, django_capture_on_commit_callbacks
):
    # when the author narrows the guide to offices only and publishes,
    # and before any task has run (callbacks captured, not executed)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        audience_assign(guide, Audience.offices())
        guide.save_revision(user=network.office_staff).publish()
        # the partner no longer finds it: hits, total, facets, suggestions
        results = services.search(network.partner, "Wohnsitzauflage")
        assert (results.hits, results.total) == ([], 0)
        assert results.facets == {}
        assert services.suggest(network.partner, "Wohnsitz") == []
        # an office still does
        assert keys_found(network.office_staff_b, "Wohnsitzauflage")[1] == 1
    assert callbacks, "the text is reindexed by a task after commit"


def test_unpublishing_and_deleting_remove_at_once(
    guide, network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        guide.unpublish()
        assert keys_found(network.office_staff, "Wohnsitzauflage") == ([], 0)
    # published again, then deleted
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    assert keys_found(network.office_staff, "Wohnsitzauflage")[1] == 1
    with django_capture_on_commit_callbacks(execute=False):
        guide.delete()
        assert keys_found(network.office_staff, "Wohnsitzauflage") == ([], 0)
    assert not SearchEntry.objects.filter(owner=f"guide:{guide.pk}").exists()


def test_edited_text_replaces_the_old_words(guide, network, django_capture_on_commit_callbacks):
    guide.body = [{"type": "rich_text", "value": "<p>Neu: Passersatzpapiere beschaffen.</p>"}]
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    assert keys_found(network.office_staff, "Passersatzpapiere")[1] == 1
    assert keys_found(network.office_staff, "Wohnsitzauflage")[0] == [f"guide:{guide.pk}"]
    assert keys_found(network.office_staff, "12a")[1] == 0


def test_a_moved_guide_is_found_under_its_new_address(
    guide, network, make_space, django_capture_on_commit_callbacks
):
    space = make_space(network.digital_group)
    with django_capture_on_commit_callbacks(execute=True):
        guide.move(space, pos="last-child")
    hit = services.search(network.office_staff, "Wohnsitzauflage").hits[0]
    guide.refresh_from_db()
    assert hit.url == guide.url
    assert hit.url.startswith(space.url)


def test_membership_changes_apply_to_the_next_search(
    network, make_guide, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_guide(
            "Dienstanweisung Bestadt",
            audience=Audience.selected(organisations=[network.office_b]),
        )
    member = network.partner
    assert keys_found(member, "Dienstanweisung")[1] == 0
    # when the member changes to office B, no reindex is needed: readers' keys are
    # looked up per search
    member.organisation = network.office_b
    member.save()
    forget_reader_keys(member)
    assert keys_found(member, "Dienstanweisung")[1] == 1


def test_rebuild_restores_the_index_and_drops_stale_entries(guide, network):
    services.database.remove([f"guide:{guide.pk}"])
    index(doc("guide:999999", "Wohnsitzauflage gelöscht"))
    assert keys_found(network.office_staff, "Wohnsitzauflage")[0] == ["guide:999999"]
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert keys_found(network.office_staff, "Wohnsitzauflage")[0] == [f"guide:{guide.pk}"]
    output = out.getvalue()
    # a progress bar per indexer, and the speed at the end
    assert "guide" in output
    assert "[##############################] 1/1" in output
    assert "objects in" in output

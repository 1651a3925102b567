"""Search degrades, never fails: with Elasticsearch unreachable, the database answers
with a notice, changes wait in the outbox, nothing is lost.

Nothing listens on 127.0.0.1:9 (the discard port), so the Elasticsearch backend meets
a real refused connection here.
"""

import pytest
from django.core.management import call_command

from search import services
from search.models import ReplicaPending
from search.tasks import sync_replica

DEAD = "http://127.0.0.1:9"


@pytest.fixture
def unreachable(settings):
    settings.ELASTICSEARCH_URL = DEAD
    return settings


def test_the_database_answers_with_a_notice(
    unreachable, guide, network, django_capture_on_commit_callbacks
):
    # given the guide's change copied (nothing pending), and Elasticsearch gone
    ReplicaPending.objects.all().delete()
    results = services.search(network.office_staff, "Wohnsitzauflage")
    assert [hit.key for hit in results.hits] == [f"guide:{guide.pk}"]
    assert results.backend == "database"
    assert "nicht erreichbar" in results.notice or "not available" in results.notice
    # suggestions too
    assert [hit.key for hit in services.suggest(network.office_staff, "Wohnsitz")] == [
        f"guide:{guide.pk}"
    ]


def test_changes_wait_for_elasticsearch_and_nothing_is_lost(
    unreachable, network, make_guide, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_guide("Leitfaden Passersatz", owner=network.office_staff)
    key = f"guide:{page.pk}"
    # the change is recorded for the copy, and the copy attempts failed and kept it;
    # an unreachable server is not the document's fault: it is not set aside
    pending = ReplicaPending.objects.get(key=key)
    assert pending.version > 0
    sync_replica.enqueue()
    pending.refresh_from_db()
    assert (pending.state, pending.attempts) == (ReplicaPending.State.PENDING, 0)
    # the database index has it meanwhile
    assert [h.key for h in services.search(network.office_staff, "Passersatz").hits] == [key]


def test_elasticsearch_too_far_behind_lets_the_database_answer(unreachable, guide, network):
    ReplicaPending.objects.bulk_create(
        ReplicaPending(key=f"x:{n}") for n in range(services.MAX_PENDING_EXCLUDED + 1)
    )
    results = services.search(network.office_staff, "Wohnsitzauflage")
    assert results.backend == "database"
    assert results.notice
    assert results.total == 1


def test_without_elasticsearch_nothing_is_queued(guide):
    # the embedded setup keeps no outbox
    assert not ReplicaPending.objects.exists()
    call_command("rebuild_search_index", stdout=None)
    assert not ReplicaPending.objects.exists()

"""Events in the search, behind their audience; the video link never indexed."""

from abhnetz.audiences.models import Audience
from events.indexers import EventIndexer
from search import services
from search.registry import get_indexer

SECRET = "Zaunkoenigtreffen"


def test_the_event_indexer_is_registered():
    assert isinstance(get_indexer("event"), EventIndexer)


def test_events_are_found_only_inside_their_audience(
    network, publish_event, django_capture_on_commit_callbacks
):
    # given an event for office A only, published (indexing runs after the commit)
    with django_capture_on_commit_callbacks(execute=True):
        event = publish_event(
            f"{SECRET} Adorf",
            audience=Audience.selected(organisations=[network.office_a]),
            video_link="https://video.example/geheimraum",
        )
    (document,) = EventIndexer().documents(event)
    assert "geheimraum" not in document.body
    # then office A's staff find it and office B's do not, not even as a count
    assert services.search(network.office_staff, SECRET).total == 1
    found = services.search(network.office_staff_b, SECRET)
    assert found.total == 0
    assert not found.hits

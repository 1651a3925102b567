"""Announcements as search documents: behind the audience they were written for."""

from datetime import timedelta

from django.utils import timezone

from abhnetz.announcements.indexers import SUMMARY_WORDS, AnnouncementIndexer
from abhnetz.announcements.models import Announcement
from abhnetz.announcements.services import (
    announcement_create,
    announcement_delete,
    announcement_update,
)
from abhnetz.audiences.models import Audience, AudienceScope
from abhnetz.audiences.rules import audience_source, search_reader_keys
from search.documents import FacetValue
from search.services import search
from tests.factories import make_announcement


def test_an_announcement_is_one_document_with_plain_text(network):
    # given a network-wide announcement written in Markdown
    item = make_announcement(
        network.office_staff,
        title="Neue Öffnungszeiten",
        body="Ab **Montag** gilt: [Termine](https://adorf.example) nur nach Absprache & online.",
    )

    # when it is indexed
    [document] = AnnouncementIndexer().documents(item)

    # then it is found by its title and words, without markup or HTML escapes
    assert document.key == f"announcement:{item.pk}"
    assert document.kind == "announcement"
    assert document.title == "Neue Öffnungszeiten"
    assert document.url == item.get_absolute_url()
    # a short text is all opening: plain text, HTML escapes resolved
    assert document.summary == "Ab Montag gilt: Termine nur nach Absprache & online."
    assert document.body == ""
    assert document.date == item.published_at
    # under the organisation of its author
    assert document.organisation == FacetValue(network.office_a.slug, "Ausländerbehörde Adorf")
    # and behind its stored audience
    assert document.audience_scope == AudienceScope.NETWORK
    assert document.audience_source == audience_source(item)
    assert document.audience_keys & search_reader_keys(network.partner)


def test_the_summary_is_the_opening_and_the_body_the_rest(network):
    words = [f"Wort{n}" for n in range(100)]
    item = make_announcement(network.office_staff, body=" ".join(words))
    [document] = AnnouncementIndexer().documents(item)
    assert document.summary.split() == words[:SUMMARY_WORDS]
    # the opening is not repeated in the body (snippets show summary, then body)
    assert document.body.split() == words[SUMMARY_WORDS:]


def test_a_restricted_announcement_carries_exactly_its_stored_audience(network):
    # given an announcement for office A only
    item = make_announcement(
        network.office_staff, audience=Audience.selected(organisations=[network.office_a])
    )

    [document] = AnnouncementIndexer().documents(item)

    # then its keys are office A's group and its author, nothing network-wide
    assert document.audience_scope == AudienceScope.SELECTED
    assert document.audience_keys == frozenset(
        {f"g{network.office_a.group_id}", f"u{network.office_staff.pk}"}
    )
    assert document.audience_keys & search_reader_keys(network.moderator)
    assert not document.audience_keys & search_reader_keys(network.office_staff_b)
    assert not document.audience_keys & search_reader_keys(network.partner)


def test_every_announcement_is_findable_old_ones_too(network):
    # announcements do not expire: the list keeps last year's as well
    old = make_announcement(network.office_staff, title="Alt")
    Announcement.objects.filter(pk=old.pk).update(published_at=timezone.now() - timedelta(days=400))
    new = make_announcement(network.office_staff, title="Neu")
    indexer = AnnouncementIndexer()
    assert set(indexer.queryset()) == {old, new}
    assert indexer.load(old.pk) == old


def test_a_deleted_announcement_is_not_loaded(network):
    item = make_announcement(network.office_staff)
    pk = item.pk
    item.delete()
    assert AnnouncementIndexer().load(pk) is None


# -- end to end: the services, the index tasks after commit and the search ----------


def test_a_restricted_announcement_is_found_only_by_its_audience(
    network, django_capture_on_commit_callbacks
):
    # given an announcement for office A, written through the service
    with django_capture_on_commit_callbacks(execute=True):
        item = announcement_create(
            author=network.office_staff,
            title="Dienstanweisung Fiktionsbescheinigung",
            body="Gilt ab sofort.",
            audience=Audience.selected(organisations=[network.office_a]),
        )

    # then a colleague of office A finds it, office B and the jobcenter do not
    hits = search(network.moderator, "Fiktionsbescheinigung").hits
    assert [hit.key for hit in hits] == [f"announcement:{item.pk}"]
    assert hits[0].url == item.get_absolute_url()
    assert search(network.office_staff_b, "Fiktionsbescheinigung").total == 0
    assert search(network.partner, "Fiktionsbescheinigung").total == 0


def test_narrowing_and_deleting_an_announcement_reach_the_search(
    network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = make_announcement(network.office_staff, title="Neue Terminvergabe")
    assert search(network.partner, "Terminvergabe").total == 1

    # when the author narrows it to their office, the partner no longer finds it
    with django_capture_on_commit_callbacks(execute=True):
        announcement_update(
            announcement=item,
            by=network.office_staff,
            title=item.title,
            body=item.body,
            audience=Audience.selected(organisations=[network.office_a]),
        )
    assert search(network.partner, "Terminvergabe").total == 0
    assert search(network.moderator, "Terminvergabe").total == 1

    # and once it is deleted nobody does
    with django_capture_on_commit_callbacks(execute=True):
        announcement_delete(announcement=item, by=network.office_staff)
    assert search(network.moderator, "Terminvergabe").total == 0

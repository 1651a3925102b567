"""Knowledge pages carry the audience rule into Wagtail: lists, direct URLs, publishing."""

from django.test import Client

from abhnetz.audiences.models import Audience
from abhnetz.audiences.rules import can_view
from abhnetz.audiences.services import audience_assign


def test_listing_and_url_follow_the_audience(network, client_for, publish_page):
    # given a network page and one for the offices only
    public = publish_page("Terminvergabe online", owner=network.coordinator)
    internal = publish_page(
        "Fiktionsbescheinigungen", audience=Audience.offices(), owner=network.coordinator
    )

    # then office staff see both, in the list and at their URLs
    office = client_for(network.office_staff)
    listing = office.get("/wissen/").content.decode()
    assert "Terminvergabe online" in listing
    assert "Fiktionsbescheinigungen" in listing
    assert office.get(internal.url).status_code == 200

    # and a partner sees only the network page; the other's URL answers 404
    partner = client_for(network.partner)
    listing = partner.get("/wissen/").content.decode()
    assert "Terminvergabe online" in listing
    assert "Fiktionsbescheinigungen" not in listing
    assert partner.get(internal.url).status_code == 404
    assert partner.get(public.url).status_code == 200


def test_guests_are_sent_to_login(network, publish_page):
    page = publish_page(owner=network.coordinator)
    for url in ("/wissen/", page.url):
        response = Client().get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def test_narrowing_takes_effect_when_published_not_when_drafted(network, publish_page):
    page = publish_page("Dienstplan", owner=network.coordinator)
    assert can_view(network.partner, page)

    # when an editor narrows the audience in a draft
    audience_assign(page, Audience.selected(organisations=[network.office_a]))
    revision = page.save_revision(user=network.coordinator)
    # then the live page is unchanged ...
    assert can_view(network.partner, page)
    # ... until the draft is published, which narrows it at once
    revision.publish()
    assert not can_view(network.partner, page)
    assert can_view(network.office_staff, page)


def test_owner_keeps_sight_of_their_page(network, publish_page):
    page = publish_page(
        "Nur für Bestadt",
        audience=Audience.selected(organisations=[network.office_b]),
        owner=network.office_staff,
    )
    assert can_view(network.office_staff, page)
    assert not can_view(network.moderator, page)


def test_admin_form_checks_the_audience(network):
    from abhnetz.audiences.panels import AudiencePageForm  # noqa: F401 - importable for Wagtail
    from knowledge.models import KnowledgePage

    form_class = KnowledgePage.get_edit_handler().get_form_class()
    form = form_class(
        data={"title": "x", "slug": "x", "summary": "y", "audience_scope": "selected"},
        instance=KnowledgePage(),
        for_user=network.administrator,
    )
    assert not form.is_valid()
    assert "audience_organisations" in form.errors


def test_listing_query_count_does_not_grow(network, client_for, queries, publish_page):
    client = client_for(network.office_staff)
    publish_page("Erste Seite", owner=network.coordinator)

    def add_pages():
        for number in range(4):
            publish_page(
                f"Seite {number}",
                owner=network.coordinator,
                audience=Audience.selected(
                    organisations=[network.office_a], working_groups=[network.digital_group]
                ),
            )

    queries.assert_constant(lambda: client.get("/wissen/"), add_pages)


def test_deleting_a_page_or_its_parent_removes_its_keys(network, publish_page):
    from abhnetz.audiences.models import AudienceEntry

    parent = publish_page("Eltern", owner=network.coordinator)
    child = publish_page("Kind", owner=network.coordinator)
    child.move(parent, pos="last-child")
    assert AudienceEntry.objects.filter(object_id__in=[parent.pk, child.pk]).exists()
    parent.delete()
    assert not AudienceEntry.objects.filter(object_id__in=[parent.pk, child.pk]).exists()

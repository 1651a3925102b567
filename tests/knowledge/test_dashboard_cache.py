"""The dashboard with cached fragments on: shared by audience, never wider than it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from abhnetz.accounts.roles import Role
from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from knowledge.guides.models import GuidePage

from ..factories import UserFactory


def guide(publish_page, title, **kwargs):
    return publish_page(title, page_class=GuidePage, **kwargs)


def test_a_narrowed_guide_leaves_every_cached_dashboard(
    network, client_for, publish_page, cached_fragments
):
    page = guide(publish_page, "Bald nur für Adorf")
    cached_fragments()
    partner = client_for(network.partner)
    assert "Bald nur für Adorf" in partner.get("/").content.decode()

    audience_assign(page, Audience.selected(organisations=[network.office_a]))
    page.save_revision().publish()
    cached_fragments()

    assert "Bald nur für Adorf" not in partner.get("/").content.decode()
    assert "Bald nur für Adorf" in client_for(network.office_staff).get("/").content.decode()


def test_an_unpublished_guide_leaves_it(network, client_for, publish_page, cached_fragments):
    page = guide(publish_page, "Zurückgezogen")
    cached_fragments()
    office = client_for(network.office_staff)
    assert "Zurückgezogen" in office.get("/").content.decode()
    page.unpublish()
    cached_fragments()
    assert "Zurückgezogen" not in office.get("/").content.decode()


def test_what_only_its_author_may_read_is_never_shared(
    network, client_for, publish_page, cached_fragments
):
    # a guide of office A's staff member, for the Jobcenter only: they read it as its
    # author; a colleague with exactly their groups may not
    colleague = UserFactory(
        email="kollegin@adorf.example",
        organisation=network.office_a,
        roles=[Role.OFFICE_STAFF],
        working_groups=[network.digital_group],
    )
    guide(
        publish_page,
        "Nur für das Jobcenter",
        owner=network.office_staff,
        audience=Audience.selected(organisations=[network.jobcenter]),
    )
    cached_fragments()
    # the author's visit fills the copy of their groups; the colleague shares that copy
    # but not the author's own part
    for _visit in range(2):
        assert "Nur für das Jobcenter" in client_for(network.office_staff).get("/").content.decode()
        assert "Nur für das Jobcenter" not in client_for(colleague).get("/").content.decode()
    assert "Nur für das Jobcenter" in client_for(network.partner).get("/").content.decode()


def test_an_announcement_follows_its_audience(network, client_for, cached_fragments):
    from abhnetz.announcements.services import announcement_update

    from ..factories import make_announcement

    announcement = make_announcement(network.coordinator, title="Rundschreiben 7/2026")
    cached_fragments()
    partner = client_for(network.partner)
    assert "Rundschreiben 7/2026" in partner.get("/").content.decode()
    announcement_update(
        announcement=announcement,
        by=network.coordinator,
        title=announcement.title,
        body=announcement.body,
        audience=Audience.selected(organisations=[network.office_a]),
    )
    cached_fragments()
    assert "Rundschreiben 7/2026" not in partner.get("/").content.decode()


def test_the_dashboard_again_is_a_few_queries(network, client_for, publish_page, cached_fragments):
    guide(publish_page, "Erster Leitfaden")
    cached_fragments()
    office = client_for(network.office_staff)
    office.get("/")
    with CaptureQueriesContext(connection) as ctx:
        html = office.get("/").content.decode()
    assert "Erster Leitfaden" in html
    # 1 session, 2 the user, 3 the site root (Wagtail's page routing), 4 the home page,
    # 5 its ancestors' aliases and 6 view restrictions (Wagtail's serve), 7 the reader's
    # groups (the copies' key), 8 the content generation, 9 the footer's legal pages;
    # sections, announcements and the unread count come from the cache
    assert len(ctx.captured_queries) == 9, "\n".join(q["sql"] for q in ctx.captured_queries)

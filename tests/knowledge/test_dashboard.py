"""The dashboard's "Latest guides": the reader's five most recent guides."""

from datetime import timedelta

from django.utils import timezone

from abhnetz.audiences.models import Audience
from knowledge.guides.models import GuidePage
from knowledge.models import KnowledgePage


def guide_publisher(publish_page):
    """Publish guides (the section lists guides only)."""
    return lambda title, **kwargs: publish_page(title, page_class=GuidePage, **kwargs)


def guides_section(response):
    return next(s for s in response.context["sections"] if s.key == "guides")


def test_latest_five_pages_newest_first(network, client_for, publish_page):
    publish_page = guide_publisher(publish_page)
    # given six pages updated on six days
    now = timezone.now()
    for day in range(6):
        page = publish_page(f"Leitfaden {day}")
        KnowledgePage.objects.filter(pk=page.pk).update(last_published_at=now - timedelta(days=day))

    # when the reader opens the dashboard
    response = client_for(network.office_staff).get("/")

    # then the five most recent are listed, newest first
    section = guides_section(response)
    assert [p["title"] for p in section.context["pages"]] == [f"Leitfaden {d}" for d in range(5)]
    html = response.content.decode()
    assert "Leitfaden 0" in html
    assert "Leitfaden 5" not in html


def test_restricted_page_never_on_an_outsiders_dashboard(network, client_for, publish_page):
    publish_page = guide_publisher(publish_page)
    # given the newest page is for office A only
    publish_page("Für alle")
    publish_page(
        "Dienstplan ServicePoint (intern)",
        audience=Audience.selected(organisations=[network.office_a]),
    )
    for name, user in network.people().items():
        # then only office A's people see it on their dashboard
        html = client_for(user).get("/").content.decode()
        inside = user.organisation_id == network.office_a.pk
        assert ("Dienstplan ServicePoint (intern)" in html) == inside, name
    # and the board, to whom neither page is shared, is told nothing is there
    board = client_for(network.board_member).get("/")
    assert guides_section(board).context["pages"] == []
    assert "Für alle" not in board.content.decode()


def test_dashboard_queries_do_not_grow(network, client_for, publish_page, queries):
    publish_page = guide_publisher(publish_page)
    office = client_for(network.office_staff)
    publish_page("Erste", organisation=network.office_a)
    queries.assert_constant(
        lambda: office.get("/"),
        lambda: [publish_page(f"Seite {n}", organisation=network.office_b) for n in range(6)],
    )

"""/wissen/ finds its few section pages without building its thousands of articles."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from abhnetz.audiences.models import Audience
from knowledge.guides.models import GuidePage
from knowledge.models import KnowledgeIndexPage


def test_sections_never_load_the_articles(network, publish_page):
    # given an index with guides next to its sections
    for number in range(3):
        publish_page(f"Leitfaden {number}", page_class=GuidePage)
    index = KnowledgeIndexPage.objects.get()
    index.sections(network.office_staff)  # content types cached
    # when the sections are looked up
    with CaptureQueriesContext(connection) as ctx:
        sections = index.sections(network.office_staff)
    # then no guide row was read (each one is a StreamField to build; issue #15) ...
    guide_table = GuidePage._meta.db_table
    assert not [q for q in ctx.captured_queries if guide_table in q["sql"]]
    # ... and the sections are still there, without the guides
    assert sections
    assert not [s for s in sections if isinstance(s, GuidePage)]
    # one query for the section children, one per section type, none for visibility
    # (no knowledge page among them)
    assert len(ctx.captured_queries) == 1 + len({type(s) for s in sections})


def test_a_section_outside_the_audience_stays_hidden(network, publish_page):
    from knowledge.spaces.models import ToolkitPage

    # given a toolkit for office A only
    toolkit = publish_page(
        "Werkzeugkoffer",
        page_class=ToolkitPage,
        owner=network.coordinator,
        audience=Audience.selected(organisations=[network.office_a]),
    )
    index = KnowledgeIndexPage.objects.get()
    # then office A sees it among the sections, office B does not
    assert toolkit.pk in {s.pk for s in index.sections(network.office_staff)}
    assert toolkit.pk not in {s.pk for s in index.sections(network.office_staff_b)}


def test_index_query_budget(network, client_for, publish_page, queries):
    # given a reader of an index that grows by guides and minutes-like pages
    publish_page("Erste Seite", page_class=GuidePage)
    office = client_for(network.office_staff)

    def add_items():
        for number in range(6):
            publish_page(f"Leitfaden {number}", page_class=GuidePage)

    # then /wissen/ costs the same whatever the number of articles:
    #   session, user (2); Wagtail's routing: site, three page levels, alias check, view
    #   restrictions (6); reader keys (1); sections: child ids and types, the section
    #   pages of the one section type (2); role slugs, user and group permissions, page
    #   permissions, the home page check of "write a guide" (5); unread notifications (1);
    #   filter form: topics, authoring organisations (2); results: count, page, and the
    #   prefetched topics, audience organisations and working groups (5); footer (1)
    queries.assert_constant(lambda: office.get("/wissen/"), add_items, expected=25)

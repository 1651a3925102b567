"""/wissen/: the listing with its filters, sorting, pagination and empty states."""

from datetime import timedelta

from django.utils import timezone

from abhnetz.audiences.models import Audience
from knowledge.forms import KnowledgeFilterForm
from knowledge.models import KnowledgePage
from knowledge.selectors import knowledge_page_types, page_type_key
from tests.factories import TopicFactory


def listed(response) -> list[str]:
    """The titles in the listing, in order."""
    return [page.title for page in response.context["results"].object_list]


def test_filters_by_topic_and_organisation_combined(network, client_for, publish_page):
    # given pages on two topics by two organisations
    terminvergabe = TopicFactory(name="Terminvergabe", slug="terminvergabe")
    servicepoint = TopicFactory(name="ServicePoint", slug="servicepoint")
    publish_page("Online-Termine Adorf", topics=[terminvergabe], organisation=network.office_a)
    publish_page("Online-Termine Bestadt", topics=[terminvergabe], organisation=network.office_b)
    publish_page("ServicePoint Adorf", topics=[servicepoint], organisation=network.office_a)
    office = client_for(network.office_staff)

    # when the reader filters by topic
    by_topic = office.get("/wissen/", {"thema": "terminvergabe"})
    # then only that topic's pages are listed
    assert sorted(listed(by_topic)) == ["Online-Termine Adorf", "Online-Termine Bestadt"]

    # when they add the organisation
    both = office.get("/wissen/", {"thema": "terminvergabe", "organisation": network.office_a.slug})
    # then both filters apply, and the form keeps the chosen values
    assert listed(both) == ["Online-Termine Adorf"]
    html = both.content.decode()
    assert '<option value="terminvergabe" selected>' in html
    assert f'<option value="{network.office_a.slug}" selected>' in html


def test_filters_by_type_from_the_page_types(network, client_for, publish_page):
    # given every creatable page type built on KnowledgePage is offered
    form = KnowledgeFilterForm({}, user=network.office_staff)
    offered = {key for key, _label in form.fields["art"].choices if key}
    assert offered == {page_type_key(model) for model in knowledge_page_types()}
    # the base type is not creatable and so not offered
    assert page_type_key(KnowledgePage) not in offered

    # and given one page of every type
    for model in knowledge_page_types():
        if set(model.content_panels) - set(KnowledgePage.content_panels):
            continue  # types with required fields of their own are tested by their app
        publish_page(f"Seite vom Typ {model.__name__}", page_class=model)
    publish_page("Basisseite")
    office = client_for(network.office_staff)
    for model in knowledge_page_types():
        # when the reader filters by that type
        response = office.get("/wissen/", {"art": page_type_key(model)})
        # then only pages of that type are listed
        assert response.status_code == 200
        assert "Basisseite" not in listed(response)
        assert all(isinstance(page.specific, model) for page in response.context["results"])


def test_an_unknown_type_shows_an_error_next_to_the_field(network, client_for, publish_page):
    publish_page("Online-Termine")
    response = client_for(network.office_staff).get("/wissen/", {"art": "nonsense.page"})
    form = response.context["filter_form"]
    assert "art" in form.errors
    assert 'id="id_art-error"' in response.content.decode()


def test_updated_since_accepts_the_german_date(network, client_for, publish_page):
    # given a page last updated ten days ago and one updated today
    old = publish_page("Alter Stand")
    KnowledgePage.objects.filter(pk=old.pk).update(
        last_published_at=timezone.now() - timedelta(days=10)
    )
    publish_page("Neuer Stand")
    since = (timezone.localdate() - timedelta(days=2)).strftime("%d.%m.%Y")

    # when the reader asks for pages updated since two days ago, typed the German way
    response = client_for(network.office_staff).get("/wissen/", {"seit": since})

    # then only the recent page is listed, and the typed date stays in the field
    assert listed(response) == ["Neuer Stand"]
    assert f'value="{since}"' in response.content.decode()


def test_a_wrong_date_keeps_what_was_typed_and_applies_the_other_filters(
    network, client_for, publish_page
):
    topic = TopicFactory(name="Raumkonzept", slug="raumkonzept")
    publish_page("Wartebereich", topics=[topic])
    publish_page("Anderes")

    # when the date cannot be read
    response = client_for(network.office_staff).get(
        "/wissen/", {"seit": "31.02.2026", "thema": "raumkonzept"}
    )

    # then the error stands next to the date field, the typed text is kept ...
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_seit-error"' in html
    assert 'value="31.02.2026"' in html
    # ... and the topic filter still applies
    assert listed(response) == ["Wartebereich"]


def test_sorting(network, client_for, publish_page):
    # given three pages first published in one order and updated in another
    now = timezone.now()
    for title, first, last in (
        ("Bescheide", 3, 1),
        ("Aktenführung", 2, 3),
        ("Checklisten", 1, 2),
    ):
        page = publish_page(title)
        KnowledgePage.objects.filter(pk=page.pk).update(
            first_published_at=now - timedelta(days=first),
            last_published_at=now - timedelta(days=last),
        )
    office = client_for(network.office_staff)

    # then each sorting orders them as it says; recently updated is the default
    assert listed(office.get("/wissen/")) == ["Bescheide", "Checklisten", "Aktenführung"]
    assert listed(office.get("/wissen/", {"sortierung": "neueste"})) == [
        "Checklisten",
        "Aktenführung",
        "Bescheide",
    ]
    assert listed(office.get("/wissen/", {"sortierung": "titel"})) == [
        "Aktenführung",
        "Bescheide",
        "Checklisten",
    ]


def test_pagination_keeps_the_filters(network, client_for, publish_page, settings):
    # given more pages on a topic than fit on one page
    settings.ABHNETZ_PAGE_SIZE = 2
    topic = TopicFactory(name="E-Akte", slug="e-akte")
    for number in range(3):
        publish_page(f"E-Akte Teil {number}", topics=[topic])
    publish_page("Anderes Thema")

    response = client_for(network.office_staff).get("/wissen/", {"thema": "e-akte"})

    # then the link to the next page carries the filter
    html = response.content.decode()
    assert "thema=e-akte&amp;seite=2" in html
    second = client_for(network.office_staff).get("/wissen/", {"thema": "e-akte", "seite": 2})
    assert len(listed(second)) == 1
    assert "Anderes Thema" not in listed(second)


def test_empty_states(network, client_for, knowledge_index, publish_page):
    office = client_for(network.office_staff)
    # with nothing published, the reader is told so
    nothing = office.get("/wissen/").content.decode()
    assert 'data-testid="knowledge-empty"' in nothing
    # with filters matching nothing, they are told how to widen the search
    publish_page("Online-Termine")
    TopicFactory(name="Willkommenskultur", slug="willkommenskultur")
    filtered = office.get("/wissen/", {"thema": "willkommenskultur"})
    assert listed(filtered) == []
    assert filtered.context["is_filtered"]
    assert f'href="{knowledge_index.url}"' in filtered.content.decode()


def test_hidden_pages_leave_no_trace_in_the_listing_or_its_options(
    network, client_for, publish_page
):
    # given a page only office B may read, by office B, on its own topic
    topic = TopicFactory(name="Dienstplan", slug="dienstplan")
    publish_page(
        "Dienstplan Bestadt",
        audience=Audience.selected(organisations=[network.office_b]),
        organisation=network.office_b,
        topics=[topic],
        owner=network.office_staff_b,
    )
    publish_page("Für alle", organisation=network.office_a)

    # when office A's staff filter by that topic and organisation
    office = client_for(network.office_staff)
    response = office.get("/wissen/", {"thema": "dienstplan"})
    html = response.content.decode()

    # then the page is not listed nor counted
    assert "Dienstplan Bestadt" not in html
    assert response.context["results"].paginator.count == 0
    # and office B is not offered as an author (it wrote nothing office A may read)
    organisations = list(response.context["filter_form"].fields["organisation"].queryset)
    assert organisations == [network.office_a]
    # and asking for office B anyway is refused like an unknown choice
    forced = office.get("/wissen/", {"organisation": network.office_b.slug})
    assert "organisation" in forced.context["filter_form"].errors
    assert "Dienstplan Bestadt" not in forced.content.decode()


def test_listing_queries_do_not_grow_with_items(network, client_for, publish_page, queries):
    # given a reader filtering by topic
    topics = [TopicFactory(name=f"Thema {n}", slug=f"thema-{n}") for n in range(3)]
    orgs = [network.office_a, network.office_b, network.jobcenter]
    publish_page("Erste Seite", topics=topics[:1], organisation=orgs[0])
    office = client_for(network.office_staff)

    def add_items():
        for number in range(5):
            publish_page(
                f"Seite {number}",
                topics=topics,
                organisation=orgs[number % 3],
                audience=Audience.selected(
                    organisations=[network.office_a], working_groups=[network.digital_group]
                ),
            )

    # then the listing with every filter and the unfiltered listing cost the same however
    # many pages, topics and audience entries there are
    queries.assert_constant(lambda: office.get("/wissen/"), add_items)
    queries.assert_constant(
        lambda: office.get("/wissen/", {"thema": "thema-0", "sortierung": "titel"}),
        lambda: publish_page("Noch eine", topics=topics),
    )


def test_index_links_its_sections_by_audience(network, client_for, publish_page):
    from knowledge.spaces.models import ToolkitPage

    # given the sections the migrations make and a toolkit for the network (not the board)
    toolkit = publish_page("Werkzeugkoffer", page_class=ToolkitPage, owner=network.coordinator)
    board = client_for(network.board_member).get("/wissen/").content.decode()
    assert f'href="{toolkit.url}"' not in board
    office = client_for(network.office_staff).get("/wissen/").content.decode()
    assert f'href="{toolkit.url}"' in office
    coordinator = client_for(network.coordinator).get("/wissen/").content.decode()
    # then everyone finds the registers, and only coordination the review list
    for html in (office, coordinator):
        assert 'href="/wissen/aufgaben/"' in html
        assert 'href="/wissen/beschluesse/"' in html
        assert 'href="/wissen/formulare/"' in html
    assert 'href="/wissen/ueberpruefung/"' in coordinator
    assert 'href="/wissen/ueberpruefung/"' not in office


def test_long_listings_are_counted_up_to_the_cap(
    network, client_for, publish_page, monkeypatch, settings
):
    # given a cap of two and a page size of one
    monkeypatch.setattr("knowledge.models.COUNT_CAP", 2)
    settings.ABHNETZ_PAGE_SIZE = 1
    publish_page("Eins")
    publish_page("Zwei")
    publish_page(
        "Nur Bestadt",
        audience=Audience.selected(organisations=[network.office_b]),
        organisation=network.office_b,
        owner=network.office_staff_b,
    )
    office = client_for(network.office_staff)
    # then office A, who may read two, gets the exact count (the hidden page is not counted)
    response = office.get("/wissen/")
    assert response.context["results"].paginator.count == 2
    assert not response.context["results"].paginator.capped
    assert 'data-testid="knowledge-count">2 ' in response.content.decode()

    # and past the cap the listing says "more than" and asks for a filter
    publish_page("Drei")
    response = office.get("/wissen/")
    assert response.context["results"].paginator.capped
    html = response.content.decode()
    assert "Mehr als 2 Seiten" in html
    assert "Nur Bestadt" not in html


def test_the_default_order_has_its_index(db):
    # /wissen/ walks it to its page instead of sorting every live page (issue #15)
    from django.db import connection

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    index = constraints["knowledge_page_recent"]
    assert index["index"]
    assert index["columns"] == ["last_published_at", "id"]

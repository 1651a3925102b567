"""The minutes page, the open action items and the decisions register on the front end."""

import datetime
import itertools

from django.utils import timezone

from abhnetz.audiences.models import Audience
from knowledge.minutes.models import ActionItem, ActionItemCompletion, Decision, MinutesPage
from knowledge.minutes.services import action_item_complete
from tests.factories import TopicFactory

from .conftest import action_item_of

TODAY = timezone.localdate()
counter = itertools.count()


def add_items(page, *, decisions=0, action_items=0, owner=None, topic=None):
    """Add children to the live minutes and publish them, as an editor would."""
    draft = MinutesPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    draft.decisions = [
        *draft.decisions.all(),
        *(Decision(text=f"Beschluss {next(counter)}", topic=topic) for _ in range(decisions)),
    ]
    draft.action_items = [
        *draft.action_items.all(),
        *(
            ActionItem(
                title=f"Aufgabe {next(counter)}",
                owner_person=owner,
                owner_organisation=owner.organisation,
                due_date=TODAY - datetime.timedelta(days=1),
            )
            for _ in range(action_items)
        ),
    ]
    draft.save_revision(user=page.owner).publish()


# the minutes page


def test_minutes_page_shows_meeting_decisions_and_action_items(
    network, client_for, publish_minutes
):
    # given minutes with an agenda, two decisions and an overdue and a done item
    page = publish_minutes(
        "Protokoll Vernetzungstreffen",
        owner=network.coordinator,
        start_time=datetime.time(10, 0),
        end_time=datetime.time(15, 30),
        participants=[network.office_a, network.jobcenter],
        agenda=[("ServicePoint", "Rosenfurt berichtet **ausführlich**.")],
        decisions=["Kennzahlen werden *monatlich* erfasst.", "Nächstes Treffen in Eichtal."],
        action_items=[
            {
                "title": "Bericht schreiben",
                "owner_person": network.office_staff,
                "due_date": TODAY - datetime.timedelta(days=3),
            },
            {"title": "Schema verschicken", "owner_person": network.coordinator},
        ],
    )
    action_item_complete(item=action_item_of(page, "Schema verschicken"), by=network.coordinator)

    # when office staff A open it
    html = client_for(network.office_staff).get(page.url).content.decode()

    # then date, time, type, place and participants are shown
    assert "18.04.2026, 10:00–15:30" in html
    assert "Ministerium, Raum 2.14" in html
    assert "Jobcenter Adorf" in html
    # the agenda's notes are Markdown
    assert "<strong>ausführlich</strong>" in html
    # decisions are numbered and citable
    assert 'id="beschluss-2"' in html
    assert "Decision 2" in html
    assert "<em>monatlich</em>" in html
    # the overdue item is marked; its owner may mark it done, the done one shows done
    assert html.count('data-testid="overdue"') == 1
    assert html.count('data-testid="action-item-status-form"') == 1
    assert ">done<" in html


def test_minutes_page_query_count_does_not_grow(network, client_for, queries, publish_minutes):
    # given minutes with one decision and one action item
    topic = TopicFactory()
    page = publish_minutes(
        owner=network.coordinator,
        decisions=[Decision(text="Eins.", topic=topic)],
        action_items=[{"title": "A", "owner_person": network.office_staff}],
        agenda=[("TOP 1", "Notizen")],
        participants=[network.office_a],
    )
    client = client_for(network.office_staff)

    # then adding five decisions and five action items adds no query: 30 (issue #15),
    # agenda, decisions, action items, completions and owners each one query for all; the
    # forum's discussion under the page 4 (the page's rule for its comments, thread,
    # groups for narrowing, audience check)
    queries.assert_constant(
        lambda: client.get(page.url),
        lambda: add_items(
            page, decisions=5, action_items=5, owner=network.office_staff, topic=topic
        ),
        expected=30,
    )


# open action items


def test_open_action_items_lists_open_items_with_links(network, client_for, publish_minutes):
    # given an open and a done item
    page = publish_minutes(
        owner=network.coordinator,
        action_items=[
            {"title": "Bericht schreiben", "owner_person": network.office_staff},
            {"title": "Schema verschicken", "owner_person": network.coordinator},
        ],
    )
    action_item_complete(item=action_item_of(page, "Schema verschicken"), by=network.coordinator)

    # when a partner opens the open action items
    response = client_for(network.partner).get("/wissen/aufgaben/")

    # then only the open one is listed, linked to its minutes, without a button for them
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bericht schreiben" in html
    assert "Schema verschicken" not in html
    assert f'href="{page.url}#aufgabe-' in html
    assert 'data-testid="action-item-status-form"' not in html


def test_open_action_items_filters(network, client_for, publish_minutes):
    # given items of several owners, one in minutes of the working group "Digitalisierung"
    publish_minutes(
        "Vernetzung",
        owner=network.coordinator,
        action_items=[
            {
                "title": "Überfällig A",
                "owner_person": network.office_staff,
                "due_date": TODAY - datetime.timedelta(days=2),
            },
            {
                "title": "Später B",
                "owner_person": network.office_staff_b,
                "due_date": TODAY + datetime.timedelta(days=2),
            },
            {"title": "Vermittlung klären", "owner_organisation": network.jobcenter},
        ],
    )
    publish_minutes(
        "AG Digital",
        owner=network.office_staff,
        audience=Audience.selected(working_groups=[network.digital_group]),
        action_items=[{"title": "Digital A", "owner_person": network.office_staff}],
    )
    client = client_for(network.office_staff)

    def listed(query):
        html = client.get(f"/wissen/aufgaben/?{query}").content.decode()
        titles = ("Überfällig A", "Später B", "Vermittlung klären", "Digital A")
        return {t for t in titles if t in html}

    assert listed("") == {"Überfällig A", "Später B", "Vermittlung klären", "Digital A"}
    assert listed(f"verantwortlich={network.office_staff.pk}") == {"Überfällig A", "Digital A"}
    assert listed("meine=on") == {"Überfällig A", "Digital A"}
    # the owner as typed: a part of the name (every word), the e-mail or the organisation
    b = network.office_staff_b
    assert listed(f"verantwortlich={b.last_name[2:].upper()}") == {"Später B"}
    assert listed(f"verantwortlich={b.first_name}+{b.last_name}") == {"Später B"}
    assert listed(f"verantwortlich={b.first_name}+Niemand") == set()
    assert listed("verantwortlich=office%40bestadt") == {"Später B"}
    assert listed("verantwortlich=jobcenter") == {"Vermittlung klären"}
    assert listed(f"organisation={network.jobcenter.slug}") == {"Vermittlung klären"}
    # the organisation of a person owner counts too
    assert listed(f"organisation={network.office_b.slug}") == {"Später B"}
    assert listed(f"arbeitsgruppe={network.digital_group.slug}") == {"Digital A"}
    assert listed("ueberfaellig=on") == {"Überfällig A"}


def test_only_mine_works_for_someone_who_owns_nothing(network, client_for, publish_minutes):
    publish_minutes(
        owner=network.coordinator,
        action_items=[{"title": "Bericht schreiben", "owner_person": network.office_staff}],
    )
    html = client_for(network.partner).get("/wissen/aufgaben/").content.decode()
    # the page's own link
    assert 'href="?meine=on"' in html
    html = client_for(network.partner).get("/wissen/aufgaben/?meine=on").content.decode()
    assert "Bericht schreiben" not in html
    assert 'data-testid="action-items-empty"' in html
    # and the box stays ticked
    assert 'name="meine" checked' in html


def test_the_typed_owner_is_kept(network, client_for, publish_minutes):
    publish_minutes(
        owner=network.coordinator,
        action_items=[{"title": "Bericht schreiben", "owner_person": network.office_staff}],
    )
    html = (
        client_for(network.office_staff)
        .get("/wissen/aufgaben/?verantwortlich=Niemand+%3Cb%3E")
        .content.decode()
    )
    assert 'value="Niemand &lt;b&gt;"' in html
    assert 'data-testid="action-items-empty"' in html


def test_long_lists_are_counted_up_to_the_cap(
    network, client_for, publish_minutes, monkeypatch, settings
):
    from knowledge.minutes import views

    monkeypatch.setattr(views, "COUNT_CAP", 2)
    settings.ABHNETZ_PAGE_SIZE = 1
    page = publish_minutes(owner=network.coordinator)
    add_items(page, action_items=2, owner=network.office_staff)
    client = client_for(network.office_staff)
    html = client.get("/wissen/aufgaben/").content.decode()
    assert "2 open action items" in html
    assert "Page 1 of 2" in html
    assert "More than" not in html

    add_items(page, action_items=1, owner=network.office_staff)
    html = client.get("/wissen/aufgaben/").content.decode()
    assert "More than 2 open action items." in html
    assert "Page 1 of more than 2" in html
    # filtered below the cap, the count is exact again
    html = client.get("/wissen/aufgaben/?verantwortlich=gibtsnicht").content.decode()
    assert "0 open action items" in html


def test_unknown_filter_value_shows_an_error_and_keeps_the_list(
    network, client_for, publish_minutes
):
    publish_minutes(
        owner=network.coordinator,
        action_items=[{"title": "Bericht schreiben", "owner_person": network.office_staff}],
    )
    html = client_for(network.office_staff).get("/wissen/aufgaben/?organisation=gibtsnicht").content
    html = html.decode()
    assert 'id="id_organisation-error"' in html
    assert "Bericht schreiben" in html


def test_open_action_items_query_count_does_not_grow(network, client_for, queries, publish_minutes):
    page = publish_minutes(
        owner=network.coordinator,
        action_items=[
            {
                "title": "A",
                "owner_person": network.office_staff,
                "owner_organisation": network.office_a,
                "due_date": TODAY - datetime.timedelta(days=1),
            }
        ],
    )
    client = client_for(network.office_staff)
    # session, user, reader keys, count (up to the cap), items, completions (one query
    # for all), the reader's roles, the content generation, organisations and working
    # groups for the filter, site, footer: none per item, and no list of owners (11 in
    # all, filtered or not; issue #15 keeps it fixed)
    queries.assert_constant(
        lambda: client.get("/wissen/aufgaben/?ueberfaellig=on&verantwortlich=Vorname"),
        lambda: add_items(page, action_items=5, owner=network.office_staff),
        expected=11,
    )
    queries.assert_constant(
        lambda: client.get("/wissen/aufgaben/"),
        lambda: add_items(page, action_items=5, owner=network.office_staff),
        expected=11,
    )


# marking done from the front end


def test_owner_marks_done_from_the_list(network, client_for, publish_minutes):
    page = publish_minutes(
        owner=network.coordinator,
        action_items=[{"title": "Bericht schreiben", "owner_person": network.office_staff}],
    )
    item = action_item_of(page, "Bericht schreiben")
    client = client_for(network.office_staff)

    # when the owner presses "mark as done"
    response = client.post(
        f"/wissen/aufgaben/{item.uuid}/status/", {"status": "done", "next": "/wissen/aufgaben/"}
    )

    # then it is done, they are back on the list, and it is no longer listed
    assert response.status_code == 302
    assert response["Location"] == "/wissen/aufgaben/"
    assert ActionItemCompletion.objects.get(item_uuid=item.uuid).done_by == network.office_staff
    assert "Bericht schreiben" not in client.get("/wissen/aufgaben/").content.decode()

    # and they can open it again from the minutes
    response = client.post(f"/wissen/aufgaben/{item.uuid}/status/", {"status": "open"})
    assert response["Location"] == page.url
    assert not ActionItemCompletion.objects.exists()


def test_others_may_not_mark_done(network, client_for, publish_minutes):
    page = publish_minutes(
        owner=network.coordinator,
        action_items=[{"title": "Bericht schreiben", "owner_person": network.office_staff}],
    )
    item = action_item_of(page, "Bericht schreiben")

    # a reader who is not an owner gets 403
    response = client_for(network.partner).post(
        f"/wissen/aufgaben/{item.uuid}/status/", {"status": "done"}
    )
    assert response.status_code == 403
    assert not ActionItemCompletion.objects.exists()


def test_status_needs_post_and_a_safe_next(network, client_for, publish_minutes):
    page = publish_minutes(
        owner=network.coordinator,
        action_items=[{"title": "A", "owner_person": network.office_staff}],
    )
    item = action_item_of(page, "A")
    client = client_for(network.office_staff)
    assert client.get(f"/wissen/aufgaben/{item.uuid}/status/").status_code == 405

    # a foreign "next" is ignored
    response = client.post(
        f"/wissen/aufgaben/{item.uuid}/status/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == page.url


def test_status_form_is_csrf_protected(network, publish_minutes):
    from django.test import Client

    page = publish_minutes(
        owner=network.coordinator,
        action_items=[{"title": "A", "owner_person": network.office_staff}],
    )
    item = action_item_of(page, "A")
    client = Client(enforce_csrf_checks=True)
    client.force_login(network.office_staff)
    response = client.post(f"/wissen/aufgaben/{item.uuid}/status/", {"status": "done"})
    assert response.status_code == 403
    assert not ActionItemCompletion.objects.exists()


# decisions register


def test_register_searches_by_topic_date_and_text(network, client_for, publish_minutes):
    # given decisions in minutes of two dates, on two topics
    servicepoint = TopicFactory(name="ServicePoint", slug="servicepoint")
    e_akte = TopicFactory(name="E-Akte", slug="e-akte")
    march = publish_minutes(
        "Protokoll März",
        owner=network.coordinator,
        meeting_date=datetime.date(2026, 3, 10),
        decisions=[Decision(text="Kennzahlen monatlich.", topic=servicepoint)],
    )
    publish_minutes(
        "Protokoll April",
        owner=network.coordinator,
        meeting_date=datetime.date(2026, 4, 18),
        topics=[e_akte],
        decisions=["Anforderungsliste erstellen.", "Hospitation planen."],
    )
    client = client_for(network.partner)

    def listed(query):
        html = client.get(f"/wissen/beschluesse/?{query}").content.decode()
        texts = ("Kennzahlen monatlich.", "Anforderungsliste erstellen.", "Hospitation planen.")
        return {t for t in texts if t in html}

    assert len(listed("")) == 3
    assert listed("thema=servicepoint") == {"Kennzahlen monatlich."}
    # a topic of the minutes counts for each of its decisions
    assert listed("thema=e-akte") == {"Anforderungsliste erstellen.", "Hospitation planen."}
    assert listed("von=2026-04-01") == {"Anforderungsliste erstellen.", "Hospitation planen."}
    assert listed("von=01.03.2026&bis=31.03.2026") == {"Kennzahlen monatlich."}
    assert listed("q=hospitation") == {"Hospitation planen."}

    # each links to its minutes' anchor
    html = client.get("/wissen/beschluesse/?thema=servicepoint").content.decode()
    assert f'href="{march.url}#beschluss-1"' in html
    assert "Decision 1: Protokoll März" in html


def test_register_shows_errors_next_to_fields_and_keeps_input(network, client_for):
    html = (
        client_for(network.office_staff)
        .get("/wissen/beschluesse/?q=Kennzahlen&von=2026-05-01&bis=2026-04-01")
        .content.decode()
    )
    assert 'id="id_bis-error"' in html
    assert 'value="Kennzahlen"' in html
    assert 'value="2026-05-01"' in html

    html = client_for(network.office_staff).get("/wissen/beschluesse/?von=gestern").content
    assert 'id="id_von-error"' in html.decode()


def test_register_paginates(network, client_for, publish_minutes, settings):
    settings.ABHNETZ_PAGE_SIZE = 2
    publish_minutes(owner=network.coordinator, decisions=["Eins.", "Zwei.", "Drei."])
    client = client_for(network.office_staff)
    first = client.get("/wissen/beschluesse/").content.decode()
    second = client.get("/wissen/beschluesse/?seite=2").content.decode()
    assert "Page 1 of 2" in first
    assert first.count("<li id=") + second.count("<li id=") == 0  # anchors live on the minutes
    assert ("Drei." in first) != ("Drei." in second)


def test_long_registers_are_counted_up_to_the_cap(
    network, client_for, publish_minutes, monkeypatch, settings
):
    from knowledge.minutes import views

    monkeypatch.setattr(views, "COUNT_CAP", 2)
    settings.ABHNETZ_PAGE_SIZE = 1
    page = publish_minutes(owner=network.coordinator, decisions=["Eins.", "Zwei."])
    client = client_for(network.office_staff)
    html = client.get("/wissen/beschluesse/").content.decode()
    assert "2 decisions" in html
    assert "Page 1 of 2" in html
    assert "More than" not in html

    add_items(page, decisions=1)
    html = client.get("/wissen/beschluesse/").content.decode()
    assert "More than 2 decisions." in html
    assert "Page 1 of more than 2" in html
    # filtered below the cap, the count is exact again
    html = client.get("/wissen/beschluesse/?q=Zwei").content.decode()
    assert "1 decision" in html
    assert "More than" not in html


def test_capped_register_counts_only_what_the_reader_may_see(
    network, client_for, publish_minutes, monkeypatch
):
    from knowledge.minutes import views

    monkeypatch.setattr(views, "COUNT_CAP", 2)
    publish_minutes("Offen", owner=network.coordinator, decisions=["Eins.", "Zwei."])
    publish_minutes(
        "Nur Amt A",
        owner=network.coordinator,
        audience=Audience.selected(organisations=[network.office_a]),
        decisions=["Geheim eins.", "Geheim zwei.", "Geheim drei."],
    )
    # the partner, outside office A, sees neither the hidden decisions nor their number
    html = client_for(network.partner).get("/wissen/beschluesse/").content.decode()
    assert "2 decisions" in html
    assert "More than" not in html
    assert "Geheim" not in html
    assert "Nur Amt A" not in html
    # office A's staff see all five, counted up to the cap
    html = client_for(network.office_staff).get("/wissen/beschluesse/").content.decode()
    assert "More than 2 decisions." in html


def test_register_query_count_does_not_grow(network, client_for, queries, publish_minutes):
    topic = TopicFactory()
    page = publish_minutes(
        owner=network.coordinator, decisions=[Decision(text="Eins.", topic=topic)]
    )
    other = publish_minutes("Zweites Protokoll", owner=network.coordinator, decisions=["Zwei."])
    client = client_for(network.office_staff)
    # 10 (issue #15): session, user, reader keys, count, page of decisions with their
    # minutes, topics of the filter, header, footer: none per decision
    queries.assert_constant(
        lambda: client.get(f"/wissen/beschluesse/?thema={topic.slug}&von=2026-01-01"),
        lambda: (add_items(page, decisions=3, topic=topic), add_items(other, decisions=3)),
        expected=10,
    )

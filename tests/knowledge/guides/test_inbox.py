"""The work inbox on the dashboard: what waits for whom, counted through the audience rule."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from abhnetz.accounts.models import AccessRequest
from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from knowledge.guides.models import GuidePage
from knowledge.guides.selectors import approvals_waiting_for
from knowledge.minutes.models import ActionItem, MeetingType, MinutesPage
from knowledge.spaces.models import JoinRequest, WorkingGroupIndexPage

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def english_client(client_for):
    """The source strings are asserted, independent of the German catalogue."""

    def make(user):
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


def submitted_draft(index, author, title, audience=None) -> GuidePage:
    """A guide never published, submitted to the coordinators' workflow by ``author``."""
    guide = GuidePage(title=title, summary="Worum es geht.", owner=author, live=False)
    audience_assign(guide, audience or Audience.network())
    index.add_child(instance=guide)
    guide.save_revision(user=author)
    guide.get_workflow().start(guide, author)
    return guide


def entries(response, section="inbox_mine") -> dict:
    found = [s for s in response.context["inbox"] if s.key == section]
    return {entry.key: entry for entry in found[0].entries} if found else {}


def test_approvals_count_only_pages_the_coordinator_may_read_and_not_their_own(
    network, knowledge_index
):
    # given three submissions: for the network, for office A only, and the coordinator's own
    submitted_draft(knowledge_index, network.office_staff, "Für alle")
    submitted_draft(
        knowledge_index,
        network.office_staff,
        "Nur Adorf",
        Audience.selected(organisations=[network.office_a]),
    )
    submitted_draft(knowledge_index, network.coordinator, "Eigener Entwurf")

    # when the coordinator's approvals are read
    waiting = approvals_waiting_for(network.coordinator)

    # then only the network-wide one by someone else counts
    titles = [state.revision.content_object.title for state in waiting]
    assert titles == ["Für alle"]
    # and office staff, who approve nothing, have none
    assert not approvals_waiting_for(network.office_staff).exists()


def test_the_coordinators_inbox_counts_and_links_each_kind(
    network, english_client, knowledge_index, make_guide
):
    # given a submission, an access request, an overdue guide and a join request
    submitted_draft(knowledge_index, network.office_staff, "Für alle")
    AccessRequest.objects.create(first_name="A", last_name="B", email="a@adorf.example")
    make_guide("Alt", owner=network.office_staff, review_due_on=YESTERDAY)
    index = WorkingGroupIndexPage(title="Arbeitsgruppen", slug="arbeitsgruppen")
    knowledge_index.add_child(instance=index)
    index.save_revision().publish()
    JoinRequest.objects.create(user=network.partner, working_group=network.digital_group)

    # when the coordinator opens the dashboard
    response = english_client(network.coordinator).get("/")

    # then each kind is counted and linked, the review list included
    decide = entries(response, "inbox_decide")
    assert {key: entry.count for key, entry in decide.items()} == {
        "access_requests": 1,
        "approvals": 1,
        "overdue_reviews": 1,
        "join_requests": 1,
    }
    html = response.content.decode()
    for url in ("/zugangsanfragen/", "/admin/", "/wissen/ueberpruefung/"):
        assert f'href="{url}"' in html
    assert 'href="/wissen/arbeitsgruppen/anfragen/"' in html
    assert "1 page waits for your approval" in html


def test_office_staff_see_their_action_items_due_guides_and_drafts(
    network, english_client, knowledge_index, make_guide, publish_page
):
    # given a guide of theirs past its review date, a draft, and an action item of theirs
    make_guide("Fällig", owner=network.office_staff, review_due_on=YESTERDAY)
    make_guide("Nicht fällig", owner=network.office_staff)
    draft = GuidePage(title="Mein Entwurf", summary="…", owner=network.office_staff, live=False)
    audience_assign(draft, Audience.network())
    knowledge_index.add_child(instance=draft)
    publish_page(
        "Protokoll",
        page_class=MinutesPage,
        meeting_date=YESTERDAY,
        meeting_type=MeetingType.NETWORKING,
        place="Ministerium",
        action_items=[ActionItem(title="Liste schicken", owner_person=network.office_staff)],
    )

    # when they open the dashboard
    response = english_client(network.office_staff).get("/")

    # then their own work is listed with counts and links
    mine = entries(response)
    assert {key: entry.count for key, entry in mine.items()} == {
        "my_reviews": 1,
        "my_drafts": 1,
        "my_action_items": 1,
    }
    assert [title for title, _url in mine["my_reviews"].items] == ["Fällig"]
    assert mine["my_drafts"].items == [("Mein Entwurf", f"/admin/pages/{draft.pk}/edit/")]
    assert mine["my_action_items"].url == "/wissen/aufgaben/?meine=on"
    # and nothing waits for their decision
    assert entries(response, "inbox_decide") == {}


def test_an_empty_inbox_says_so(network, english_client):
    response = english_client(network.partner).get("/")
    assert entries(response) == {}
    assert "Nothing is waiting for you." in response.content.decode()


def test_the_inbox_does_not_grow_its_queries(
    network, client_for, knowledge_index, make_guide, queries
):
    coordinator = client_for(network.coordinator)
    office = client_for(network.office_staff)
    submitted_draft(knowledge_index, network.office_staff, "Erster")
    make_guide("Alt", owner=network.office_staff, review_due_on=YESTERDAY)

    def add_items():
        for n in range(4):
            submitted_draft(knowledge_index, network.office_staff, f"Entwurf {n}")
            make_guide(f"Alt {n}", owner=network.office_staff, review_due_on=YESTERDAY)

    # The coordinator's dashboard, 35 queries (with fragments off, as in the whole suite):
    # session, user (2); Wagtail serving the home page: site, page, alias check, view
    # restrictions (4); reader keys (1), announcements and latest guides, each those of
    # the reader's groups and their own (4); "Leitfaden schreiben": the user's permissions (2), the
    # knowledge index, its page permissions, Wagtail's creatable-subpage count (3); roles (1);
    # the inbox: Wagtail's reviewable_by (active tasks, their specific rows, one group check
    # per approval task: 1 in the test database), the waiting task states, the role groups
    # of their revisions' audiences (once for all) and the approvals count (6), overdue
    # reviews (1), own due guides (1), own drafts (1), own action items (1); "my working
    # groups": index, spaces, groups (3); upcoming events with my answer (1); open
    # questions (1); access requests (1); the header's unread notifications (1); the
    # footer's legal pages (1).
    queries.assert_constant(lambda: coordinator.get("/"), add_items, expected=35)
    # The author's: the same without the coordination's lines (reviewable_by and the
    # approvals count, overdue reviews, access requests: 8 fewer); their due guides and
    # drafts stay one query each (first five with a window count) while they grow.
    queries.assert_constant(lambda: office.get("/"), add_items, expected=27)

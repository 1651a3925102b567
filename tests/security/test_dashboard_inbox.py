"""The work inbox tells nobody about what they may not read: no count, no title.

Every role opens the dashboard while an office-A-only guide waits for approval, is past
its review date with a partner named as deputy, and office-A-only minutes give the
partner an action item. Only readers of office A's content may learn of any of it.
"""

import datetime

import pytest
from django.utils import timezone

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from knowledge.guides.models import GuidePage
from knowledge.minutes.models import ActionItem, MeetingType, MinutesPage

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)
SECRET = "Dienstplan ServicePoint (intern)"


@pytest.fixture
def office_a_only(network, knowledge_index, make_guide, publish_page):
    audience = Audience.selected(organisations=[network.office_a])
    draft = GuidePage(title=f"{SECRET} Entwurf", summary="…", owner=network.moderator, live=False)
    audience_assign(draft, audience)
    knowledge_index.add_child(instance=draft)
    draft.save_revision(user=network.moderator)
    draft.get_workflow().start(draft, network.moderator)
    make_guide(
        f"{SECRET} alt",
        owner=network.office_staff,
        deputy=network.partner,
        audience=audience,
        review_due_on=YESTERDAY,
    )
    publish_page(
        f"{SECRET} Protokoll",
        audience=audience,
        page_class=MinutesPage,
        meeting_date=YESTERDAY,
        meeting_type=MeetingType.BILATERAL,
        place="Adorf",
        action_items=[ActionItem(title="Dienstplan schicken", owner_person=network.partner)],
    )


@pytest.mark.parametrize(
    "person",
    ["office_staff_b", "partner", "board_member", "coordinator", "administrator"],
)
def test_an_outsider_learns_nothing_from_the_inbox(network, client_for, office_a_only, person):
    # when someone outside office A opens the dashboard
    response = client_for(getattr(network, person)).get("/")

    # then no line of the inbox counts office A's things, and no title appears
    counts = {
        entry.key: entry.count for section in response.context["inbox"] for entry in section.entries
    }
    assert all(count == 0 for count in counts.values()), counts
    assert SECRET not in response.content.decode()


def test_office_a_sees_its_own_work(network, client_for, office_a_only):
    # the owner of the overdue guide is told of it (the rule admits, it does not hide all)
    response = client_for(network.office_staff).get("/")
    mine = {e.key: e for s in response.context["inbox"] for e in s.entries}
    assert mine["my_reviews"].count == 1
    assert f"{SECRET} alt" in response.content.decode()

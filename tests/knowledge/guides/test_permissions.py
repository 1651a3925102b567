"""Who may approve a submitted guide: readers of it in the approver groups, never its author."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import TaskState

from abhnetz.accounts.roles import Role
from abhnetz.audiences.models import Audience
from abhnetz.audiences.rules import can_view
from knowledge.guides.models import GuideApprovalTask
from knowledge.guides.workflow import approvers
from tests.factories import UserFactory

from .test_workflow import decide, draft, submit


@pytest.fixture
def second_coordinator(network):
    return UserFactory(
        email="coordinator2@ministerium.example",
        organisation=network.ministry,
        roles=[Role.COORDINATOR],
    )


def task_of(state) -> GuideApprovalTask:
    task = state.current_task_state.task.specific
    assert isinstance(task, GuideApprovalTask)
    return task


def test_a_coordinator_cannot_approve_their_own_guide_another_can(
    network, knowledge_index, second_coordinator
):
    # given a guide a coordinator wrote and submitted
    guide = draft(knowledge_index, network.coordinator)
    state = submit(guide, network.coordinator)
    task = task_of(state)

    # then they are offered nothing and the server refuses their approval
    assert task.get_actions(guide, network.coordinator) == []
    assert not task.user_can_access_editor(guide, network.coordinator)
    assert task.locked_for_user(guide, network.coordinator)
    with pytest.raises(PermissionDenied):
        decide(state, network.coordinator, "approve", comment="")
    guide.refresh_from_db()
    assert not guide.live

    # when another coordinator approves, it is published
    assert task.get_actions(guide, second_coordinator)
    decide(state, second_coordinator, "approve", comment="")
    guide.refresh_from_db()
    assert guide.live


def test_a_superuser_author_cannot_approve_their_own_guide(network, knowledge_index):
    # given a guide the administrator (a superuser) wrote and submitted
    guide = draft(knowledge_index, network.administrator)
    state = submit(guide, network.administrator)
    task = task_of(state)

    # then not even a superuser approves their own submission; a coordinator may
    assert task.get_actions(guide, network.administrator) == []
    with pytest.raises(PermissionDenied):
        decide(state, network.administrator, "approve", comment="")
    assert task.get_actions(guide, network.coordinator)


def test_who_submitted_or_wrote_the_revision_cannot_approve_it(
    network, knowledge_index, second_coordinator
):
    # given office staff's guide, revised and submitted by a coordinator
    guide = draft(knowledge_index, network.office_staff)
    guide.save_revision(user=second_coordinator)
    state = submit(guide, network.coordinator)
    task = task_of(state)

    # then neither the submitter nor the author of the revision may approve it
    assert task.get_actions(guide, network.coordinator) == []
    assert task.get_actions(guide, second_coordinator) == []
    with pytest.raises(PermissionDenied):
        decide(state, network.coordinator, "reject", comment="Selbst abgelehnt")
    # ... the administrator may, as nobody else is left
    assert task.get_actions(guide, network.administrator)


def test_the_audience_decides_who_is_offered_the_task(network, knowledge_index, second_coordinator):
    # given a draft for office A and the working group "Digitalisierung", of which only
    # the second coordinator is a member
    second_coordinator.groups.add(network.digital_group.group)
    guide = draft(
        knowledge_index,
        network.office_staff,
        audience=Audience.selected(
            organisations=[network.office_a], working_groups=[network.digital_group]
        ),
    )
    state = submit(guide, network.office_staff)
    task = task_of(state)

    # then only approvers who may read it are offered it: the coordinator in the working
    # group and office A's moderator (restricted content); the rest are refused
    assert task.get_actions(guide, second_coordinator)
    assert task.get_actions(guide, network.moderator)
    for person in ("coordinator", "administrator", "office_staff_b", "partner"):
        user = getattr(network, person)
        assert task.get_actions(guide, user) == [], person
        assert not task.user_can_access_editor(guide, user), person
    with pytest.raises(PermissionDenied):
        decide(state, network.coordinator, "approve", comment="")
    assert set(approvers(task=task, page=guide, task_state=state.current_task_state)) == {
        second_coordinator,
        network.moderator,
    }


def test_moderators_approve_only_restricted_content(network, knowledge_index):
    # given a network draft, which the moderator may read
    guide = draft(knowledge_index, network.office_staff)
    state = submit(guide, network.office_staff)

    # then approving it is the coordination's job, not the moderator's
    task = task_of(state)
    assert task.get_actions(guide, network.moderator) == []
    assert network.moderator not in approvers(
        task=task, page=guide, task_state=state.current_task_state
    )


def test_a_draft_narrowed_after_publication_is_judged_by_its_new_audience(network, knowledge_index):
    # given a published network guide whose new draft is for office A only
    guide = draft(knowledge_index, network.office_staff)
    guide.save_revision(user=network.office_staff).publish()
    guide.refresh_from_db()
    guide.audience_scope = "selected"
    guide.audience_organisations.set([network.office_a])
    guide.save_revision(user=network.office_staff)
    assert can_view(network.coordinator, guide)  # the stored audience is still the live one
    state = submit(guide, network.office_staff)

    # then the coordinator, who may read the live version but not the draft, is not offered it
    assert task_of(state).get_actions(guide, network.coordinator) == []


def test_awaiting_your_review_lists_only_what_the_approver_may_approve(
    network, knowledge_index, second_coordinator
):
    # given a network draft by office staff, an office-A-only draft, and the coordinator's own
    public = draft(knowledge_index, network.office_staff, title="Für alle")
    internal = draft(
        knowledge_index,
        network.office_staff,
        title="Nur Adorf",
        audience=Audience.selected(organisations=[network.office_a]),
    )
    own = draft(knowledge_index, network.coordinator, title="Eigener")
    for page, by in ((public, network.office_staff), (internal, network.office_staff)):
        submit(page, by)
    submit(own, network.coordinator)

    def titles(user):
        states = TaskState.objects.reviewable_by(user).select_related("workflow_state")
        return sorted(state.workflow_state.content_object.title for state in states)

    # then each approver sees only what they may approve
    assert titles(network.coordinator) == ["Für alle"]
    assert titles(second_coordinator) == ["Eigener", "Für alle"]
    assert titles(network.administrator) == ["Eigener", "Für alle"]
    assert titles(network.moderator) == ["Nur Adorf"]
    assert titles(network.office_staff) == []

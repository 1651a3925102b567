"""Every role × every audience through the approval workflow of a submitted guide.

Only approvers who may read the draft are offered the task, mailed, listed under
"Awaiting your review" and shown its preview; nobody outside the audience finds a
trace of it, not even its title (docs/decisions/0019).
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.urls import reverse
from wagtail.models import TaskState

from tests.audiences.test_rules import CASES
from tests.knowledge.guides.test_workflow import draft, submit

SECRET = "Entwurf-Geheimsache-4c1d"
APPROVER_ROLES = {"coordinator", "administrator"}
RESTRICTED = {"office_a", "office_a_and_board", "working_group", "jobcenter", "board_group"}


def expected_approvers(case: str, readers: set[str]) -> set[str]:
    roles = APPROVER_ROLES | ({"moderator"} if case in RESTRICTED else set())
    return (readers & roles) - {"office_staff"}  # the author never approves


@pytest.mark.parametrize("case", sorted(CASES))
def test_only_approvers_who_may_read_it_are_asked(
    network, client_for, knowledge_index, django_capture_on_commit_callbacks, case
):
    # given office staff's draft for this audience, submitted for approval
    make_audience, readers = CASES[case]
    guide = draft(knowledge_index, network.office_staff, SECRET, audience=make_audience(network))
    with django_capture_on_commit_callbacks(execute=True):
        state = submit(guide, network.office_staff)
    task_state = state.current_task_state
    task = task_state.task.specific
    preview = reverse("wagtailadmin_pages:workflow_preview", args=[guide.pk, task.pk])
    approvers = expected_approvers(case, readers)

    for name, person in network.people().items():
        TOTP.activate(person, generate_totp_secret())
        mailed = [m for m in mail.outbox if person.email in m.to]
        offered = bool(task.get_actions(guide, person))
        listed = TaskState.objects.reviewable_by(person).filter(pk=task_state.pk).exists()
        response = client_for(person).get(preview)
        shown = response.status_code == 200 and SECRET in response.content.decode()

        # then each channel agrees with the rule: approvers, once each, and nobody else
        is_approver = name in approvers
        assert len(mailed) == (1 if is_approver else 0), f"{name} mailed for {case}"
        assert offered == is_approver, f"{name} offered {case}"
        assert listed == is_approver, f"{name} listed {case}"
        assert shown == is_approver, f"{name} shown the preview of {case}"
        if name not in readers and name != "office_staff":
            assert SECRET not in response.content.decode(), f"{name} sees the title of {case}"
            assert response.status_code in (302, 404), f"{name} preview of {case}"

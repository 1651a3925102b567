"""The workflow's traces in the demo: who approved each demo guide, and one that waits.

The demo publishes its guides directly (no mails to invented people); these helpers
write the rows Wagtail's workflow would have left, with an approver our rule admits
(``permissions``: in the audience, not the author), so the guide pages say who approved
them and the coordinator finds a revised guide "awaiting your review".
"""

from django.utils import timezone
from wagtail.models import Revision, TaskState, WorkflowState

from abhnetz.audiences.rules import can_view

from .permissions import may_approve_as, reads_revision


def demo_task(guide):
    workflow = guide.get_workflow()
    if workflow is None:
        return None, None
    task = workflow.tasks.first()
    return workflow, task.specific if task else None


def demo_approver(guide, revision: Revision, candidates):
    """The first of ``candidates`` who may approve ``revision`` of ``guide``."""
    _workflow, task = demo_task(guide)
    if task is None:
        return None
    for person in candidates:
        if person is None or person.pk in (guide.owner_id, revision.user_id):
            continue
        if (
            may_approve_as(person, task=task, content=revision.content)
            and can_view(person, guide)
            and reads_revision(person, page=guide, revision=revision)
        ):
            return person
    return None


def record_workflow(guide, revision: Revision, *, submitter, approver=None, when=None) -> None:
    """Rows as if ``submitter`` submitted ``revision`` and ``approver`` approved it (or not yet)."""
    workflow, task = demo_task(guide)
    if task is None:
        return
    approved = approver is not None
    state = WorkflowState.objects.create(
        content_type=guide.content_type,
        base_content_type=guide.get_base_content_type(),
        object_id=str(guide.pk),
        workflow=workflow,
        status=WorkflowState.STATUS_APPROVED if approved else WorkflowState.STATUS_IN_PROGRESS,
        requested_by=submitter,
    )
    task_state = TaskState.objects.create(
        workflow_state=state,
        revision=revision,
        task=task,
        status=TaskState.STATUS_APPROVED if approved else TaskState.STATUS_IN_PROGRESS,
        finished_at=(when or timezone.now()) if approved else None,
        finished_by=approver,
    )
    WorkflowState.objects.filter(pk=state.pk).update(current_task_state=task_state)

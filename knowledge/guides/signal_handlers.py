"""Workflow decisions reach the author as one e-mail of ours, after commit.

Wagtail mails the submitter itself on approval and rejection (wagtail.admin's
signal_handlers), synchronously and outside our mail path. Connecting our receivers
under Wagtail's own dispatch_uid takes its place: Django keeps the first receiver of a
given uid, and this app's ready() runs before wagtail.admin's (INSTALLED_APPS order).
tests/knowledge/guides/test_workflow.py proves the author gets exactly one e-mail.

The same goes for the "submitted" mails to the approvers: Wagtail sends one per task
(to the groups and every superuser, whether they may read the page or not) and one per
workflow (to every superuser again), so an administrator got two. Ours asks each
approver of a ``GuideApprovalTask`` once (workflow.approval_requested_notify); other
tasks keep Wagtail's task mail, sent through our mail path (abhnetz.core.wagtail_mail:
each recipient's language, after commit).
"""

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from abhnetz.core.wagtail_mail import ShellMailNotifierMixin

APPROVED_UID = "workflow_state_approved_email_notification"
REJECTED_UID = "workflow_state_rejected_email_notification"
TASK_SUBMITTED_UID = "group_approval_task_submitted_email_notification"
WORKFLOW_SUBMITTED_UID = "workflow_state_submitted_email_notification"


class TaskSubmittedNotifier(ShellMailNotifierMixin, GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail's "submitted" mail of a task that is not ours, through abhnetz.core.mail."""


wagtail_task_submitted_notifier = TaskSubmittedNotifier()


def on_workflow_approved(sender, instance, user=None, **kwargs):
    from .services import workflow_decision_notify

    workflow_decision_notify(workflow_state=instance, by=user, approved=True)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    from .services import workflow_decision_notify

    workflow_decision_notify(workflow_state=instance, by=user, approved=False)


def on_task_submitted(sender, instance, user=None, **kwargs):
    from .models import GuideApprovalTask
    from .workflow import approval_requested_notify

    if isinstance(instance.task.specific, GuideApprovalTask):
        approval_requested_notify(task_state=instance)
    else:
        wagtail_task_submitted_notifier(instance=instance, user=user, **kwargs)


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    """Nothing: the task's mail already reaches every approver, superusers included."""


def register_signal_handlers() -> None:
    task_submitted.connect(on_task_submitted, sender=TaskState, dispatch_uid=TASK_SUBMITTED_UID)
    workflow_submitted.connect(
        on_workflow_submitted, sender=WorkflowState, dispatch_uid=WORKFLOW_SUBMITTED_UID
    )
    workflow_approved.connect(on_workflow_approved, sender=WorkflowState, dispatch_uid=APPROVED_UID)
    workflow_rejected.connect(on_workflow_rejected, sender=WorkflowState, dispatch_uid=REJECTED_UID)

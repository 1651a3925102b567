"""Workflow decisions reach the author as one e-mail of ours, after commit.

Wagtail mails the submitter itself on approval and rejection (wagtail.admin's
signal_handlers), synchronously and outside our mail path. Connecting our receivers
under Wagtail's own dispatch_uid takes its place: Django keeps the first receiver of a
given uid, and this app's ready() runs before wagtail.admin's (INSTALLED_APPS order).
tests/knowledge/guides/test_workflow.py proves the author gets exactly one e-mail.
"""

from wagtail.models import WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected

APPROVED_UID = "workflow_state_approved_email_notification"
REJECTED_UID = "workflow_state_rejected_email_notification"


def on_workflow_approved(sender, instance, user=None, **kwargs):
    from .services import workflow_decision_notify

    workflow_decision_notify(workflow_state=instance, by=user, approved=True)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    from .services import workflow_decision_notify

    workflow_decision_notify(workflow_state=instance, by=user, approved=False)


def register_signal_handlers() -> None:
    workflow_approved.connect(on_workflow_approved, sender=WorkflowState, dispatch_uid=APPROVED_UID)
    workflow_rejected.connect(on_workflow_rejected, sender=WorkflowState, dispatch_uid=REJECTED_UID)

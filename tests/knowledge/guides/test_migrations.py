"""guides.0004 on a site that already used the old approval task and Wagtail's groups."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupApprovalTask, Page, Task, TaskState, Workflow, WorkflowPage

from abhnetz.accounts.roles import Role
from tests.factories import UserFactory, role_group

from .test_workflow import draft

migration = importlib.import_module("knowledge.guides.migrations.0004_four_eyes_approval")


def test_waiting_submissions_are_taken_back_and_history_is_kept(network, knowledge_index):
    # given the workflow still on a plain group-approval task, with a submission waiting
    workflow = Workflow.objects.get(name=migration.WORKFLOW_NAME)
    old = GroupApprovalTask.objects.create(name=migration.TASK_NAME)
    old.groups.add(role_group(Role.COORDINATOR))
    workflow.workflow_tasks.update(task=old)
    Task.objects.exclude(pk=old.pk).filter(name=migration.TASK_NAME).delete()
    guide = draft(knowledge_index, network.office_staff)
    state = workflow.start(guide, network.office_staff)
    # ... and Wagtail's groups, one with a member, and its workflow on the root page
    editors = Group.objects.create(name="Editors")
    Group.objects.create(name="Moderators")
    UserFactory().groups.add(editors)
    wagtail_task = GroupApprovalTask.objects.create(name=migration.WAGTAIL_WORKFLOW)
    wagtail_workflow = Workflow.objects.create(name=migration.WAGTAIL_WORKFLOW)
    wagtail_workflow.workflow_tasks.create(task=wagtail_task, sort_order=0)
    WorkflowPage.objects.create(page=Page.get_first_root_node(), workflow=wagtail_workflow)

    # when the migration runs
    migration.forward(apps, None)

    # then the workflow runs the new task, the waiting submission is taken back, and the
    # old task stays for the history, switched off and named so
    task = workflow.workflow_tasks.get().task
    assert task.content_type == ContentType.objects.get(
        app_label="guides", model="guideapprovaltask"
    )
    state.refresh_from_db()
    assert state.status == state.STATUS_CANCELLED
    assert not TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).exists()
    old.refresh_from_db()
    assert not old.active
    assert old.name == migration.UNUSED_PREFIX + migration.TASK_NAME
    # Wagtail's defaults: the empty group and the workflow are gone, the used group renamed
    names = set(Group.objects.values_list("name", flat=True))
    assert "Moderators" not in names
    assert "Editors" not in names
    assert migration.UNUSED_PREFIX + "Editors" in names
    assert not Workflow.objects.filter(name=migration.WAGTAIL_WORKFLOW).exists()
    assert Page.get_first_root_node().get_workflow() is None

"""Four eyes and the audience in the approval workflow (docs/decisions/0019).

- The workflow "Freigabe durch die Netzwerkkoordination" now runs a
  ``GuideApprovalTask`` for the coordinator group (same name): only approvers who may
  read the page and did not write or submit it may act. The old group-approval task
  leaves the workflow; it is deleted unless a task state still refers to it.
- Coordinators lose "publish" under /wissen/, which let them publish their own pages
  past the workflow, and get "add" (write and edit their own pages, as office staff).
  An approved revision is published by ``knowledge.guides.workflow_finish.publish_approved``
  (``WAGTAIL_FINISH_WORKFLOW_ACTION``): the approval is the permission.
- Wagtail's English defaults go: the groups "Editors" and "Moderators" and the workflow
  and task "Moderators approval" on the root page. What is still referred to (members,
  workflow history) is renamed and switched off instead of deleted.
"""

from django.db import migrations

WORKFLOW_NAME = "Freigabe durch die Netzwerkkoordination"
TASK_NAME = "Freigabe durch die Netzwerkkoordination"
WAGTAIL_GROUPS = ("Editors", "Moderators")
WAGTAIL_WORKFLOW = "Moderators approval"
UNUSED_PREFIX = "Nicht mehr verwendet: "


def role_group(apps, slug):
    RoleGroup = apps.get_model("accounts", "RoleGroup")
    role = RoleGroup.objects.filter(slug=slug).select_related("group").first()
    return role.group if role else None


def page_permission(apps, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return perm


def use_guide_task(apps, coordinator):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GuideApprovalTask = apps.get_model("guides", "GuideApprovalTask")
    Task = apps.get_model("wagtailcore", "Task")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return
    task_type, _ = ContentType.objects.get_or_create(app_label="guides", model="guideapprovaltask")
    task = GuideApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GuideApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(coordinator)
    for link in WorkflowTask.objects.filter(workflow=workflow).exclude(task_id=task.pk):
        old = Task.objects.get(pk=link.task_id)
        if old.name != TASK_NAME:
            continue
        WorkflowTask.objects.filter(pk=link.pk).update(task_id=task.pk)
        if TaskState.objects.filter(task_id=old.pk).exists():
            # submissions waiting on it are taken back (their authors submit again, to the
            # new task); the history keeps it, switched off, under a name that says so
            waiting = TaskState.objects.filter(task_id=old.pk, status="in_progress")
            WorkflowState.objects.filter(
                pk__in=waiting.values("workflow_state_id"), status="in_progress"
            ).update(status="cancelled")
            waiting.update(status="cancelled")
            Task.objects.filter(pk=old.pk).update(active=False, name=UNUSED_PREFIX + old.name)
        else:
            old.delete()


def remove_wagtail_defaults(apps):
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")

    for workflow in Workflow.objects.filter(name=WAGTAIL_WORKFLOW):
        WorkflowPage.objects.filter(workflow=workflow).delete()
        task_ids = list(workflow.workflow_tasks.values_list("task_id", flat=True))
        if WorkflowState.objects.filter(workflow=workflow).exists():
            Workflow.objects.filter(pk=workflow.pk).update(
                active=False, name=UNUSED_PREFIX + WAGTAIL_WORKFLOW
            )
        else:
            workflow.delete()
        for task in Task.objects.filter(pk__in=task_ids, name=WAGTAIL_WORKFLOW):
            if TaskState.objects.filter(task=task).exists() or task.workflow_tasks.exists():
                Task.objects.filter(pk=task.pk).update(
                    active=False, name=UNUSED_PREFIX + WAGTAIL_WORKFLOW
                )
            else:
                task.delete()
    for group in Group.objects.filter(name__in=WAGTAIL_GROUPS):
        if group.user_set.exists():
            # people are in it: keep them, but without Wagtail's rights on the whole tree
            group.page_permissions.all().delete()
            group.collection_permissions.all().delete()
            group.permissions.clear()
            Group.objects.filter(pk=group.pk).update(name=UNUSED_PREFIX + group.name)
        else:
            group.delete()


def forward(apps, schema_editor):
    KnowledgeIndexPage = apps.get_model("knowledge", "KnowledgeIndexPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    remove_wagtail_defaults(apps)
    index = KnowledgeIndexPage.objects.first()
    coordinator = role_group(apps, "coordinator")
    if index is None or coordinator is None:
        return
    use_guide_task(apps, coordinator)
    publish = page_permission(apps, "publish_page", "Can publish page")
    GroupPagePermission.objects.filter(group=coordinator, permission=publish).delete()
    GroupPagePermission.objects.get_or_create(
        group=coordinator, page=index, permission=page_permission(apps, "add_page", "Can add page")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0003_guide_approval_task"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]

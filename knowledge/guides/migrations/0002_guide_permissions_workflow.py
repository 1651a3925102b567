"""Who writes guides and who approves them (docs/decisions/0011-guide-workflow.md).

- Office staff may reach the admin and add pages under /wissen/. In Wagtail, "add"
  lets the owner of a page edit it too, but not publish it or touch others' pages.
- Partner staff and the advisory board get nothing: they never edit guides.
- Publishing passes the workflow "Freigabe durch die Netzwerkkoordination", one
  group-approval task for the coordinator role, assigned to the knowledge index. The
  coordinators get "publish" under /wissen/, as Wagtail publishes an approved revision
  in the approver's name.
"""

from django.db import migrations

WORKFLOW_NAME = "Freigabe durch die Netzwerkkoordination"
TASK_NAME = "Freigabe durch die Netzwerkkoordination"


def role_group(apps, slug):
    RoleGroup = apps.get_model("accounts", "RoleGroup")
    role = RoleGroup.objects.filter(slug=slug).select_related("group").first()
    return role.group if role else None


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return perm


def grant(apps, schema_editor):
    KnowledgeIndexPage = apps.get_model("knowledge", "KnowledgeIndexPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    index = KnowledgeIndexPage.objects.first()
    office = role_group(apps, "office_staff")
    coordinator = role_group(apps, "coordinator")
    if index is None or office is None or coordinator is None:
        return

    # office staff: the admin, and "add" under /wissen/ (owners edit their own pages)
    office.permissions.add(
        permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    )
    add_page = permission(apps, "wagtailcore", "page", "add_page", "Can add page")
    GroupPagePermission.objects.get_or_create(group=office, page=index, permission=add_page)
    # ... and images for the image block (choose from and upload to the root collection)
    root = Collection.objects.filter(depth=1).first()
    if root is not None:
        for codename, name in (("add_image", "Can add image"), ("choose_image", "Can choose image")):
            GroupCollectionPermission.objects.get_or_create(
                group=office,
                collection=root,
                permission=permission(apps, "wagtailimages", "image", codename, name),
            )

    # the coordinators approve what is published under /wissen/; Wagtail publishes an
    # approved revision as the approver, who therefore needs "publish" there
    publish_page = permission(apps, "wagtailcore", "page", "publish_page", "Can publish page")
    GroupPagePermission.objects.get_or_create(
        group=coordinator, page=index, permission=publish_page
    )
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, content_type=task_type, active=True
        )
    task.groups.add(coordinator)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0001_initial"),
        ("knowledge", "0002_knowledge_index"),
        ("accounts", "0003_role_groups"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

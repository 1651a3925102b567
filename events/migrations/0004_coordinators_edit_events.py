"""Coordinators add, edit and publish events under /termine/ in the admin.

Issue #12: coordinators organise the network's meetings, and events are edited in the
admin; without a page permission on the event index only superusers could add one.
"""

from django.db import migrations

CODENAMES = (
    ("add_page", "Can add page"),
    ("change_page", "Can change page"),
    ("publish_page", "Can publish page"),
)


def grant(apps, schema_editor):
    EventIndexPage = apps.get_model("events", "EventIndexPage")
    RoleGroup = apps.get_model("accounts", "RoleGroup")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    index = EventIndexPage.objects.first()
    role = RoleGroup.objects.filter(slug="coordinator").select_related("group").first()
    if index is None or role is None:
        return
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    for codename, name in CODENAMES:
        perm, _ = Permission.objects.get_or_create(
            content_type=page_type, codename=codename, defaults={"name": name}
        )
        GroupPagePermission.objects.get_or_create(group=role.group, page=index, permission=perm)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_date_polls"),
        ("accounts", "0003_role_groups"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

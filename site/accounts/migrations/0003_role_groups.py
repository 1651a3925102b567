from django.db import migrations

ROLE_GROUP_NAMES = {
    "office_staff": "Rolle: Mitarbeitende Ausländerbehörde",
    "partner_staff": "Rolle: Mitarbeitende Partnerbehörde",
    "advisory_board": "Rolle: Integrationsbeirat",
    "coordinator": "Rolle: Netzwerkkoordination",
    "moderator": "Rolle: Moderation",
    "administrator": "Rolle: Administration",
}
ADMIN_ROLES = ("coordinator", "moderator", "administrator")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    RoleGroup = apps.get_model("accounts", "RoleGroup")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    for slug, name in ROLE_GROUP_NAMES.items():
        group, _ = Group.objects.get_or_create(name=name)
        RoleGroup.objects.get_or_create(slug=slug, defaults={"group": group})
        if slug in ADMIN_ROLES:
            group.permissions.add(access_admin)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]

"""Office staff and coordinators may upload documents and choose them (a guide's download).

"add" in Wagtail lets the uploader edit their own documents too; the audience rule still
decides who downloads them, and the chooser lists only documents the editor may read.
"""

from django.db import migrations

CODENAMES = (("add_document", "Can add document"), ("choose_document", "Can choose document"))


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    RoleGroup = apps.get_model("accounts", "RoleGroup")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="documents", model="document")
    for slug in ("office_staff", "coordinator"):
        role = RoleGroup.objects.filter(slug=slug).first()
        if role is None:
            continue
        for codename, name in CODENAMES:
            perm, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            GroupCollectionPermission.objects.get_or_create(
                group_id=role.group_id, collection=root, permission=perm
            )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_forms_library"),
        ("accounts", "0003_role_groups"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

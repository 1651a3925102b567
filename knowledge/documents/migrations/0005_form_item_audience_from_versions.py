"""Existing forms get an audience and an owner of their own: those of their oldest version.

Until now a form showed its title to whoever could see any version; from now on it
has its own audience (docs/decisions/0023). The oldest version's is the audience the
form was first published for; a form without versions was shown to nobody and stays
so (offices only, until an administrator chooses).
"""

from django.db import migrations

NETWORK_ROLES = ("office_staff", "partner_staff", "coordinator", "moderator", "administrator")
OFFICE_ROLES = ("office_staff", "coordinator")


def copy_from_oldest_version(apps, schema_editor):
    FormItem = apps.get_model("documents", "FormItem")
    Document = apps.get_model("documents", "Document")
    RoleGroup = apps.get_model("accounts", "RoleGroup")
    AudienceEntry = apps.get_model("audiences", "AudienceEntry")
    Organisation = apps.get_model("organisations", "Organisation")
    WorkingGroup = apps.get_model("organisations", "WorkingGroup")
    ContentType = apps.get_model("contenttypes", "ContentType")
    roles = dict(RoleGroup.objects.values_list("slug", "group_id"))
    content_type, _ = ContentType.objects.get_or_create(app_label="documents", model="formitem")
    for item in FormItem.objects.all():
        oldest = Document.objects.filter(form_item=item).order_by("created_at", "pk").first()
        if oldest is None:
            item.audience_scope = "offices"
            groups = {roles[slug] for slug in OFFICE_ROLES if slug in roles}
        else:
            item.audience_scope = oldest.audience_scope
            item.audience_advisory_board = oldest.audience_advisory_board
            item.organisation_id = oldest.organisation_id
            # through the relation tables: historical models are not clusterable
            organisations = list(
                Organisation.objects.filter(
                    pk__in=Document.audience_organisations.through.objects.filter(
                        document_id=oldest.pk
                    ).values("organisation_id")
                )
            )
            working_groups = list(
                WorkingGroup.objects.filter(
                    pk__in=Document.audience_working_groups.through.objects.filter(
                        document_id=oldest.pk
                    ).values("workinggroup_id")
                )
            )
            FormItem.audience_organisations.through.objects.bulk_create(
                FormItem.audience_organisations.through(formitem_id=item.pk, organisation_id=o.pk)
                for o in organisations
            )
            FormItem.audience_working_groups.through.objects.bulk_create(
                FormItem.audience_working_groups.through(formitem_id=item.pk, workinggroup_id=w.pk)
                for w in working_groups
            )
            if oldest.audience_scope == "network":
                groups = {roles[slug] for slug in NETWORK_ROLES if slug in roles}
            elif oldest.audience_scope == "offices":
                groups = {roles[slug] for slug in OFFICE_ROLES if slug in roles}
            else:
                groups = {org.group_id for org in organisations}
                groups |= {wg.group_id for wg in working_groups}
            if oldest.audience_advisory_board and oldest.audience_scope != "offices":
                groups |= {roles["advisory_board"]} if "advisory_board" in roles else set()
        item.save()
        AudienceEntry.objects.filter(content_type=content_type, object_id=item.pk).delete()
        AudienceEntry.objects.bulk_create(
            AudienceEntry(content_type=content_type, object_id=item.pk, group_id=group_id)
            for group_id in sorted(g for g in groups if g)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0004_form_item_audience"),
        ("accounts", "0003_role_groups"),
        ("audiences", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_from_oldest_version, migrations.RunPython.noop)]

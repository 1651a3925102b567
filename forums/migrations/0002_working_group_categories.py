"""Working groups made before the forum get their own category too (new ones get it on
creation, ``services.category_for_working_group``): visible to the group's members.

Historical models only, so the migration keeps working when the services change; it
writes what ``audience_assign`` and ``audience_store`` would (scope "selected", the
group, and the stored key: the group's Django group).
"""

from django.db import migrations


def add_categories(apps, schema_editor):
    WorkingGroup = apps.get_model("organisations", "WorkingGroup")
    Category = apps.get_model("forums", "Category")
    AudienceEntry = apps.get_model("audiences", "AudienceEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="forums", model="category")
    for group in WorkingGroup.objects.filter(forum_category__isnull=True).order_by("pk"):
        slug = f"ag-{group.slug}"[:120]
        if Category.objects.filter(slug=slug).exists():
            slug = f"ag-{group.pk}-{group.slug}"[:120]
        category = Category.objects.create(
            name=group.name[:120],
            slug=slug,
            description=group.goal[:2000],
            working_group=group,
            position=500,
            audience_scope="selected",
            audience_advisory_board=False,
        )
        category.audience_working_groups.set([group])
        AudienceEntry.objects.create(
            content_type=content_type, object_id=category.pk, group_id=group.group_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audiences", "0001_initial"),
        ("forums", "0001_initial"),
        ("organisations", "0002_text_limits"),
    ]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]

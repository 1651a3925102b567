"""Put the calendar at /termine/ under the home page."""

from django.db import migrations


def create_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("core", "HomePage")
    EventIndexPage = apps.get_model("events", "EventIndexPage")
    home = HomePage.objects.first()
    if home is None or EventIndexPage.objects.exists():
        return
    home = Page.objects.get(pk=home.pk)
    index_type, _ = ContentType.objects.get_or_create(app_label="events", model="eventindexpage")
    last_child = (
        Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        .order_by("-path")
        .first()
    )
    step = int(last_child.path[-4:], 36) + 1 if last_child else 1
    suffix = ""
    while step:
        step, digit = divmod(step, 36)
        suffix = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[digit] + suffix
    EventIndexPage.objects.create(
        title="Termine",
        draft_title="Termine",
        slug="termine",
        intro="Vernetzungstreffen, Workshops der Arbeitsgruppen, Schulungen und Sitzungen.",
        content_type=index_type,
        path=home.path + suffix.rjust(4, "0"),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}termine/",
        live=True,
        locale_id=home.locale_id,
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("core", "0002_site_pages"),
        ("knowledge", "0002_knowledge_index"),
    ]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]

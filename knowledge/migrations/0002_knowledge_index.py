"""Put the knowledge base at /wissen/ under the home page."""

from django.db import migrations


def create_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("core", "HomePage")
    KnowledgeIndexPage = apps.get_model("knowledge", "KnowledgeIndexPage")
    home = HomePage.objects.first()
    if home is None or KnowledgeIndexPage.objects.exists():
        return
    index_type, _ = ContentType.objects.get_or_create(app_label="knowledge", model="knowledgeindexpage")
    last_child = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).order_by("-path").first()
    step = int(last_child.path[-4:], 36) + 1 if last_child else 1
    suffix = ""
    while step:
        step, digit = divmod(step, 36)
        suffix = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[digit] + suffix
    KnowledgeIndexPage.objects.create(
        title="Wissen",
        draft_title="Wissen",
        slug="wissen",
        intro=(
            "Praxisleitfäden, Protokolle mit Beschlüssen und Aufgaben, Formulare und der "
            "Werkzeugkoffer des Netzwerks."
        ),
        content_type=index_type,
        path=home.path + suffix.rjust(4, "0"),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}wissen/",
        live=True,
        locale_id=home.locale_id,
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
        ("core", "0002_site_pages"),
    ]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]

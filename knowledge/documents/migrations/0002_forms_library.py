"""Put the forms library at /wissen/formulare/ under the knowledge base."""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
INTRO = (
    "Formulare und Checklisten des Netzwerks, jedes mit seinen Sprachfassungen. "
    "Sie sehen die Fassungen, die für Sie freigegeben sind."
)


def create_library(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    KnowledgeIndexPage = apps.get_model("knowledge", "KnowledgeIndexPage")
    FormsLibraryPage = apps.get_model("documents", "FormsLibraryPage")
    index = KnowledgeIndexPage.objects.first()
    if index is None or FormsLibraryPage.objects.exists():
        return
    page_type, _ = ContentType.objects.get_or_create(app_label="documents", model="formslibrarypage")
    last_child = (
        Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
        .order_by("-path")
        .first()
    )
    step = int(last_child.path[-4:], 36) + 1 if last_child else 1
    suffix = ""
    while step:
        step, digit = divmod(step, 36)
        suffix = ALPHABET[digit] + suffix
    FormsLibraryPage.objects.create(
        title="Formulare",
        draft_title="Formulare",
        slug="formulare",
        intro=INTRO,
        content_type=page_type,
        path=index.path + suffix.rjust(4, "0"),
        depth=index.depth + 1,
        numchild=0,
        url_path=f"{index.url_path}formulare/",
        live=True,
        locale_id=index.locale_id,
    )
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("knowledge", "0002_knowledge_index"),
    ]

    operations = [migrations.RunPython(create_library, migrations.RunPython.noop)]

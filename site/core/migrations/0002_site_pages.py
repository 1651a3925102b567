"""Replace Wagtail's welcome page with our home page and add the legal pages.

The legal pages start with the structure their law asks for; the operator fills in
their own details in the admin.
"""

from django.db import migrations

LEGAL_PAGES = [
    (
        "Impressum",
        "impressum",
        "<h2>Angaben gemäß § 5 DDG</h2><p>Betreiber des ABH-Netzes ist die federführende "
        "Organisation des Netzwerks. Name, Anschrift, vertretungsberechtigte Person und "
        "Kontakt trägt die Administration im Redaktionssystem ein.</p>",
    ),
    (
        "Datenschutz",
        "datenschutz",
        "<h2>Datenschutzerklärung</h2><p>Das ABH-Netz verarbeitet nur die Daten seiner "
        "Mitglieder: Name, Organisation, Funktion, dienstliche Kontaktdaten und Beiträge. "
        "Daten von Klientinnen und Klienten gehören nicht hierher.</p><p>Sie können unter "
        "„Meine Daten“ alle über Sie gespeicherten Daten herunterladen und Ihr Konto "
        "löschen. Die Seite lädt nichts von Servern Dritter.</p>",
    ),
    (
        "Barrierefreiheit",
        "barrierefreiheit",
        "<h2>Erklärung zur Barrierefreiheit</h2><p>Das ABH-Netz soll die Anforderungen der "
        "BITV 2.0 (WCAG 2.1, Stufe AA) erfüllen. Jede Seite wird automatisch mit axe-core "
        "geprüft und ist allein mit der Tastatur bedienbar.</p><h3>Feedback</h3><p>Barrieren "
        "melden Sie bitte der Netzwerkkoordination.</p>",
    ),
]


def create_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("core", "HomePage")
    LegalPage = apps.get_model("core", "LegalPage")
    if HomePage.objects.exists():
        return
    home_type, _ = ContentType.objects.get_or_create(app_label="core", model="homepage")
    legal_type, _ = ContentType.objects.get_or_create(app_label="core", model="legalpage")
    # Wagtail's initial "Welcome" page sits at path 00010001; ours takes its place.
    Page.objects.filter(depth=2).delete()
    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title="ABH-Netz",
        draft_title="ABH-Netz",
        slug="start",
        content_type=home_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=len(LEGAL_PAGES),
        url_path="/start/",
        live=True,
        locale_id=root.locale_id,
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    for index, (title, slug, body) in enumerate(LEGAL_PAGES, start=1):
        LegalPage.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            body=body,
            content_type=legal_type,
            path=f"{home.path}{index:04d}",
            depth=3,
            numchild=0,
            url_path=f"/start/{slug}/",
            live=True,
            show_in_footer=True,
            locale_id=root.locale_id,
        )
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page_id=home.id, is_default_site=True, site_name="ABH-Netz")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]

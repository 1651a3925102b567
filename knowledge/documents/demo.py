"""Demo forms for seed_demo: real small PDFs in two languages, for different audiences.

Idempotent: a form is found by its title, a version by its form and language.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Collection

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign

from .models import Document, FormItem, FormsLibraryPage
from .pdf import minimal_pdf

COORDINATOR = "coordinator@demo.abhnetz.example"
OFFICE = "office@demo.abhnetz.example"

# (form title, description, topic slugs, organisation key, uploader, audience builder,
#  [(language, version title, lines of the PDF)])
FORMS = [
    (
        "Antrag auf Erteilung eines Aufenthaltstitels",
        "Der allgemeine Antrag für Erteilung und Verlängerung, mit Ausfüllhinweisen. "
        "Die englische Fassung dient dem Verständnis; abgegeben wird die deutsche.",
        ["aufenthaltsrecht", "mehrsprachige-formulare"],
        "ministry",
        COORDINATOR,
        lambda o, w: Audience.network(advisory_board=True),
        [
            ("de", "Antrag auf Erteilung eines Aufenthaltstitels",
             ["Antrag auf Erteilung eines Aufenthaltstitels", "Angaben zur Person",
              "Zweck des Aufenthalts"]),
            ("en", "Application for a residence permit",
             ["Application for a residence permit", "Personal details", "Purpose of stay"]),
        ],
    ),
    (
        "Checkliste ServicePoint",
        "Was Besucherinnen und Besucher am ServicePoint abgeben können und welche "
        "Unterlagen sie mitbringen sollten.",
        ["servicepoint", "mehrsprachige-formulare"],
        "office1",
        OFFICE,
        lambda o, w: Audience.network(),
        [
            ("de", "Checkliste ServicePoint",
             ["Checkliste ServicePoint", "Pass oder Passersatz", "Biometrisches Foto"]),
            ("tr", "ServicePoint kontrol listesi",
             ["ServicePoint kontrol listesi", "Pasaport", "Biyometrik foto"]),
        ],
    ),
    (
        "Gesprächsleitfaden Fiktionsbescheinigung",
        "Interne Arbeitshilfe für die Sachbearbeitung: wann eine Fiktionsbescheinigung "
        "ausgestellt wird und was im Gespräch zu klären ist.",
        ["aufenthaltsrecht", "einheitliche-arbeitsweise"],
        "ministry",
        COORDINATOR,
        lambda o, w: Audience.offices(),
        [
            ("de", "Gesprächsleitfaden Fiktionsbescheinigung",
             ["Gesprächsleitfaden Fiktionsbescheinigung", "Paragraph 81 Abs. 4 AufenthG"]),
        ],
    ),
    (
        "Dienstplanvorlage ServicePoint Rosenfurt",
        "Die Tabellenvorlage, mit der die ABH Rosenfurt den ServicePoint besetzt (intern).",
        ["servicepoint"],
        "office1",
        OFFICE,
        lambda o, w: Audience.selected(organisations=[o["office1"]]),
        [
            ("de", "Dienstplanvorlage ServicePoint Rosenfurt",
             ["Dienstplanvorlage ServicePoint Rosenfurt",
              "Montag bis Freitag, 8:00 bis 18:00 Uhr"]),
        ],
    ),
]  # fmt: skip


def seed_documents(demo) -> None:
    collection = Collection.get_first_root_node()
    created = 0
    for title, description, topics, org_key, uploader, make_audience, versions in FORMS:
        with transaction.atomic():
            item, created = FormItem.objects.get_or_create(
                title=title,
                defaults={"description": description, "organisation": demo.organisations[org_key]},
            )
            if created:
                # the form's own audience: what its first version is for (decisions/0023)
                audience_assign(item, make_audience(demo.organisations, demo.working_groups))
                item.save()
        existing = set(item.versions.values_list("language", flat=True))
        for language, version_title, lines in versions:
            if language in existing:
                continue
            doc = Document(
                title=version_title,
                form_item=item,
                language=language,
                organisation=demo.organisations[org_key],
                uploaded_by_user=demo.people[uploader],
                collection=collection,
            )
            name = f"{slugify(version_title)[:60]}-{language}.pdf"
            doc.file.save(name, ContentFile(minimal_pdf(*lines)), save=False)
            doc._set_document_file_metadata()
            doc.topics.set([demo.topics[slug] for slug in topics])
            audience_assign(doc, make_audience(demo.organisations, demo.working_groups))
            doc.save()
            created += 1
    ensure_library_page()
    demo.stdout.write(f"Forms library: {created} new documents.")


def ensure_library_page() -> FormsLibraryPage:
    """The library page under /wissen/ (the data migration makes it; this restores it)."""
    from knowledge.models import KnowledgeIndexPage

    page = FormsLibraryPage.objects.first()
    if page is None:
        index = KnowledgeIndexPage.objects.get()
        page = FormsLibraryPage(title="Formulare", slug="formulare", intro=LIBRARY_INTRO)
        index.add_child(instance=page)
        page.save_revision().publish()
    return page


LIBRARY_INTRO = (
    "Formulare und Checklisten des Netzwerks, jedes mit seinen Sprachfassungen. "
    "Sie sehen die Fassungen, die für Sie freigegeben sind."
)

"""Demo content: a space per working group, the toolkit and one pending join request.

Idempotent: pages are found by slug under their parent, the join request by person and
group. The toolkit links the demo guides, minutes and documents of the seeders before
it (order 10–30) when they exist, by title; what is missing is skipped.
"""

from wagtail.models import Page

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from knowledge.models import KnowledgeIndexPage, KnowledgePage

from .models import JoinRequest, ToolkitPage, WorkingGroupIndexPage, WorkingGroupPage

COORDINATOR = "coordinator@demo.abhnetz.example"

INDEX_INTRO = (
    "Die Teilprojektgruppen des Netzwerks: Ziel, Stand, Mitglieder und was die Gruppe "
    "erarbeitet. Wer mitarbeiten möchte, fragt in der Gruppe an."
)

TOOLKIT_SUMMARY = (
    "Ein empfohlener Weg für Behörden, die ihre Willkommenskultur entwickeln wollen: "
    "Schritt für Schritt mit Leitfäden, Protokollen und Formularen aus dem Netzwerk."
)

# (heading, text, page title fragments, document titles)
TOOLKIT_SECTIONS = [
    (
        "Ausgangslage klären",
        "Wo steht Ihre Behörde? Lesen Sie, was das Netzwerk beim Vernetzungstreffen "
        "verabredet hat und wie Besucherinnen und Besucher die Behörde erleben.",
        ["Vernetzungstreffen", "Rückmeldung des Integrationsbeirats"],
        [],
    ),
    (
        "Einen ServicePoint einrichten",
        "Ein offener Empfang nimmt Unterlagen an, gibt Formulare aus und vergibt Termine, "
        "ohne dass ein Fallgespräch nötig ist.",
        ["ServicePoint einrichten", "ServicePoint aufbauen", "Dienstplan ServicePoint"],
        ["Checkliste ServicePoint", "Dienstplanvorlage ServicePoint Rosenfurt"],
    ),
    (
        "Termine online vergeben und digital arbeiten",
        "Wartezeiten sinken, wenn Termine online gebucht und automatisch bestätigt werden; "
        "die elektronische Akte macht Unterlagen ohne Suche verfügbar.",
        ["Terminvergabe", "elektronische Ausländerakte", "E-Akte: Angebotsvergleich"],
        [],
    ),
    (
        "Einheitlich und verständlich arbeiten",
        "Gemeinsame Bearbeitungsregeln und mehrsprachige Formulare machen Verfahren "
        "für alle nachvollziehbar.",
        ["Einheitliche", "Mehrsprachige", "Fiktionsbescheinigung"],
        ["Antrag auf Erteilung eines Aufenthaltstitels"],
    ),
]

JOIN_REQUEST = (
    "m.becker@demo.abhnetz.example",
    "partners",
    "Ich begleite im Jugendamt unbegleitete Minderjährige und möchte die Zusammenarbeit "
    "mit den Ausländerbehörden in der Arbeitsgruppe mitgestalten.",
)


def seed_spaces(demo) -> None:
    """The seed_demo hook (order 40)."""
    index = KnowledgeIndexPage.objects.get()
    coordinator = demo.people[COORDINATOR]
    overview = _child(index, "arbeitsgruppen")
    if overview is None:
        overview = WorkingGroupIndexPage(
            title="Arbeitsgruppen", slug="arbeitsgruppen", intro=INDEX_INTRO, owner=coordinator
        )
        index.add_child(instance=overview)
        overview.save_revision(user=coordinator).publish()
    overview = overview.specific
    created = 0
    existing = set(
        WorkingGroupPage.objects.filter(working_group__in=demo.working_groups.values()).values_list(
            "working_group_id", flat=True
        )
    )
    for working_group in demo.working_groups.values():
        if working_group.pk in existing:
            continue
        space = WorkingGroupPage(
            title=working_group.name,
            slug=working_group.slug,
            working_group=working_group,
            owner=coordinator,
        )
        overview.add_child(instance=space)
        space.save_revision(user=coordinator).publish()
        created += 1
    toolkit_created = _seed_toolkit(index, coordinator)
    request_created = _seed_join_request(demo)
    demo.stdout.write(
        f"Spaces: {created} new working-group spaces, "
        f"{'a new' if toolkit_created else 'no new'} toolkit, "
        f"{'a new' if request_created else 'no new'} pending join request."
    )


def _child(parent, slug):
    return Page.objects.child_of(parent).filter(slug=slug).first()


def _seed_toolkit(index, coordinator) -> bool:
    if _child(index, "werkzeugkoffer") is not None:
        return False
    sections = []
    for heading, text, fragments, document_titles in TOOLKIT_SECTIONS:
        items = [{"type": "page", "value": pk} for pk in _page_ids(fragments)]
        items += [{"type": "document", "value": pk} for pk in _document_ids(document_titles)]
        sections.append(
            {"type": "section", "value": {"heading": heading, "text": text, "items": items}}
        )
    toolkit = ToolkitPage(
        title="Werkzeugkoffer Willkommenskultur",
        slug="werkzeugkoffer",
        summary=TOOLKIT_SUMMARY,
        owner=coordinator,
        organisation=coordinator.organisation,
        sections=sections,
    )
    # network-wide, the board included: what each reader sees of it is filtered per item
    audience_assign(toolkit, Audience.network(advisory_board=True))
    index.add_child(instance=toolkit)
    toolkit.save_revision(user=coordinator).publish()
    return True


def _page_ids(fragments) -> list[int]:
    """The first live knowledge page whose title holds each fragment (the seeder links
    regardless of audience: the toolkit leaves out per reader what they may not see)."""
    ids = []
    for fragment in fragments:
        page = (
            KnowledgePage.objects.live()
            .exclude(content_type__model="toolkitpage")
            .filter(title__icontains=fragment)
            .exclude(pk__in=ids)
            .order_by("path")
            .first()
        )
        if page is not None:
            ids.append(page.pk)
    return ids


def _document_ids(titles) -> list[int]:
    from wagtail.documents import get_document_model

    documents = get_document_model().objects.filter(title__in=titles)
    by_title = {document.title: document.pk for document in documents.order_by("-pk")}
    return [by_title[title] for title in titles if title in by_title]


def _seed_join_request(demo) -> bool:
    email, group_key, message = JOIN_REQUEST
    person, working_group = demo.people.get(email), demo.working_groups.get(group_key)
    if person is None or working_group is None:
        return False
    if JoinRequest.objects.filter(user=person, working_group=working_group).exists():
        return False
    # made directly, not through the service: seeding sends no e-mail
    JoinRequest.objects.create(user=person, working_group=working_group, message=message)
    return True

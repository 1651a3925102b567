"""The demo guides' texts, people and audiences (seeded by ``demo.seed_guides``).

The search's relevance set (tests/search/test_relevance.py) relies on these texts:
change them together.
"""

import uuid
from datetime import timedelta

from django.utils import timezone
from wagtail.documents import get_document_model

from abhnetz.audiences.models import Audience

OFFICE = "office@demo.abhnetz.example"
OFFICE2 = "office2@demo.abhnetz.example"
SCHMITT = "e.schmitt@demo.abhnetz.example"
WOLF = "d.wolf@demo.abhnetz.example"
COORDINATOR = "coordinator@demo.abhnetz.example"
ADMIN = "admin@demo.abhnetz.example"
MODERATOR = "moderator@demo.abhnetz.example"
# the demo guide whose revised version waits for approval
PENDING_SLUG = "einheitliche-bearbeitungsregeln"
PARTNER = "partner@demo.abhnetz.example"
BOARD = "board@demo.abhnetz.example"
ID_NAMESPACE = uuid.UUID("6f1d3a52-2f0e-4c8e-9a57-7d0c5b1e4a10")
# The same hint in a reviewed and in the overdue guide: at equal match, the search ranks
# the reviewed one first (tests/search/test_relevance.py).
STAFF_COUNCIL = (
    "Beteiligen Sie den Personalrat früh: Er bestimmt bei der Einführung neuer Technik mit."
)


def text(html: str, key: str, slug: str) -> dict:
    return block("rich_text", html, key, slug)


def block(kind: str, value, key: str, slug: str) -> dict:
    # stable ids, so a block edited between two versions is compared with itself
    return {"type": kind, "value": value, "id": str(uuid.uuid5(ID_NAMESPACE, f"{slug}:{key}"))}


def steps(*items) -> list:
    return [{"title": title, "text": f"<p>{body}</p>"} for title, body in items]


def norm(law: str, paragraph: str, subsection: str = "", sentence=None, note: str = "") -> dict:
    return {
        "law": law,
        "paragraph": paragraph,
        "subsection": subsection,
        "sentence": sentence,
        "note": f"<p>{note}</p>" if note else "",
    }


def callout(kind: str, html: str) -> dict:
    return {"kind": kind, "text": f"<p>{html}</p>"}


def contact(person, role: str = "") -> dict:
    return {"person": person.pk, "role": role}


def document_by_title(title: str):
    # the documents app seeds its forms first (order 10); without them, no download block
    return get_document_model().objects.filter(title=title).order_by("pk").first()


def download(title: str, slug: str, key: str, label: str = "") -> list:
    document = document_by_title(title)
    if document is None:
        return []
    return [block("document", {"document": document.pk, "label": label}, key, slug)]


def servicepoint_body(s: str, p: dict, *, revised: bool) -> list:
    """The ServicePoint guide, in its first and its revised version (for the comparison)."""
    intro_end = (
        ", entlastet die Sachbearbeitung und verkürzt die Wartezeit.</p>"
        if revised
        else " und entlastet die Sachbearbeitung.</p>"
    )
    staffing = "Planen Sie mindestens zwei Kolleginnen oder Kollegen pro Öffnungszeit ein"
    items = [
        "Antragsformulare in den häufigsten Sprachen",
        "Eingangsstempel und Quittungsvordrucke",
        "Zugang zur Online-Terminvergabe",
    ]
    body = [
        text(
            "<h2>Worum es geht</h2><p>Viele Anliegen brauchen kein Fallgespräch: "
            "Unterlagen nachreichen, ein Formular holen, einen Termin vereinbaren. Ein "
            "ServicePoint im Eingangsbereich erledigt sie sofort" + intro_end,
            "intro",
            s,
        ),
        block(
            "steps",
            steps(
                (
                    "Anliegen auswerten",
                    "Zählen Sie zwei Wochen lang, warum Menschen "
                    "ohne Termin kommen" + (", getrennt nach Anliegen." if revised else "."),
                ),
                (
                    "Aufgaben festlegen",
                    "Legen Sie fest, was am ServicePoint erledigt wird und was nicht.",
                ),
                (
                    "Personal planen",
                    staffing + ("; eine Person spricht Englisch." if revised else "."),
                ),
                (
                    "Öffnen und auswerten",
                    "Erfassen Sie Besuche und Anliegen monatlich als Kennzahlen.",
                ),
            ),
            "steps",
            s,
        ),
        block(
            "checklist",
            {
                "heading": "Was am ServicePoint bereitliegen sollte",
                "items": [*items, "Wegweiser in einfacher Sprache"] if revised else items,
            },
            "checklist",
            s,
        ),
    ]
    if revised:
        body.append(
            block(
                "callout",
                callout(
                    "hint",
                    "Am ServicePoint werden keine Fallgespräche geführt: "
                    "Wer beraten werden muss, erhält einen Termin.",
                ),
                "hint",
                s,
            )
        )
    return [
        *body,
        *download("Checkliste ServicePoint", s, "checklist-pdf"),
        block("contact_person", contact(p[OFFICE], "Erfahrungen aus Rosenfurt"), "c", s),
    ]


def guides(demo) -> list[dict]:
    p, o, w, _t = demo.people, demo.organisations, demo.working_groups, demo.topics
    today = timezone.localdate()
    return [
        {
            "slug": "servicepoint-einrichten",
            "title": "Einen offenen ServicePoint einrichten",
            "summary": "Wie eine Ausländerbehörde einen Empfang ohne Termin aufbaut: Unterlagen "
            "abgeben, Formulare holen, Termine buchen, ohne Fallgespräch.",
            "topics": ["servicepoint", "willkommenskultur"],
            "organisation": "office1",
            "owner": OFFICE,
            "deputy": SCHMITT,
            "audience": Audience.network(advisory_board=True),
            "reviewed": today - timedelta(days=40),
            "due": today + timedelta(days=325),
            "body": lambda s: servicepoint_body(s, p, revised=False),
            # the second version: a sharper step, one more item, a hint
            "revised_body": lambda s: servicepoint_body(s, p, revised=True),
        },
        {
            "slug": "online-terminvergabe-einfuehren",
            "title": "Online-Terminvergabe einführen",
            "summary": "Von der Ausschreibung bis zum ersten gebuchten Termin: was Behörden bei "
            "der Einführung einer Online-Terminvergabe beachten sollten.",
            "topics": ["terminvergabe"],
            "organisation": "office3",
            "owner": SCHMITT,
            "deputy": OFFICE,
            "audience": Audience.network(),
            # overdue: the review date has passed
            "reviewed": today - timedelta(days=400),
            "due": today - timedelta(days=35),
            "body": lambda s: [
                text(
                    "<p>Eine Online-Terminvergabe senkt Wartezeiten und Telefonaufkommen. Sie "
                    "gelingt, wenn die Terminarten zu den tatsächlichen Anliegen passen.</p>",
                    "intro",
                    s,
                ),
                block(
                    "steps",
                    steps(
                        (
                            "Terminarten festlegen",
                            "Höchstens acht Terminarten, jede mit realistischer Dauer.",
                        ),
                        (
                            "Bestätigung automatisieren",
                            "Jede Buchung erhält eine "
                            "E-Mail-Bestätigung mit Checkliste der mitzubringenden Unterlagen.",
                        ),
                        (
                            "Telefonansage anpassen",
                            "Die Ansage verweist auf die Online-Buchung "
                            "und nennt eine Alternative für Menschen ohne Internet.",
                        ),
                    ),
                    "steps",
                    s,
                ),
                block(
                    "callout",
                    callout(
                        "warning",
                        "Halten Sie Notfalltermine frei: nicht jedes Anliegen "
                        "kann zwei Wochen warten.",
                    ),
                    "warning",
                    s,
                ),
                block("callout", callout("hint", STAFF_COUNCIL), "council", s),
                block("contact_person", contact(p[SCHMITT], "Terminvergabe in Eichtal"), "c", s),
            ],
        },
        {
            "slug": "umstieg-elektronische-auslaenderakte",
            "title": "Umstieg auf die elektronische Ausländerakte",
            "summary": "Rechtsrahmen, Prozessänderungen, Anbieter und Hospitationen: wie der "
            "Wechsel von der Papierakte zur E-Akte vorbereitet wird.",
            "topics": ["e-akte-digitalisierung"],
            "organisation": "office4",
            "owner": WOLF,
            "deputy": OFFICE,
            "audience": Audience.network(),
            "reviewed": today - timedelta(days=90),
            "due": today + timedelta(days=275),
            "body": lambda s: [
                text(
                    "<h2>Rechtsrahmen</h2><p>Die E-Akte muss vollständig, nachvollziehbar und "
                    "revisionssicher geführt werden. Übermittlungen an andere Stellen folgen "
                    "den Regeln des Aufenthaltsgesetzes.</p>",
                    "law",
                    s,
                ),
                block(
                    "legal_reference",
                    norm(
                        "aufenthg",
                        "86",
                        note="Erhebung personenbezogener Daten durch die Ausländerbehörde.",
                    ),
                    "norm86",
                    s,
                ),
                text(
                    "<h2>Prozesse</h2><p>Scannen Sie Neuzugänge sofort (ersetzendes Scannen) "
                    "und Altakten erst bei Bedarf.</p>",
                    "process",
                    s,
                ),
                block(
                    "checklist",
                    {
                        "heading": "Vor dem Umstieg klären",
                        "items": [
                            "Scanstelle und Qualitätskontrolle",
                            "Aufbewahrung und Vernichtung der Papierakten",
                            "Schulung aller Beschäftigten",
                            "Hospitation bei einer Behörde, die die E-Akte schon nutzt",
                        ],
                    },
                    "checklist",
                    s,
                ),
                text(
                    "<h2>Datenschutz</h2><p>Legen Sie vor dem Start fest, wann Akten und "
                    "Scans gelöscht werden, und beteiligen Sie die behördliche "
                    "Datenschutzbeauftragte: Sie prüft das Verzeichnis der "
                    "Verarbeitungstätigkeiten und die Verträge mit dem Anbieter.</p>",
                    "privacy",
                    s,
                ),
                block("callout", callout("hint", STAFF_COUNCIL), "council", s),
                block("contact_person", contact(p[WOLF], "Projektleitung E-Akte"), "c", s),
            ],
        },
        {
            "slug": "einheitliche-bearbeitungsregeln",
            "title": "Einheitliche Bearbeitungsregeln für die Verlängerung von Aufenthaltstiteln",
            "summary": "Gemeinsame Regeln der Teilprojektgruppe Einheitliche Arbeitsweise: "
            "welche Unterlagen, welche Fristen, welche Bescheinigungen.",
            "topics": ["einheitliche-arbeitsweise", "aufenthaltsrecht"],
            "organisation": "office2",
            "owner": OFFICE2,
            "deputy": None,
            "audience": Audience.network(),
            "reviewed": today - timedelta(days=20),
            "due": today + timedelta(days=345),
            "body": lambda s: [
                text(
                    "<p>Die beteiligten Behörden verlängern Aufenthaltstitel nach denselben "
                    "Regeln, damit Antragstellende überall dasselbe erleben.</p>",
                    "intro",
                    s,
                ),
                block("legal_reference", norm("aufenthg", "8", "1"), "norm8", s),
                block(
                    "steps",
                    steps(
                        ("Eingang bestätigen", "Der Antrag wird am Tag des Eingangs bestätigt."),
                        (
                            "Unterlagen prüfen",
                            "Fehlende Unterlagen werden einmal gesammelt nachgefordert.",
                        ),
                        ("Entscheiden", "Die Entscheidung ergeht innerhalb von sechs Wochen."),
                    ),
                    "steps",
                    s,
                ),
                text(
                    "<h2>Die Karte</h2><p>Mit der Verlängerung wird ein neuer elektronischer "
                    "Aufenthaltstitel bestellt. Bis die Karte ausgegeben wird, dauert es "
                    "einige Wochen; sagen Sie das bei der Antragstellung.</p>",
                    "card",
                    s,
                ),
            ],
        },
        {
            "slug": "mehrsprachige-formulare",
            "title": "Mehrsprachige Formulare und Checklisten",
            "summary": "Welche Formulare in welchen Sprachen gebraucht werden, wie Übersetzungen "
            "geprüft werden und wie sie im Netzwerk geteilt werden.",
            "topics": ["mehrsprachige-formulare"],
            "organisation": "office1",
            "owner": OFFICE,
            "deputy": None,
            "audience": Audience.network(advisory_board=True),
            "reviewed": today - timedelta(days=10),
            "due": today + timedelta(days=355),
            "body": lambda s: [
                text(
                    "<p>Übersetzte Formulare dienen dem Verständnis; rechtsverbindlich ist die "
                    "deutsche Fassung. Lassen Sie jede Übersetzung von einer zweiten Person "
                    "prüfen.</p>",
                    "intro",
                    s,
                ),
                *download("Antrag auf Erteilung eines Aufenthaltstitels", s, "form-de"),
                *download("Application for a residence permit", s, "form-en"),
                block(
                    "callout",
                    callout(
                        "hint",
                        "Der Integrationsbeirat hilft, Formulierungen in einfacher "
                        "Sprache zu prüfen.",
                    ),
                    "hint",
                    s,
                ),
            ],
        },
        {
            "slug": "dienstplan-servicepoint-intern",
            "title": "Dienstplan ServicePoint (intern)",
            "summary": "Wie die ABH Rosenfurt den ServicePoint besetzt: Schichten, Vertretung, "
            "Übergaben. Nur für die eigene Behörde.",
            "topics": ["servicepoint"],
            "organisation": "office1",
            "owner": OFFICE,
            "deputy": None,
            "audience": Audience.selected(organisations=[o["office1"]]),
            "reviewed": today - timedelta(days=5),
            "due": today + timedelta(days=85),
            "body": lambda s: [
                text(
                    "<p>Der ServicePoint ist montags bis freitags von 8:00 bis 18:00 Uhr besetzt, "
                    "immer mit zwei Personen.</p>",
                    "intro",
                    s,
                ),
                *download("Dienstplanvorlage ServicePoint Rosenfurt", s, "plan"),
            ],
        },
        {
            "slug": "e-akte-angebotsvergleich",
            "title": "E-Akte: Angebotsvergleich der Anbieter",
            "summary": "Der Vergleich der Angebote dreier Anbieter für die elektronische "
            "Ausländerakte, mit Preisen. Nur für die Arbeitsgruppe Digitalisierung.",
            "topics": ["e-akte-digitalisierung"],
            "organisation": "office4",
            "owner": WOLF,
            "deputy": OFFICE,
            "audience": Audience.selected(working_groups=[w["digital"]]),
            "reviewed": today - timedelta(days=30),
            "due": today + timedelta(days=60),
            "body": lambda s: [
                text(
                    "<p>Verglichen wurden Funktionsumfang, Schnittstellen, Preise und "
                    "Referenzen. Die Preise sind vertraulich.</p>",
                    "intro",
                    s,
                ),
                block(
                    "checklist",
                    {
                        "heading": "Bewertungskriterien",
                        "items": [
                            "Schnittstelle zum Ausländerzentralregister",
                            "Scan-Workflow",
                            "Löschkonzept",
                            "Preis je Arbeitsplatz",
                        ],
                    },
                    "criteria",
                    s,
                ),
            ],
        },
        {
            "slug": "umgang-mit-fiktionsbescheinigungen",
            "title": "Umgang mit Fiktionsbescheinigungen (nur Ausländerbehörden)",
            "summary": "Wann eine Fiktionsbescheinigung ausgestellt wird, wie lange sie gilt und "
            "was im Gespräch zu klären ist.",
            "topics": ["aufenthaltsrecht", "einheitliche-arbeitsweise"],
            "organisation": "office2",
            "owner": OFFICE2,
            "deputy": OFFICE,
            "audience": Audience.offices(),
            "reviewed": today - timedelta(days=60),
            "due": today + timedelta(days=120),
            "body": lambda s: [
                text(
                    "<p>Beantragt jemand die Verlängerung rechtzeitig vor Ablauf des Titels, "
                    "gilt der bisherige Aufenthaltstitel bis zur Entscheidung als fortbestehend. "
                    "Darüber wird eine Fiktionsbescheinigung ausgestellt.</p>",
                    "intro",
                    s,
                ),
                block(
                    "legal_reference",
                    norm(
                        "aufenthg",
                        "81",
                        "4",
                        note="Fortgeltungsfiktion bei rechtzeitigem Antrag auf Verlängerung.",
                    ),
                    "norm81",
                    s,
                ),
                block(
                    "callout",
                    callout(
                        "warning",
                        "Bei verspätetem Antrag tritt keine Fortgeltung ein; "
                        "prüfen Sie dann § 81 Abs. 4 Satz 3 AufenthG.",
                    ),
                    "late",
                    s,
                ),
                *download("Gesprächsleitfaden Fiktionsbescheinigung", s, "talk"),
            ],
        },
        {
            "slug": "rueckmeldung-integrationsbeirat-servicepoint",
            "title": "Rückmeldung des Integrationsbeirats zum ServicePoint",
            "summary": "Was Mitglieder des Integrationsbeirats bei ihren Besuchen am ServicePoint "
            "beobachtet haben, und was die Behörden daraus machen.",
            "topics": ["servicepoint", "willkommenskultur"],
            "organisation": "ministry",
            "owner": COORDINATOR,
            "deputy": None,
            "audience": Audience.network(advisory_board=True),
            "reviewed": today - timedelta(days=15),
            "due": today + timedelta(days=170),
            "body": lambda s: [
                text(
                    "<p>Die Arbeitsgruppe Interkulturelle Öffnung hat den ServicePoint in "
                    "Rosenfurt dreimal besucht. Besonders gelobt wurden die kurzen Wege; "
                    "gewünscht wurden mehr Hinweise in einfacher Sprache.</p>",
                    "intro",
                    s,
                ),
                block("contact_person", contact(p[BOARD], "Rückmeldungen des Beirats"), "c", s),
            ],
        },
    ]

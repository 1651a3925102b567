"""Demo minutes: a networking meeting at the ministry and a workshop of the digital group.

Idempotent: minutes that exist (by slug) are left as they are.
"""

import datetime

from django.utils import timezone

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from knowledge.models import KnowledgeIndexPage

from .models import ActionItem, AgendaItem, Decision, MeetingType, MinutesPage
from .services import action_item_complete

COORDINATOR = "coordinator@demo.abhnetz.example"


def _minutes(demo, today: datetime.date) -> list[dict]:
    o, w, p, t = demo.organisations, demo.working_groups, demo.people, demo.topics
    days = datetime.timedelta
    return [
        {
            "slug": "protokoll-vernetzungstreffen-ministerium",
            "title": "Protokoll: Vernetzungstreffen im Ministerium",
            "summary": "Alle beteiligten Ausländerbehörden, Partner und der Integrationsbeirat "
            "zu ServicePoint, Online-Terminvergabe und mehrsprachigen Formularen.",
            "owner": p[COORDINATOR],
            "organisation": o["ministry"],
            "audience": Audience.network(advisory_board=True),
            "topics": [t["servicepoint"], t["terminvergabe"], t["willkommenskultur"]],
            "meeting_date": today - days(35),
            "start_time": datetime.time(10, 0),
            "end_time": datetime.time(15, 30),
            "meeting_type": MeetingType.NETWORKING,
            "place": "Landesministerium für Inneres und Integration, Regierungsallee 1, Raum 2.14",
            "participants": [
                o[k] for k in ("office1", "office2", "office3", "office4", "jobcenter", "ministry")
            ]
            + [o["integration"], o["board"]],
            "agenda": [
                (
                    "Begrüßung und Berichte aus den Behörden",
                    "Jede Behörde berichtet kurz über den Stand ihres Veränderungsprozesses.",
                ),
                (
                    "ServicePoint: Erfahrungen nach sechs Monaten",
                    "Rosenfurt berichtet: "
                    "**40 %** der Vorsprachen sind reine Unterlagenabgaben, die ohne Termin am "
                    "ServicePoint erledigt werden.\n\n- Wartezeit im Mittel 8 Minuten\n"
                    "- Besetzung mit zwei Personen in der Kernzeit",
                ),
                (
                    "Online-Terminvergabe",
                    "Eichtal stellt die Einführung vor; die Absagequote "
                    "sank nach Einführung automatischer Erinnerungen deutlich.",
                ),
                (
                    "Rückmeldungen des Integrationsbeirats",
                    "Der Beirat wünscht sich "
                    "verständliche Wegweiser im Wartebereich und Formulare in leichter Sprache.",
                ),
                ("Verschiedenes", "Nächstes Treffen im Herbst."),
            ],  # fmt: skip
            "decisions": [
                (
                    "Alle Behörden erfassen ab dem nächsten Quartal die Kennzahlen ihres "
                    "ServicePoints monatlich nach dem gemeinsamen Schema.",
                    t["servicepoint"],
                ),
                (
                    "Mehrsprachige Formulare werden nur noch in der Formularbibliothek gepflegt; "
                    "jede Behörde benennt dafür eine Ansprechperson.",
                    t["mehrsprachige-formulare"],
                ),
                (
                    "Das nächste Vernetzungstreffen findet in Eichtal statt.",
                    t["vernetzung-mit-partnern"],
                ),
            ],  # fmt: skip
            "action_items": [
                (
                    "Kennzahlenschema für den ServicePoint an alle Behörden verschicken",
                    p[COORDINATOR],
                    o["ministry"],
                    today - days(21),
                    True,
                ),
                (
                    "Erfahrungsbericht ServicePoint Rosenfurt als Leitfaden aufschreiben",
                    p["office@demo.abhnetz.example"],
                    None,
                    today - days(7),
                    False,
                ),
                (
                    "Übersetzungen der Checkliste Aufenthaltserlaubnis (Englisch, Arabisch) "
                    "beschaffen",
                    p["office2@demo.abhnetz.example"],
                    o["office2"],
                    today + days(14),
                    False,
                ),
                (
                    "Rückmeldebogen des Integrationsbeirats auswerten",
                    p["board@demo.abhnetz.example"],
                    o["board"],
                    today + days(21),
                    False,
                ),
            ],  # fmt: skip
        },
        {
            "slug": "protokoll-workshop-ag-digitalisierung",
            "title": "Protokoll: Workshop der AG Digitalisierung",
            "summary": "Anforderungen an eine elektronische Ausländerakte, Vergleich der "
            "Anbieter und Vorbereitung einer Hospitation.",
            "owner": p["d.wolf@demo.abhnetz.example"],
            "organisation": o["office4"],
            "audience": Audience.selected(working_groups=[w["digital"]]),
            "topics": [t["e-akte-digitalisierung"]],
            "meeting_date": today - days(14),
            "start_time": datetime.time(9, 30),
            "end_time": datetime.time(12, 30),
            "meeting_type": MeetingType.WORKSHOP,
            "place": "ABH Weidenbrück, Am Schlossberg 3, Besprechungsraum",
            "video_link": "https://video.ministerium.example/ag-digitalisierung",
            "participants": [o["office1"], o["office4"], o["ministry"]],
            "agenda": [
                (
                    "Rechtsrahmen der E-Akte",
                    "Aufbewahrungsfristen und ersetzendes Scannen; "
                    "offene Fragen gehen an die Netzwerkkoordination.",
                ),
                (
                    "Angebote der Anbieter",
                    "Drei Anbieter haben Angebote vorgelegt. Kriterien: "
                    "Schnittstellen, Barrierefreiheit, Betrieb im kommunalen Rechenzentrum.",
                ),
                ("Hospitation", "Eine Behörde, die die E-Akte schon nutzt, hat zugesagt."),
            ],  # fmt: skip
            "decisions": [
                (
                    "Die AG erstellt eine gemeinsame Anforderungsliste an E-Akte-Anbieter, die "
                    "alle Behörden für ihre Vergabe nutzen können.",
                    t["e-akte-digitalisierung"],
                ),
                (
                    "Die Hospitation findet im nächsten Quartal mit höchstens sechs Personen "
                    "statt.",
                    None,
                ),
            ],  # fmt: skip
            "action_items": [
                (
                    "Entwurf der Anforderungsliste E-Akte vorlegen",
                    p["office@demo.abhnetz.example"],
                    o["office1"],
                    today + days(10),
                    False,
                ),
                (
                    "Angebote der drei Anbieter in einer Tabelle vergleichen",
                    p["d.wolf@demo.abhnetz.example"],
                    None,
                    today - days(3),
                    False,
                ),
                (
                    "Termin für die Hospitation abstimmen",
                    p["d.wolf@demo.abhnetz.example"],
                    None,
                    today - days(5),
                    True,
                ),
                (
                    "Datenschutzbeauftragte der Stadt Rosenfurt zur E-Akte anfragen",
                    None,
                    o["office1"],
                    today + days(30),
                    False,
                ),
            ],  # fmt: skip
        },
    ]


def seed_minutes(demo) -> None:
    """The seed_demo hook: add the demo minutes that are missing."""
    index = KnowledgeIndexPage.objects.get()
    existing = set(index.get_children().values_list("slug", flat=True))
    created = 0
    for spec in _minutes(demo, timezone.localdate()):
        if spec["slug"] in existing:
            continue
        page = MinutesPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            owner=spec["owner"],
            organisation=spec["organisation"],
            meeting_date=spec["meeting_date"],
            start_time=spec["start_time"],
            end_time=spec["end_time"],
            meeting_type=spec["meeting_type"],
            place=spec["place"],
            video_link=spec.get("video_link", ""),
            agenda_items=[AgendaItem(title=a, notes=n) for a, n in spec["agenda"]],
            decisions=[Decision(text=text, topic=topic) for text, topic in spec["decisions"]],
            action_items=[
                ActionItem(title=what, owner_person=who, owner_organisation=org, due_date=due)
                for what, who, org, due, _done in spec["action_items"]
            ],
        )
        page.topics.set(spec["topics"])
        page.participants.set(spec["participants"])
        audience_assign(page, spec["audience"])
        index.add_child(instance=page)
        page.save_revision(user=spec["owner"]).publish()
        done_titles = {what for what, _who, _org, _due, done in spec["action_items"] if done}
        items = ActionItem.objects.filter(page_id=page.pk, title__in=done_titles)
        for item in items.select_related("page", "owner_person"):
            # their owners ticked these off before the demo starts
            action_item_complete(item=item, by=item.owner_person)
        created += 1
    demo.stdout.write(f"Minutes: {created} new.")

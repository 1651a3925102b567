"""The events of the demo network (the ``seed_demo`` hook), idempotently.

Titles and audiences are fixed by issue #12 so anyone can check visibility by them.
The past meeting's minutes are the knowledge demo's, found by their slug through
``Page`` (events never import knowledge).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from wagtail.models import Page

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign

from .models import (
    Answer,
    DatePoll,
    EventAgendaItem,
    EventIndexPage,
    EventKind,
    EventPage,
    PollChoice,
)
from .poll_services import poll_answer, poll_create
from .services import rsvp_answer

COORDINATOR = "coordinator@demo.abhnetz.example"
SERIES = "Vernetzungstreffen Rosenfurt"
MINUTES_SLUG = "protokoll-vernetzungstreffen-ministerium"
POLL_TITLE = "Terminfindung: Vernetzungstreffen (Herbst)"
MINISTRY = "Landesministerium für Inneres und Integration, Regierungsallee 1"


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _events(demo, today: dt.date) -> list[dict]:
    o, w = demo.organisations, demo.working_groups
    days = dt.timedelta
    return [
        {
            "slug": "vernetzungstreffen-im-ministerium-herbst-vorjahr",
            "title": "Vernetzungstreffen im Ministerium",
            "kind": EventKind.NETWORKING,
            "series": SERIES,
            "day": today - days(35),
            "hours": (10, 15, 30),
            "place_address": MINISTRY,
            "place_room": "Raum 2.14",
            "audience": Audience.network(advisory_board=True),
            "organisation": o["ministry"],
            "minutes_slug": MINUTES_SLUG,
            "agenda": [("10:00", "Begrüßung", "Netzwerkkoordination")],
        },
        {
            "slug": "vernetzungstreffen-im-ministerium-fruehjahr",
            "title": "Vernetzungstreffen im Ministerium (Frühjahr)",
            "kind": EventKind.NETWORKING,
            "series": SERIES,
            "day": today + days(60),
            "hours": (10, 15, 30),
            "place_address": MINISTRY,
            "place_room": "Raum 2.14",
            "audience": Audience.network(),
            "organisation": o["ministry"],
            "capacity": 40,
            "agenda": [
                (
                    "10:00",
                    "Begrüßung und offene Aufgaben des letzten Treffens",
                    "Netzwerkkoordination",
                ),
                ("11:00", "Erfahrungen mit der Online-Terminvergabe", "ABH Eichtal"),
                ("13:30", "ServicePoint: ein Jahr danach", "ABH Rosenfurt"),
            ],
        },
        {
            "slug": "workshop-ag-digitalisierung-anbieter-im-vergleich",
            "title": "Workshop AG Digitalisierung: Anbieter im Vergleich",
            "kind": EventKind.WORKSHOP,
            "day": today + days(21),
            "hours": (9, 12, 30),
            "video_link": "https://video.example/ag-digitalisierung",
            "audience": Audience.selected(working_groups=[w["digital"]]),
            "working_group": w["digital"],
            "organisation": o["office4"],
            "capacity": 2,
            # the author keeps sight of a page: someone of the group writes it
            "owner": "d.wolf@demo.abhnetz.example",
            "answers": [
                ("office@demo.abhnetz.example", Answer.YES, 1),
                ("d.wolf@demo.abhnetz.example", Answer.YES, 0),
            ],
        },
        {
            "slug": "sitzung-des-integrationsbeirats-mit-der-auslaenderbehoerde",
            "title": "Sitzung des Integrationsbeirats mit der Ausländerbehörde",
            "kind": EventKind.ADVISORY_BOARD,
            "day": today + days(14),
            "hours": (17, 19, 0),
            "place_address": "Rathaus Rosenfurt, Marktplatz 6",
            "place_room": "Sitzungssaal",
            "audience": Audience.network(advisory_board=True),
            "organisation": o["board"],
        },
        {
            "slug": "teambesprechung-servicepoint-intern",
            "title": "Teambesprechung ServicePoint (intern)",
            "kind": EventKind.BILATERAL,
            "day": today + days(7),
            "hours": (8, 9, 0),
            "place_room": "Besprechungsraum 1",
            "audience": Audience.selected(organisations=[o["office1"]]),
            "organisation": o["office1"],
            "owner": "moderator@demo.abhnetz.example",
        },
    ]


def seed_events(demo) -> None:
    """The seed_demo hook: add the demo events and the date poll that are missing."""
    index = EventIndexPage.objects.get()
    existing = set(index.get_children().values_list("slug", flat=True))
    coordinator = demo.people[COORDINATOR]
    created = 0
    for spec in _events(demo, timezone.localdate()):
        if spec["slug"] in existing:
            continue
        start_hour, end_hour, end_minute = spec["hours"]
        minutes = (
            Page.objects.filter(slug=spec["minutes_slug"]).first()
            if spec.get("minutes_slug")
            else None
        )
        page = EventPage(
            title=spec["title"],
            slug=spec["slug"],
            kind=spec["kind"],
            series=spec.get("series", ""),
            start=_at(spec["day"], start_hour),
            end=_at(spec["day"], end_hour, end_minute),
            place_address=spec.get("place_address", ""),
            place_room=spec.get("place_room", ""),
            video_link=spec.get("video_link", ""),
            organisation=spec.get("organisation"),
            working_group=spec.get("working_group"),
            capacity=spec.get("capacity"),
            minutes=minutes,
            owner=demo.people[spec["owner"]] if spec.get("owner") else coordinator,
            agenda_items=[
                EventAgendaItem(time=dt.time.fromisoformat(t), title=title, speaker=speaker)
                for t, title, speaker in spec.get("agenda", [])
            ],
        )
        audience_assign(page, spec["audience"])
        index.add_child(instance=page)
        page.save_revision(user=page.owner).publish()
        for email, answer, colleagues in spec.get("answers", []):
            rsvp_answer(event=page, person=demo.people[email], answer=answer, colleagues=colleagues)
        created += 1
    if not DatePoll.objects.filter(title=POLL_TITLE).exists():  # not shown: idempotence
        _seed_poll(demo, coordinator)
        created += 1
    demo.stdout.write(f"Events: {created} new.")


def _seed_poll(demo, coordinator) -> None:
    o, p = demo.organisations, demo.people
    first = timezone.localdate() + dt.timedelta(days=120)
    slots = [
        (_at(first + dt.timedelta(days=d), 10), _at(first + dt.timedelta(days=d), 15, 30))
        for d in (0, 7, 14)
    ]
    poll = poll_create(
        by=coordinator,
        title=POLL_TITLE,
        kind=EventKind.NETWORKING,
        series=SERIES,
        place_address=MINISTRY,
        description="Bitte tragen Sie ein, an welchen Tagen Ihre Behörde vertreten sein kann.",
        slots=slots,
        audience=Audience.offices(),
        organisations=[o[k] for k in ("office1", "office2", "office3", "office4")],
    )
    ids = list(poll.slots.values_list("pk", flat=True))
    Y, M, N = PollChoice.YES, PollChoice.IF_NEEDED, PollChoice.NO
    for email, choices in [
        ("office@demo.abhnetz.example", (Y, M, N)),
        ("office2@demo.abhnetz.example", (N, Y, Y)),
        ("e.schmitt@demo.abhnetz.example", (Y, Y, M)),
    ]:
        poll_answer(poll=poll, person=p[email], choices=dict(zip(ids, choices, strict=True)))

"""Demo content for seed_demo: categories, questions, discussions, comments, a flag.

Idempotent: a thread is found by its category and title, a comment by its author under
the page, so a second run adds nothing. The five named threads and the board member's
comment are the ones issue 11 lists, so anyone can check who sees what.
"""

from __future__ import annotations

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign

from . import services
from .models import Category, Flag, Post, Thread, ThreadKind
from .services.ratelimit import posting_rate_reset

OFFICE = "office@demo.abhnetz.example"  # Jana Albrecht, first office, WG Digitalisierung
OFFICE2 = "office2@demo.abhnetz.example"
PARTNER = "partner@demo.abhnetz.example"
BOARD = "board@demo.abhnetz.example"
MODERATOR = "moderator@demo.abhnetz.example"
SCHMITT = "e.schmitt@demo.abhnetz.example"  # third office, expert on Terminvergabe
WOLF = "d.wolf@demo.abhnetz.example"  # fourth office, WG Digitalisierung
YILMAZ = "k.yilmaz@demo.abhnetz.example"

BOARD_GUIDE = "Rückmeldung des Integrationsbeirats zum ServicePoint"

# (key, name, description, audience builder(organisations), position)
CATEGORIES = [
    ("practice", "Aufenthaltsrecht in der Praxis",
     "Fragen zur Anwendung des Aufenthaltsrechts im Alltag der Ausländerbehörden.",
     lambda o: Audience.offices(), 10),
    ("organisation", "Organisation & Abläufe",
     "Terminvergabe, ServicePoint, Vertretung: wie organisieren andere das?",
     lambda o: Audience.network(), 20),
    ("digital", "Digitalisierung",
     "Online-Dienste, E-Akte und Fachverfahren im Austausch.",
     lambda o: Audience.network(), 30),
    ("partners", "Partner & Übergänge",
     "Zusammenarbeit mit Jobcenter, Jugendamt und Integrationsbüro.",
     lambda o: Audience.network(), 40),
    ("board", "Feedback des Integrationsbeirats",
     "Rückmeldungen des Integrationsbeirats und Antworten der Behörden.",
     lambda o: Audience.network(advisory_board=True), 50),
    ("office1", "Intern: ABH Rosenfurt",
     "Nur für die Ausländerbehörde der Stadt Rosenfurt.",
     lambda o: Audience.selected(organisations=[o["office1"]]), 60),
]  # fmt: skip


def _categories(demo) -> dict:
    result = {}
    for key, name, description, audience, position in CATEGORIES:
        category = Category.objects.filter(  # not shown: idempotence
            name=name, working_group__isnull=True
        ).first()
        if category is None:
            category = Category(name=name, description=description, position=position)
            audience_assign(category, audience(demo.organisations))
            category.save()
        result[key] = category
    result["wg_digital"] = services.category_for_working_group(demo.working_groups["digital"])
    return result


def _written(person, write):
    # a demo writes faster than anyone may; before too, for what an earlier run (or an
    # earlier test with the same user id) left in the cache
    posting_rate_reset(person)
    post = write()
    posting_rate_reset(person)
    return post


def _thread(demo, category, author, title, body, *, kind=ThreadKind.DISCUSSION, topics=()):
    """The thread and whether it was made just now."""
    existing = Thread.objects.filter(  # not shown: idempotence
        category=category, title=title
    ).first()
    if existing is not None:
        return existing, False
    person = demo.people[author]
    thread = _written(
        person,
        lambda: services.thread_create(
            author=person,
            category=category,
            kind=kind,
            title=title,
            body=body,
            topics=[demo.topics[slug] for slug in topics],
        ),
    )
    return thread, True


def _reply(demo, thread, author, body) -> Post:
    person = demo.people[author]
    return _written(person, lambda: services.post_create(thread=thread, author=person, body=body))


def seed_forum(demo) -> None:
    c = _categories(demo)
    p = demo.people

    # a question with answers, one accepted (whole network, not the board)
    thread, new = _thread(
        demo, c["organisation"], OFFICE2,
        "Welche Software nutzt ihr für die Online-Terminvergabe?",
        "Unser Vertrag für die Terminvergabe läuft aus. Welche Software nutzt ihr, und wie "
        "zufrieden seid ihr mit **Erinnerungen** und **Sprachversionen**?",
        kind=ThreadKind.QUESTION, topics=["terminvergabe"],
    )  # fmt: skip
    if new:
        answer = _reply(
            demo, thread, SCHMITT,
            "Wir nutzen seit zwei Jahren ein Online-Buchungssystem mit Erinnerung per "
            "E-Mail am Vortag. Die Ausfälle sind um etwa ein Drittel gesunken. Wichtig: "
            "Terminarten je Anliegen anlegen, sonst stimmen die Zeiten nicht.",
        )  # fmt: skip
        _reply(
            demo, thread, OFFICE,
            "Bei uns ist die Terminvergabe Teil des Fachverfahrens. Sprachversionen gibt es "
            "nur auf Deutsch und Englisch, das ist unser größter Kritikpunkt.",
        )  # fmt: skip
        services.answer_accept(thread=thread, post=answer, by=p[OFFICE2])
        services.helpful_vote(post=answer, by=p[OFFICE])

    # a question nobody has answered yet, routed to an expert (offices only)
    _thread(
        demo, c["practice"], SCHMITT,
        "Fiktionsbescheinigung bei verspätetem Verlängerungsantrag",
        "Ein Antrag auf Verlängerung kam drei Wochen nach Ablauf des Titels. Stellt ihr in "
        "solchen Fällen eine Fiktionsbescheinigung nach § 81 Abs. 4 AufenthG aus, oder "
        "prüft ihr zuerst einen Antrag auf Wiedereinsetzung?",
        kind=ThreadKind.QUESTION, topics=["aufenthaltsrecht"],
    )  # fmt: skip

    # a second answered question, between partners and offices
    thread, new = _thread(
        demo, c["partners"], PARTNER,
        "Wie erfahrt ihr von einem Umzug in einen anderen Kreis?",
        "Wir erfahren oft erst Wochen später, dass jemand umgezogen ist. Gibt es bei euch "
        "einen festen Meldeweg zwischen Ausländerbehörde und Jobcenter?",
        kind=ThreadKind.QUESTION, topics=["vernetzung-mit-partnern"],
    )  # fmt: skip
    if new:
        _reply(
            demo, thread, OFFICE2,
            "Wir schicken dem Jobcenter bei jeder Ummeldung eine kurze Mitteilung über das "
            "Funktionspostfach. Das klappt, seit beide Seiten eine feste Ansprechperson haben.",
        )  # fmt: skip

    # discussions in two categories (and the working group's own)
    _thread(
        demo, c["office1"], MODERATOR,
        "Vertretungsregel am ServicePoint (intern)",
        "Ab nächster Woche gilt: Fällt die Besetzung am ServicePoint aus, übernimmt das "
        "Team Aufenthalt im Wechsel. Bitte tragt euch in den Dienstplan ein.",
    )  # fmt: skip
    thread, new = _thread(
        demo, c["wg_digital"], WOLF,
        "Anbieterpräsentationen E-Akte: Eindrücke",
        "Nach den drei Präsentationen: Was ist euch aufgefallen? Mir fehlte bei zwei "
        "Anbietern eine Aussage zur Anbindung an das Ausländerzentralregister.",
    )  # fmt: skip
    if new:
        _reply(
            demo, thread, OFFICE,
            "Mir ging es ähnlich. Die Suche in der Akte war beim zweiten Anbieter am "
            "schnellsten, die Rechteverwaltung aber kaum erklärt.",
        )  # fmt: skip
    thread, new = _thread(
        demo, c["digital"], OFFICE,
        "Erfahrungen mit dem Online-Antrag auf Verlängerung",
        "Seit einem halben Jahr nehmen wir Verlängerungsanträge online an. Die Unterlagen "
        "sind vollständiger, aber viele laden Fotos statt PDF hoch. Wie geht ihr damit um?",
        topics=["e-akte-digitalisierung"],
    )  # fmt: skip

    # the board member starts a discussion open to the board; a flagged reply below it
    thread, new = _thread(
        demo, c["board"], BOARD,
        "Feedback zur Wartezone im Bürgerbüro",
        "Bei unserem Besuch war die Wartezone voll, aber die Anzeige der Wartenummern "
        "war nur auf Deutsch. Ein Piktogramm und Englisch würden vielen helfen.",
        topics=["willkommenskultur"],
    )  # fmt: skip
    if new:
        _reply(
            demo, thread, OFFICE,
            "Danke für den Hinweis! Die Anzeige lässt sich umstellen; wir nehmen das in "
            "die nächste Sitzung der AG Raumkonzept mit.",
        )  # fmt: skip
        flagged = _reply(
            demo, thread, YILMAZ,
            "Jetzt neu: Dolmetschen zum Sonderpreis, einfach anrufen unter 0171 2345678!",
        )  # fmt: skip
        if not Flag.objects.filter(post=flagged).exists():
            services.flag_create(
                post=flagged, by=p[OFFICE], reason="Werbung, gehört nicht in das Forum."
            )

    _board_comment(demo)


def _board_comment(demo) -> None:
    """The board member's comment under the guide shared with the board (and an answer)."""
    from wagtail.models import Page

    page = Page.objects.live().filter(title=BOARD_GUIDE).first()
    if page is None:
        return  # the guides' demo did not run
    page = page.specific
    board = demo.people[BOARD]
    thread = services.comment_thread_of(page, board)
    if thread is not None and thread.posts.filter(author=board).exists():
        return
    _written(
        board,
        lambda: services.comment_create(
            page=page,
            author=board,
            body="Vielen Dank, dass unsere Rückmeldungen aufgenommen wurden. Bei unserem "
            "nächsten Besuch schauen wir uns die neue Beschilderung gerne an.",
        ),
    )
    coordinator = demo.people["coordinator@demo.abhnetz.example"]
    _written(
        coordinator,
        lambda: services.comment_create(
            page=page,
            author=coordinator,
            body="Gerne! Wir melden uns mit einem Terminvorschlag für den Besuch.",
        ),
    )

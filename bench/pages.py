"""The benchmark's plan: who asks for which page, made from the scale data.

    DJANGO_SETTINGS_MODULE=abhnetz.settings.production python -m bench.pages plan.json

Runs with the server's settings and database (so the sessions it signs are the
server's), picks pages each role may see, and writes the plan the driver
(bench/drive.py, no Django) follows. Apps add pages with the ``abhnetz_bench_pages``
hook (abhnetz.core.hooks.BENCH_PAGES): ``fn(context) -> list[dict]``, where
``context`` holds the users by role ("office", "partner", "board", "coordinator").
"""

from __future__ import annotations

import json
import sys

# (name, query string) of the ten representative searches of issue #15
SEARCHES = [
    ("search: broad word", "q=Antrag"),
    ("search: narrow", "q=Fiktionsbescheinigung+Wohnsitzauflage"),
    ("search: phrase", "q=%22Blaue+Karte%22"),
    ("search: compound part", "q=Erlaubnis"),
    ("search: synonym", "q=AufenthG"),
    ("search: exclusion", "q=Antrag+-Widerspruch"),
    ("search: filtered", "q=Antrag&art=protokoll&jahr=2023"),
    ("search: by date", "q=Termin&sortierung=datum"),
    ("search: page 5", "q=Leitfaden&seite=5"),
    ("search: misspelt", "q=Fiktionsbescheinigunk"),
]


def people_by_role() -> dict:
    """One person per role from the scale network, each with a wide set of keys."""
    from abhnetz.accounts.models import User
    from abhnetz.accounts.roles import Role
    from abhnetz.core.scale import EMAIL_DOMAIN

    people = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}", is_active=True)
    wanted = {
        "office": Role.OFFICE_STAFF,
        "partner": Role.PARTNER_STAFF,
        "board": Role.ADVISORY_BOARD,
        "coordinator": Role.COORDINATOR,
    }
    found = {}
    for key, role in wanted.items():
        person = people.filter(groups__role__slug=role).order_by("pk").first()
        if person is not None:
            found[key] = person
    return found


def core_pages(people: dict) -> list[dict]:
    from abhnetz.audiences.rules import visible_to
    from abhnetz.topics.models import Topic
    from knowledge.guides.models import GuidePage
    from knowledge.minutes.models import MinutesPage

    office = people["office"]
    guide = visible_to(office, GuidePage.objects.live()).order_by("-pk").first()
    minutes = visible_to(office, MinutesPage.objects.live()).order_by("-pk").first()
    topic = Topic.objects.order_by("pk").first()
    pages = [{"name": "floor (minimal view)", "path": "/bench/floor/", "role": "office"}]
    pages += [
        {"name": f"dashboard ({role})", "path": "/", "role": role}
        for role in ("office", "partner", "board", "coordinator")
        if role in people
    ]
    pages += [
        {"name": "guide page", "path": guide.url, "role": "office"},
        {"name": "knowledge index", "path": "/wissen/", "role": "office"},
        {
            "name": "knowledge index, filtered",
            "path": f"/wissen/?thema={topic.slug}&art=leitfaden&sortierung=titel",
            "role": "office",
        },
        {"name": "minutes page", "path": minutes.url, "role": "office"},
        {"name": "action items", "path": "/wissen/aufgaben/", "role": "office"},
        {"name": "decisions register", "path": "/wissen/beschluesse/", "role": "office"},
        {"name": "organisations", "path": "/organisationen/", "role": "office"},
        {"name": "people", "path": "/personen/", "role": "office"},
        {"name": "announcements", "path": "/mitteilungen/", "role": "partner"},
    ]
    pages += [
        {"name": name, "path": f"/suche/?{query}", "role": "office"} for name, query in SEARCHES
    ]
    return pages


def plan() -> dict:
    from wagtail import hooks

    from abhnetz.core import hooks as shell_hooks
    from abhnetz.core.scale import signed_session

    people = people_by_role()
    pages = core_pages(people)
    for extra in hooks.get_hooks(shell_hooks.BENCH_PAGES):
        pages += extra({"people": people})
    return {
        "sessions": {role: signed_session(person) for role, person in people.items()},
        "pages": pages,
    }


def main(argv: list[str]) -> None:
    import django

    django.setup()
    result = plan()
    with open(argv[1], "w") as file:
        json.dump(result, file, indent=1)
    sys.stdout.write(
        f"bench plan: {len(result['pages'])} pages, roles {sorted(result['sessions'])}\n"
    )


if __name__ == "__main__":
    main(sys.argv)

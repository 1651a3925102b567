"""The demo network: fictional but realistic offices, partners, people and content.

Idempotent: running it again finds what is there and adds only what is missing.
Refuses to run unless the settings are the demo's (``ABHNETZ_DEMO``), so it never puts
known passwords into production.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail import hooks

from abhnetz.accounts.models import RoleGroup, User
from abhnetz.accounts.roles import Role
from abhnetz.announcements.models import Announcement
from abhnetz.announcements.services import announcement_create
from abhnetz.audiences.models import Audience
from abhnetz.core import hooks as shell_hooks
from abhnetz.organisations.models import Organisation, OrganisationKind, State, WorkingGroup
from abhnetz.topics.models import Topic

DEMO_PASSWORD = "abhnetz-demo"
SEED_DEMO_HOOK = shell_hooks.SEED_DEMO


@dataclass
class DemoNetwork:
    """What the apps' demo seeders build on, keyed as in this module's tables.

    ``people`` is keyed by e-mail, ``organisations`` and ``working_groups`` by the keys
    of ORGANISATIONS and WORKING_GROUPS (office1, jobcenter, digital, board ...),
    ``topics`` by slug.
    """

    topics: dict
    organisations: dict
    working_groups: dict
    people: dict
    stdout: object


TOPICS = [
    ("ServicePoint", "servicepoint"),
    ("Terminvergabe", "terminvergabe"),
    ("E-Akte / Digitalisierung", "e-akte-digitalisierung"),
    ("Raumkonzept", "raumkonzept"),
    ("Einheitliche Arbeitsweise", "einheitliche-arbeitsweise"),
    ("Aufenthaltsrecht", "aufenthaltsrecht"),
    ("Mehrsprachige Formulare", "mehrsprachige-formulare"),
    ("Vernetzung mit Partnern", "vernetzung-mit-partnern"),
    ("Willkommenskultur", "willkommenskultur"),
]

# (key, name, short name, kind, street, postcode, city, domain)
ORGANISATIONS = [
    ("office1", "Ausländerbehörde der Stadt Rosenfurt", "ABH Rosenfurt", OrganisationKind.OFFICE,
     "Marktplatz 4", "35901", "Rosenfurt", "stadt-rosenfurt.example"),
    ("office2", "Ausländerbehörde des Landkreises Rosenfurt", "ABH Landkreis Rosenfurt",
     OrganisationKind.OFFICE, "Kreishausstraße 1", "35905", "Rosenfurt", "landkreis-rosenfurt.example"),
    ("office3", "Ausländerbehörde der Stadt Eichtal", "ABH Eichtal", OrganisationKind.OFFICE,
     "Rathausgasse 12", "36210", "Eichtal", "eichtal.example"),
    ("office4", "Ausländerbehörde der Stadt Weidenbrück", "ABH Weidenbrück",
     OrganisationKind.OFFICE, "Am Schlossberg 3", "34520", "Weidenbrück", "weidenbrueck.example"),
    ("jobcenter", "Jobcenter Rosenfurt", "Jobcenter Rosenfurt", OrganisationKind.JOBCENTER,
     "Bahnhofstraße 20", "35901", "Rosenfurt", "jobcenter-rosenfurt.example"),
    ("integration", "Integrationsbüro der Stadt Rosenfurt", "Integrationsbüro Rosenfurt",
     OrganisationKind.INTEGRATION_OFFICE, "Marktplatz 6", "35901", "Rosenfurt",
     "integration-rosenfurt.example"),
    ("youth", "Jugendamt des Landkreises Rosenfurt", "Jugendamt Landkreis Rosenfurt",
     OrganisationKind.YOUTH_OFFICE, "Kreishausstraße 3", "35905", "Rosenfurt",
     "jugendamt-rosenfurt.example"),
    ("ministry", "Landesministerium für Inneres und Integration", "Ministerium",
     OrganisationKind.MINISTRY, "Regierungsallee 1", "35000", "Landeshauptstadt",
     "ministerium.example"),
    ("board", "Integrationsbeirat der Stadt Rosenfurt", "Integrationsbeirat Rosenfurt",
     OrganisationKind.ADVISORY_BOARD, "Marktplatz 6", "35901", "Rosenfurt", ""),
]  # fmt: skip

WORKING_GROUPS = [
    ("servicepoint", "ServicePoint", "Einen offenen Empfang aufbauen: Unterlagen abgeben, "
     "Formulare holen, Termine buchen, ohne Fallgespräch."),
    ("digital", "Digitalisierung / elektronische Ausländerakte", "Den Umstieg auf die "
     "elektronische Akte vorbereiten: Rechtsrahmen, Prozesse, Anbieter, Hospitationen."),
    ("uniform", "Einheitliche Arbeitsweise", "Gemeinsame Bearbeitungsregeln für häufige Verfahren."),
    ("rooms", "Raumkonzept", "Wartebereiche und Beratungsräume, die Menschen willkommen heißen."),
    ("partners", "Vernetzung mit Partnern", "Zusammenarbeit mit Jobcenter, Jugendamt und "
     "Integrationsbüro verbessern."),
    ("board", "Interkulturelle Öffnung", "Arbeitsgruppe des Integrationsbeirats: Rückmeldungen "
     "aus Sicht der Menschen, die die Behörden besuchen."),
]  # fmt: skip

# (e-mail, first, last, organisation key, roles, function, working groups, topics)
PEOPLE = [
    ("office@demo.abhnetz.example", "Jana", "Albrecht", "office1", [Role.OFFICE_STAFF],
     "Sachbearbeitung Aufenthaltsrecht", ["servicepoint", "digital"], ["servicepoint", "aufenthaltsrecht"]),
    ("office2@demo.abhnetz.example", "Murat", "Kaya", "office2", [Role.OFFICE_STAFF],
     "Teamleitung Einbürgerung und Aufenthalt", ["uniform"], ["einheitliche-arbeitsweise"]),
    ("partner@demo.abhnetz.example", "Sabine", "Hoffmann", "jobcenter", [Role.PARTNER_STAFF],
     "Integrationsfachkraft", ["partners"], ["vernetzung-mit-partnern"]),
    ("board@demo.abhnetz.example", "Amira", "Haddad", "board", [Role.ADVISORY_BOARD],
     "Mitglied des Integrationsbeirats", ["board"], ["willkommenskultur"]),
    ("coordinator@demo.abhnetz.example", "Thomas", "Brenner", "ministry", [Role.COORDINATOR],
     "Netzwerkkoordination", [], ["willkommenskultur", "vernetzung-mit-partnern"]),
    ("moderator@demo.abhnetz.example", "Petra", "Lindner", "office1",
     [Role.OFFICE_STAFF, Role.MODERATOR], "Sachgebietsleitung", ["rooms"], ["raumkonzept"]),
    ("admin@demo.abhnetz.example", "Lukas", "Weber", "ministry", [Role.ADMINISTRATOR],
     "IT-Administration", [], []),
    ("e.schmitt@demo.abhnetz.example", "Elena", "Schmitt", "office3", [Role.OFFICE_STAFF],
     "Sachbearbeitung Terminvergabe", ["servicepoint"], ["terminvergabe"]),
    ("d.wolf@demo.abhnetz.example", "Daniel", "Wolf", "office4", [Role.OFFICE_STAFF],
     "Projektleitung E-Akte", ["digital"], ["e-akte-digitalisierung"]),
    ("k.yilmaz@demo.abhnetz.example", "Kerem", "Yılmaz", "integration", [Role.PARTNER_STAFF],
     "Integrationsbeauftragter", ["partners"], ["willkommenskultur"]),
    ("m.becker@demo.abhnetz.example", "Miriam", "Becker", "youth", [Role.PARTNER_STAFF],
     "Sozialpädagogin, unbegleitete Minderjährige", [], ["vernetzung-mit-partnern"]),
]  # fmt: skip

# (title, author e-mail, audience builder, body)
ANNOUNCEMENTS = [
    (
        "Vernetzungstreffen im Ministerium: Termin steht fest",
        "coordinator@demo.abhnetz.example",
        lambda o, w: Audience.network(advisory_board=True),
        "Das nächste **Vernetzungstreffen** aller beteiligten Behörden findet im Ministerium "
        "statt. Die Tagesordnung folgt; Themenwünsche bitte an die Netzwerkkoordination.",
    ),
    (
        "Neue Ansprechpartnerin im Jobcenter Rosenfurt",
        "coordinator@demo.abhnetz.example",
        lambda o, w: Audience.network(),
        "Frau Sabine Hoffmann ist ab sofort Ansprechpartnerin des Jobcenters für Fragen zur "
        "Arbeitsmarktintegration. Sprechzeiten: Montag bis Donnerstag, 8:30 bis 12:00 Uhr.",
    ),
    (
        "Hinweis zur Fiktionsbescheinigung nach § 81 Abs. 4 AufenthG",
        "coordinator@demo.abhnetz.example",
        lambda o, w: Audience.offices(),
        "Bitte beachten Sie das neue Rundschreiben zur Ausstellung von "
        "Fiktionsbescheinigungen. Es ist nur für die Ausländerbehörden bestimmt.",
    ),
    (
        "ServicePoint Rosenfurt: geänderte Öffnungszeiten (intern)",
        "office@demo.abhnetz.example",
        lambda o, w: Audience.selected(organisations=[o["office1"]]),
        "Ab dem 1. des Monats ist der ServicePoint dienstags bis 18:00 Uhr geöffnet. "
        "Dienstplan folgt.",
    ),
    (
        "AG Digitalisierung: Hospitation bei einer Behörde mit E-Akte",
        "office@demo.abhnetz.example",
        lambda o, w: Audience.selected(working_groups=[w["digital"]]),
        "Wer möchte an der Hospitation teilnehmen? Bitte bis Freitag melden.",
    ),
]


class Command(BaseCommand):
    help = "Load the fictional demo network (idempotent; only with the demo settings)."

    def handle(self, *args, **options):
        # not DEBUG: the demo runs with DEBUG off to show the site's own error pages
        if not getattr(settings, "ABHNETZ_DEMO", False):
            raise CommandError(
                "seed_demo runs only with the demo settings (ABHNETZ_DEMO): "
                "it creates known passwords."
            )
        with transaction.atomic():
            topics = self.seed_topics()
            organisations = self.seed_organisations()
            working_groups = self.seed_working_groups()
            people = self.seed_people(organisations, working_groups, topics)
            working_groups["board"].coordinator = people["coordinator@demo.abhnetz.example"]
            working_groups["board"].save()
            created = self.seed_announcements(organisations, working_groups, people)
            demo = DemoNetwork(topics, organisations, working_groups, people, self.stdout)
            # Apps add their demo content in hook order (documents before the guides that
            # link to them); each seeder must be idempotent like this command.
            for seed in hooks.get_hooks(SEED_DEMO_HOOK):
                seed(demo)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo network ready: {len(organisations)} organisations, {len(people)} people, "
                f"{created} new announcements. Password for all demo accounts: {DEMO_PASSWORD}"
            )
        )

    def seed_topics(self) -> dict:
        return {
            slug: Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0]
            for name, slug in TOPICS
        }

    def seed_organisations(self) -> dict:
        result = {}
        for key, name, short, kind, street, postcode, city, domain in ORGANISATIONS:
            organisation = Organisation.objects.filter(name=name).first()
            if organisation is None:
                organisation = Organisation(name=name)
            organisation.short_name = short
            organisation.kind = kind
            organisation.state = State.HE
            organisation.street, organisation.postcode, organisation.city = street, postcode, city
            organisation.email_domains = domain
            organisation.email = f"kontakt@{domain}" if domain else ""
            organisation.save()
            result[key] = organisation
        return result

    def seed_working_groups(self) -> dict:
        result = {}
        for key, name, goal in WORKING_GROUPS:
            group = WorkingGroup.objects.filter(name=name).first() or WorkingGroup(name=name)
            group.goal = goal
            group.is_advisory_board = key == "board"
            group.save()
            result[key] = group
        return result

    def seed_people(self, organisations, working_groups, topics) -> dict:
        role_groups = {rg.slug: rg.group for rg in RoleGroup.objects.select_related("group")}
        result = {}
        for email, first, last, org, roles, function, groups, expertise in PEOPLE:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User(email=email)
                user.set_password(DEMO_PASSWORD)
            user.first_name, user.last_name, user.function = first, last, function
            user.organisation = organisations[org]
            user.phone = "+49 6400 1234-" + str(10 + len(result))
            user.is_superuser = user.is_staff = Role.ADMINISTRATOR in roles
            user.save()
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            user.groups.add(*[role_groups[r] for r in roles])
            user.groups.add(*[working_groups[g].group for g in groups])
            user.expertise.add(*[topics[t] for t in expertise])
            result[email] = user
        return result

    def seed_announcements(self, organisations, working_groups, people) -> int:
        created = 0
        for title, author, audience, body in ANNOUNCEMENTS:
            if Announcement.objects.filter(title=title).exists():
                continue
            announcement_create(
                author=people[author],
                title=title,
                body=body,
                audience=audience(organisations, working_groups),
            )
            created += 1
        for group in working_groups.values():
            if group.coordinator_id is None:
                group.coordinator = people["coordinator@demo.abhnetz.example"]
                group.save(update_fields=["coordinator"])
        return created

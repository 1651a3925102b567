"""Scale data for benchmarks (``manage.py seed_scale``): a large network, built in bulk.

The shell builds topics, organisations, working groups and people, then calls every
function registered for ``hooks.SEED_SCALE`` with a ``ScaleNetwork`` (knowledge adds
guides and minutes, forums and events add theirs as they land), then fills the
announcements up to the network's number of search documents and builds the search
index. Everything is drawn from one seeded ``random.Random``: the same factor gives the
same network, row for row.

Rows go in with ``bulk_create`` (pages through ``insert_pages``, which computes the
treebeard path, depth and url_path itself), never with one ``save()`` per row: the
signals that ``save()`` would fire (audience entries, search updates) are done here
in bulk instead, with the real rules (``audience_group_ids``) so every audience is one
the site could have stored.
"""

from __future__ import annotations

import random
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from abhnetz.accounts.models import RoleGroup, User
from abhnetz.accounts.roles import Role
from abhnetz.audiences.models import AudienceEntry, AudienceScope
from abhnetz.audiences.rules import audience_content_type, audience_group_ids
from abhnetz.organisations.models import (
    Organisation,
    OrganisationKind,
    State,
    WorkingGroup,
)
from abhnetz.topics.models import Topic

# The network at factor 1 (issue #15); apps keep their own numbers next to their part.
ORGANISATIONS = 60
PEOPLE = 3000
WORKING_GROUPS = 15
SEARCH_DOCUMENTS = 200_000
# Scale data is recognisable (and refused twice) by this e-mail domain and slug prefix.
EMAIL_DOMAIN = "scale.abhnetz.example"
SLUG_PREFIX = "skala-"
SEED = 20261202
BATCH = 500


# Share of each organisation kind among the organisations (the rest are offices).
KIND_SHARES = [
    (OrganisationKind.JOBCENTER, 0.10),
    (OrganisationKind.INTEGRATION_OFFICE, 0.10),
    (OrganisationKind.YOUTH_OFFICE, 0.08),
    (OrganisationKind.SOCIAL_OFFICE, 0.05),
    (OrganisationKind.MINISTRY, 0.03),
    (OrganisationKind.CONSULTANCY, 0.03),
    (OrganisationKind.ADVISORY_BOARD, 0.06),
]
ROLE_OF_KIND = {
    OrganisationKind.OFFICE: Role.OFFICE_STAFF,
    OrganisationKind.MINISTRY: Role.COORDINATOR,
    OrganisationKind.CONSULTANCY: Role.COORDINATOR,
    OrganisationKind.ADVISORY_BOARD: Role.ADVISORY_BOARD,
}
CITIES = (
    "Rosenfurt Eichtal Weidenbrück Lindenau Birkenstadt Talheim Seeburg Auental "
    "Bergdorf Neumarkt Altenkirchen Hohenwald Steinach Mühlbach Kranichfeld"
).split()
FIRST_NAMES = (
    "Jana Murat Sabine Amira Thomas Petra Lukas Elena Daniel Kerem Miriam Anna Jonas Leyla "
    "Fatma Stefan Olga Ivan Nadia Tobias Julia Hamid Katrin Emre Sophie Yusuf Marta Paul"
).split()
LAST_NAMES = (
    "Albrecht Kaya Hoffmann Haddad Brenner Lindner Weber Schmitt Wolf Yılmaz Becker Müller "
    "Schneider Fischer Demir Nowak Şahin Krüger Wagner Schulz Popescu Öztürk Kowalski Braun"
).split()
FUNCTIONS = [
    "Sachbearbeitung Aufenthaltsrecht",
    "Teamleitung Einbürgerung",
    "Sachbearbeitung Terminvergabe",
    "Integrationsfachkraft",
    "Projektleitung E-Akte",
    "Sozialpädagogik",
    "Netzwerkkoordination",
    "Sachgebietsleitung",
]
TOPIC_NAMES = [
    "ServicePoint", "Terminvergabe", "E-Akte / Digitalisierung", "Raumkonzept",
    "Einheitliche Arbeitsweise", "Aufenthaltsrecht", "Mehrsprachige Formulare",
    "Vernetzung mit Partnern", "Willkommenskultur", "Fachkräfteeinwanderung",
    "Familiennachzug", "Einbürgerung", "Duldung", "Beschäftigung", "Blaue Karte EU",
    "Studium und Ausbildung", "Humanitäre Aufenthalte", "Unbegleitete Minderjährige",
    "Wohnsitzauflage", "Passbeschaffung", "Datenschutz", "Fortbildung",
    "Personalgewinnung", "Barrierefreiheit", "Statistik",
]  # fmt: skip
# German words the generated texts are made of (the search has real words to find).
WORDS = (
    "Aufenthaltserlaubnis Ausländerbehörde Fiktionsbescheinigung Niederlassungserlaubnis "
    "Duldung Beschäftigungsduldung Familiennachzug Einbürgerung Verpflichtungserklärung "
    "Blaue Karte Fachkräfteeinwanderung Integrationskurs Sprachnachweis Passersatz "
    "Termin Frist Gebühr Antrag Bescheid Widerspruch Anhörung Jobcenter Jugendamt "
    "Leitfaden Protokoll Beschluss Aufgabe Sitzung Arbeitsgruppe Praxis Hinweis Verfahren "
    "Wohnsitzauflage Meldebescheinigung Arbeitsmarktzulassung Zustimmung Bundesagentur "
    "Aufenthaltsgesetz Beschäftigungsverordnung Staatsangehörigkeit Visum Botschaft "
    "und der die das mit für nach bei von zur zum im eine einer wird werden ist sind"
).split()


def scaled(count: int, factor: float, minimum: int = 1) -> int:
    return max(minimum, round(count * factor))


def chunks(iterable, size: int = BATCH):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


class Progress:
    """A one-line progress bar on the command's output (a plain line per step when the
    output is no terminal, so logs stay readable)."""

    WIDTH = 30

    def __init__(self, stdout, label: str, total: int):
        self.stdout, self.label, self.total = stdout, label, max(total, 1)
        self.done = 0
        self.started = time.perf_counter()
        self.tty = getattr(getattr(stdout, "_out", stdout), "isatty", lambda: False)()
        self._last = -1

    def advance(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count)
        percent = self.done * 100 // self.total
        if self.tty:
            filled = self.WIDTH * self.done // self.total
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stdout.write(f"\r{self.label:<22} [{bar}] {self.done}/{self.total}", ending="")
            self.stdout.flush()
        elif percent // 25 != self._last // 25:
            self.stdout.write(f"{self.label:<22} {percent:>3} % ({self.done}/{self.total})")
        self._last = percent

    def finish(self) -> float:
        seconds = time.perf_counter() - self.started
        if self.tty:
            self.stdout.write("")
        self.stdout.write(f"{self.label:<22} {self.done} in {seconds:.1f} s")
        return seconds


@dataclass
class ScaleNetwork:
    """What the apps' scale seeders build on.

    ``counts`` collects what each part made (printed at the end, checked by tests);
    ``audience()`` draws one of the audience choices the site offers, weighted like a
    real network's (mostly the whole network, some offices-only, some for one
    organisation or working group, some with the advisory board).
    """

    factor: float
    rng: random.Random
    stdout: object
    topics: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    working_groups: list = field(default_factory=list)
    people: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    # search documents the parts' content makes (announcements fill up the rest)
    documents: int = 0
    role_ids: dict = field(default_factory=dict)
    # person id -> the groups that admit them (their roles, organisation, working groups)
    person_keys: dict = field(default_factory=dict)
    _readers: dict = field(default_factory=dict)
    start: datetime = field(
        default_factory=lambda: datetime(2021, 1, 4, 9, 0, tzinfo=timezone.get_default_timezone())
    )

    def scaled(self, count: int, minimum: int = 1) -> int:
        return scaled(count, self.factor, minimum)

    def progress(self, label: str, total: int) -> Progress:
        return Progress(self.stdout, label, total)

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choices(WORDS, k=self.rng.randint(low, high)))

    def sentence(self, low: int = 6, high: int = 14) -> str:
        text = self.words(low, high)
        return text[0].upper() + text[1:] + "."

    def moment(self, days: int = 5 * 365) -> datetime:
        """A moment in the network's years of use, deterministic like everything else."""
        return self.start + timedelta(minutes=self.rng.randrange(days * 24 * 60))

    def audience(self) -> dict:
        """Audience fields: scope, organisations, working_groups, advisory_board."""
        draw = self.rng.random()
        if draw < 0.40:
            return {"scope": AudienceScope.NETWORK}
        if draw < 0.50:
            return {"scope": AudienceScope.NETWORK, "advisory_board": True}
        if draw < 0.70:
            return {"scope": AudienceScope.OFFICES}
        if draw < 0.85:
            return {
                "scope": AudienceScope.SELECTED,
                "organisations": [self.rng.choice(self.offices)],
            }
        return {
            "scope": AudienceScope.SELECTED,
            "working_groups": [self.rng.choice(self.working_groups)],
            "advisory_board": draw > 0.95,
        }

    @property
    def offices(self) -> list:
        return [o for o in self.organisations if o.kind == OrganisationKind.OFFICE]

    def audience_groups(self, audience: dict) -> set[int]:
        return audience_group_ids(role_ids=self.role_ids, **audience)

    def readers(self, audience: dict) -> list:
        """The generated people this audience admits (who write, reply and answer)."""
        signature = (
            audience["scope"],
            tuple(o.pk for o in audience.get("organisations", ())),
            tuple(g.pk for g in audience.get("working_groups", ())),
            bool(audience.get("advisory_board")),
        )
        if signature not in self._readers:
            if not self.person_keys:
                self._load_person_keys()
            groups = self.audience_groups(audience)
            admitted = [p for p in self.people if self.person_keys.get(p.pk, set()) & groups]
            self._readers[signature] = admitted or self.people
        return self._readers[signature]

    def _load_person_keys(self) -> None:
        from abhnetz.accounts.models import User

        ids = [p.pk for p in self.people]
        # the keys the audience rule reads (_entries_for_any_type): the person's groups
        # (roles, working groups) and their organisation's group
        rows = list(
            User.groups.through.objects.filter(user_id__in=ids).values_list("user_id", "group_id")
        )
        rows += User.objects.filter(pk__in=ids, organisation__isnull=False).values_list(
            "pk", "organisation__group_id"
        )
        for person_id, group_id in rows:
            self.person_keys.setdefault(person_id, set()).add(group_id)

    def draw_audience(self, obj) -> dict:
        """A drawn audience (``audience``), set on the unsaved ``obj``; returned for its rows."""
        audience = self.audience()
        self.apply_audience(obj, audience)
        return audience

    def apply_audience(self, obj, audience: dict) -> None:
        """Set the audience fields of an unsaved object (the relations: ``audience_rows``)."""
        obj.audience_scope = audience["scope"]
        obj.audience_advisory_board = bool(audience.get("advisory_board")) and (
            audience["scope"] != AudienceScope.OFFICES
        )

    def store_audiences(self, model, items) -> None:
        """Audience relations and stored entries for saved objects, in bulk.

        ``items``: (object, audience dict, author id or None). The entries are what
        ``audience_store`` would write: the audience's groups, plus the author.
        """
        content_type = audience_content_type(model)
        entries, organisations, groups = [], [], []
        org_through = model.audience_organisations.through
        wg_through = model.audience_working_groups.through
        owner_column = org_through._meta.get_field(_parent_column(org_through, model)).attname
        wg_owner = wg_through._meta.get_field(_parent_column(wg_through, model)).attname
        for obj, audience, author_id in items:
            for organisation in audience.get("organisations", ()):
                organisations.append(
                    org_through(**{owner_column: obj.pk, "organisation_id": organisation.pk})
                )
            for group in audience.get("working_groups", ()):
                groups.append(wg_through(**{wg_owner: obj.pk, "workinggroup_id": group.pk}))
            for group_id in sorted(self.audience_groups(audience)):
                entries.append(
                    AudienceEntry(content_type=content_type, object_id=obj.pk, group_id=group_id)
                )
            if author_id:
                entries.append(
                    AudienceEntry(content_type=content_type, object_id=obj.pk, user_id=author_id)
                )
        org_through.objects.bulk_create(organisations, batch_size=BATCH)
        wg_through.objects.bulk_create(groups, batch_size=BATCH)
        AudienceEntry.objects.bulk_create(entries, batch_size=BATCH)


def _parent_column(through, model) -> str:
    """The field of a ParentalManyToMany's through model that points at the owner."""
    for candidate in through._meta.get_fields():
        related = getattr(candidate, "related_model", None)
        if related is not None and issubclass(model, related) and candidate.concrete:
            return candidate.name
    raise LookupError(f"{through} has no field pointing at {model}")


# -- pages -----------------------------------------------------------------------------


def insert_pages(parent, pages: list) -> list:
    """Insert live pages of one type under ``parent`` in bulk (revisions: ``publish_revisions``).

    What ``add_child`` + ``save_revision().publish()`` would store, without a save per
    page: treebeard's path/depth/numchild computed here (steps after the parent's last
    child), the url_path, a live revision, the parent's numchild raised once. The rows
    of multi-table inheritance (Page, KnowledgePage, GuidePage …) go in level by level.
    ParentalManyToMany relations and audience entries are the caller's (bulk as well).
    """
    from wagtail.models import Page

    if not pages:
        return pages
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    for offset, page in enumerate(pages, start=1):
        page.path = Page._get_path(parent.path, parent.depth + 1, step + offset)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
    # the levels of multi-table inheritance, Page first
    levels = [*reversed(model._meta.get_parent_list()), model]
    for batch in chunks(pages):
        top = levels[0]
        fields = [f for f in top._meta.local_concrete_fields if not f.primary_key]
        rows = top._base_manager._insert(batch, fields=fields, returning_fields=[top._meta.pk])
        for page, (pk,) in zip(batch, rows, strict=True):
            for level in levels:
                setattr(page, level._meta.pk.attname, pk)
        for level in levels[1:]:
            level._base_manager._insert(batch, fields=list(level._meta.local_concrete_fields))
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    parent.numchild += len(pages)
    return pages


def publish_revisions(pages: list, *, user=None) -> None:
    """A live revision for each inserted page; call once its relations are stored, so
    the revision holds them (publishing it later rewrites child rows from it)."""
    from wagtail.models import Page, Revision

    if not pages:
        return
    content_type = ContentType.objects.get_for_model(type(pages[0]))
    page_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=page_type,
            object_id=str(page.pk),
            created_at=page.last_published_at,
            user=user,
            object_str=page.title,
            content=page.serializable_data(),
        )
        for page in pages
    ]
    Revision.objects.bulk_create(revisions, batch_size=BATCH)
    for page, revision in zip(pages, revisions, strict=True):
        page.live_revision_id = page.latest_revision_id = revision.pk
    Page.objects.bulk_update(pages, ["live_revision", "latest_revision"], batch_size=BATCH)


def store_pages(network: ScaleNetwork, parent, pages: list, audiences: list, topics: list):
    """A batch of live pages of one type: rows, topics, audiences (their owners kept
    sight), live revisions. ``audiences`` and ``topics`` run beside ``pages``."""
    model = type(pages[0])
    insert_pages(parent, pages)
    bulk_parental_m2m(
        model,
        "topics",
        [(p.pk, t.pk) for p, chosen in zip(pages, topics, strict=True) for t in chosen],
    )
    network.store_audiences(
        model, [(p, a, p.owner_id) for p, a in zip(pages, audiences, strict=True)]
    )
    publish_revisions(pages)


def bulk_parental_m2m(model, name: str, pairs) -> None:
    """Rows of a ParentalManyToManyField ``name`` of ``model``: (owner id, target id)."""
    field_ = model._meta.get_field(name)
    through = field_.remote_field.through
    source = _parent_column(through, model)
    target = next(
        f.name
        for f in through._meta.get_fields()
        if getattr(f, "related_model", None) is field_.related_model and f.concrete
    )
    through.objects.bulk_create(
        [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs],
        batch_size=BATCH,
    )


# -- the shell's part --------------------------------------------------------------------


def already_seeded() -> bool:
    return User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()


def seed_shell(network: ScaleNetwork) -> None:
    rng = network.rng
    # topics: the demo's and more; existing ones (seed_demo) are reused
    existing = {t.name: t for t in Topic.objects.all()}
    from abhnetz.core.slugs import slugify

    new = [Topic(name=n, slug=slugify(n)) for n in TOPIC_NAMES if n not in existing]
    Topic.objects.bulk_create(new, ignore_conflicts=True)
    network.topics = list(Topic.objects.order_by("pk"))

    # organisations and working groups, each with the Django group it is
    count = network.scaled(ORGANISATIONS, minimum=len(KIND_SHARES) + 2)
    kinds = []
    for kind, share in KIND_SHARES:
        kinds += [kind] * max(1, round(count * share))
    kinds += [OrganisationKind.OFFICE] * max(2, count - len(kinds))
    organisations = []
    for number, kind in enumerate(kinds, start=1):
        city = CITIES[number % len(CITIES)]
        label = OrganisationKind(kind).label
        name = f"{label} {city} {number}"
        organisations.append(
            Organisation(
                name=name,
                short_name=f"{city} {number}",
                slug=f"{SLUG_PREFIX}org-{number}",
                kind=kind,
                state=rng.choice(list(State)),
                city=city,
                postcode=f"{35000 + number}",
                street=f"Marktplatz {number}",
                email=f"kontakt{number}@{EMAIL_DOMAIN}",
                description=network.sentence(12, 30),
            )
        )
    groups = Group.objects.bulk_create(
        [Group(name=f"Organisation: {o.name}"[:150]) for o in organisations]
    )
    for organisation, group in zip(organisations, groups, strict=True):
        organisation.group_id = group.pk
    network.organisations = Organisation.objects.bulk_create(organisations, batch_size=BATCH)

    working_groups = [
        WorkingGroup(
            name=f"Arbeitsgruppe {TOPIC_NAMES[n % len(TOPIC_NAMES)]} {n + 1}",
            slug=f"{SLUG_PREFIX}ag-{n + 1}",
            goal=network.sentence(),
            is_advisory_board=n == 0,
        )
        for n in range(network.scaled(WORKING_GROUPS, minimum=2))
    ]
    groups = Group.objects.bulk_create(
        [Group(name=f"Arbeitsgruppe: {w.name}"[:150]) for w in working_groups]
    )
    for working_group, group in zip(working_groups, groups, strict=True):
        working_group.group_id = group.pk
    network.working_groups = WorkingGroup.objects.bulk_create(working_groups)

    seed_people(network)
    network.documents += len(network.organisations) + len(network.people)
    network.counts.update(
        organisations=len(network.organisations),
        working_groups=len(network.working_groups),
        people=len(network.people),
    )


def seed_people(network: ScaleNetwork) -> None:
    """People spread over the organisations, each with the role their kind allows."""
    from allauth.account.models import EmailAddress

    rng = network.rng
    role_groups = {rg.slug: rg.group_id for rg in RoleGroup.objects.all()}
    # nobody logs in with a password: the benchmark signs sessions itself
    password = make_password(None)
    total = network.scaled(PEOPLE, minimum=len(network.organisations) * 2)
    progress = network.progress("people", total)
    people, memberships, expertise = [], [], []
    for number in range(total):
        organisation = network.organisations[number % len(network.organisations)]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        people.append(
            User(
                email=f"person{number}@{EMAIL_DOMAIN}",
                first_name=first,
                last_name=last,
                organisation=organisation,
                function=rng.choice(FUNCTIONS),
                phone=f"+49 6400 {100000 + number}",
                password=password,
                is_active=True,
                date_joined=network.moment(),
            )
        )
    User.objects.bulk_create(people, batch_size=BATCH)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=p, email=p.email, verified=True, primary=True) for p in people],
        batch_size=BATCH,
    )
    through = User.groups.through
    for number, person in enumerate(people):
        kind = person.organisation.kind
        role = ROLE_OF_KIND.get(kind, Role.PARTNER_STAFF)
        memberships.append(through(user_id=person.pk, group_id=role_groups[role]))
        # some office staff moderate; a few coordinators administer
        if role == Role.OFFICE_STAFF and number % 40 == 0:
            memberships.append(through(user_id=person.pk, group_id=role_groups[Role.MODERATOR]))
        if role != Role.ADVISORY_BOARD or number % 2 == 0:
            for group in rng.sample(network.working_groups, k=rng.randint(0, 2)):
                if group.is_advisory_board == (role == Role.ADVISORY_BOARD):
                    memberships.append(through(user_id=person.pk, group_id=group.group_id))
        for topic in rng.sample(network.topics, k=rng.randint(0, 3)):
            expertise.append(User.expertise.through(user_id=person.pk, topic_id=topic.pk))
        progress.advance()
    through.objects.bulk_create(memberships, batch_size=BATCH)
    User.expertise.through.objects.bulk_create(expertise, batch_size=BATCH)
    progress.finish()
    network.people = people
    # who writes content: office staff and coordinators (they reach the admin)
    writers = {role_groups[Role.OFFICE_STAFF], role_groups[Role.COORDINATOR]}
    writing = {m.user_id for m in memberships if m.group_id in writers}
    network.authors = [p for p in people if p.pk in writing]


def seed_announcements(network: ScaleNetwork, count: int) -> None:
    """Announcements: the shell's own content, and what fills the search documents up."""
    from abhnetz.announcements.models import Announcement
    from abhnetz.text import render_markdown

    rng = network.rng
    # a few dozen bodies, rendered once: rendering 100,000 Markdown texts adds nothing
    bodies = []
    for _ in range(40):
        body = f"{network.sentence(10, 30)}\n\n**{network.sentence(4, 8)}** {network.words(20, 60)}"
        bodies.append((body, render_markdown(body)))
    progress = network.progress("announcements", count)
    for batch in chunks(range(count)):
        items = []
        for _ in batch:
            author = rng.choice(network.authors)
            body, body_html = rng.choice(bodies)
            audience = network.audience()
            announcement = Announcement(
                title=network.sentence(4, 9)[:200],
                body=body,
                body_html=body_html,
                author=author,
                organisation_id=author.organisation_id,
                published_at=network.moment(),
            )
            network.apply_audience(announcement, audience)
            items.append((announcement, audience, author.pk))
        Announcement.objects.bulk_create([a for a, _, _ in items])
        network.store_audiences(Announcement, items)
        progress.advance(len(batch))
    progress.finish()
    network.counts["announcements"] = count


def build_index(network: ScaleNetwork) -> dict:
    """The search index of everything, through the site's own indexers, batch by batch."""
    from search import services
    from search.models import SearchEntry

    bars: list[tuple[str, Progress]] = []

    def report(name: str, position: int, total: int) -> None:
        if not bars or bars[-1][0] != name:
            if bars:
                bars[-1][1].finish()
            bars.append((name, network.progress(f"index: {name}", total)))
        bar = bars[-1][1]
        bar.advance(position - bar.done)

    started = time.perf_counter()
    services.rebuild(progress=report, batch_size=BATCH)
    if bars:
        bars[-1][1].finish()
    seconds = time.perf_counter() - started
    documents = SearchEntry.objects.count()
    return {"documents": documents, "seconds": round(seconds, 1),
            "documents_per_second": round(documents / seconds) if seconds else 0}  # fmt: skip


def seed(*, factor: float, stdout=None, index: bool = True) -> ScaleNetwork:
    """Build the whole scale network (the command's body; tests call it directly)."""
    from wagtail import hooks

    from abhnetz.core import hooks as shell_hooks

    stdout = stdout or _Out()
    network = ScaleNetwork(factor=factor, rng=random.Random(SEED), stdout=stdout)  # noqa: S311 (benchmark data, not secrets)
    with transaction.atomic():
        seed_shell(network)
        for part in hooks.get_hooks(shell_hooks.SEED_SCALE):
            part(network)
        # announcements fill what the apps' documents leave of the network's total
        target = network.scaled(SEARCH_DOCUMENTS)
        seed_announcements(network, max(network.scaled(1000), target - network.documents))
    if index:
        network.counts["index"] = build_index(network)
    analyze()
    return network


def analyze() -> None:
    """Fresh planner statistics: after a bulk load PostgreSQL has none until autovacuum
    gets to it, and the benchmark would start against a planner that thinks the tables
    are empty (at factor 0.05 the difference was within the noise; at factor 1 the
    audience semi-joins depend on it)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class _Out:
    """stdout for callers without a command (tests): a Django OutputWrapper look-alike."""

    def write(self, text: str = "", ending: str = "\n") -> None:
        sys.stdout.write(text + ending)

    def flush(self) -> None:
        sys.stdout.flush()


def signed_session(user) -> str:
    """A session key for ``user``, as a login would store it (for the benchmark's clients)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def stable_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)

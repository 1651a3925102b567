"""The shared test harness: a small network of people, one per role, and clients for them."""

import os
import time
from dataclasses import dataclass

import pytest
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from abhnetz.accounts.mfa import has_totp
from abhnetz.accounts.roles import Role
from abhnetz.organisations.models import OrganisationKind

from .factories import OrganisationFactory, UserFactory, WorkingGroupFactory


@pytest.fixture(autouse=True)
def _german_locale():
    """Pin the locale per test, as the site's default is German."""
    with translation.override("de"):
        yield


@pytest.fixture(autouse=True)
def _media_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class Network:
    """One person per role and audience situation, as tests/security expects."""

    office_a: object
    office_b: object
    jobcenter: object
    ministry: object
    board_org: object
    digital_group: object
    board_group: object
    office_staff: object  # office A, member of the working group "Digitalisierung"
    office_staff_b: object  # office B, no working group
    partner: object  # Jobcenter
    board_member: object  # advisory board, in its working group
    coordinator: object  # ministry
    moderator: object  # office A, moderator
    administrator: object

    def people(self) -> dict:
        return {
            "office_staff": self.office_staff,
            "office_staff_b": self.office_staff_b,
            "partner": self.partner,
            "board_member": self.board_member,
            "coordinator": self.coordinator,
            "moderator": self.moderator,
            "administrator": self.administrator,
        }


@pytest.fixture
def network(db) -> Network:
    office_a = OrganisationFactory(name="Ausländerbehörde Adorf")
    office_b = OrganisationFactory(name="Ausländerbehörde Bestadt")
    jobcenter = OrganisationFactory(name="Jobcenter Adorf", kind=OrganisationKind.JOBCENTER)
    ministry = OrganisationFactory(name="Ministerium des Innern", kind=OrganisationKind.MINISTRY)
    board_org = OrganisationFactory(
        name="Integrationsbeirat Adorf", kind=OrganisationKind.ADVISORY_BOARD
    )
    digital_group = WorkingGroupFactory(name="Digitalisierung / elektronische Ausländerakte")
    board_group = WorkingGroupFactory(name="Interkulturelle Öffnung", is_advisory_board=True)
    return Network(
        office_a=office_a,
        office_b=office_b,
        jobcenter=jobcenter,
        ministry=ministry,
        board_org=board_org,
        digital_group=digital_group,
        board_group=board_group,
        office_staff=UserFactory(
            email="office@adorf.example",
            organisation=office_a,
            roles=[Role.OFFICE_STAFF],
            working_groups=[digital_group],
        ),
        office_staff_b=UserFactory(
            email="office@bestadt.example", organisation=office_b, roles=[Role.OFFICE_STAFF]
        ),
        partner=UserFactory(
            email="partner@jobcenter.example", organisation=jobcenter, roles=[Role.PARTNER_STAFF]
        ),
        board_member=UserFactory(
            email="board@beirat.example",
            organisation=board_org,
            roles=[Role.ADVISORY_BOARD],
            working_groups=[board_group],
        ),
        coordinator=UserFactory(
            email="coordinator@ministerium.example",
            organisation=ministry,
            roles=[Role.COORDINATOR],
        ),
        moderator=UserFactory(
            email="moderator@adorf.example",
            organisation=office_a,
            roles=[Role.OFFICE_STAFF, Role.MODERATOR],
        ),
        administrator=UserFactory(
            email="admin@ministerium.example",
            organisation=ministry,
            roles=[Role.ADMINISTRATOR],
            is_superuser=True,
            is_staff=True,
        ),
    )


def pass_second_factor(client: Client, user) -> None:
    """Record in ``client``'s session that it passed the second factor, as allauth does."""
    session = client.session
    records = session.get(AUTHENTICATION_METHODS_SESSION_KEY, [])
    records.append({"method": "mfa", "at": time.time(), "type": "totp"})
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


@pytest.fixture
def client_for():
    """A logged-in Django test client for a user: ``client_for(network.partner)``.

    Someone with an authenticator app has passed it, as a real login would.
    """

    def make(user, *, mfa: bool = False) -> Client:
        """``mfa=True``: they set up an authenticator app, as privileged actions need."""
        if mfa and not has_totp(user):
            TOTP.activate(user, generate_totp_secret())
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        if has_totp(user):
            # a real login of someone with an authenticator app passes it: say so
            pass_second_factor(client, user)
        return client

    return make


class QueryCounter:
    """Counts queries of a block; ``assert_same`` proves a page does not grow with its items."""

    def count(self, func) -> int:
        with CaptureQueriesContext(connection) as ctx:
            func()
        return len(ctx.captured_queries)

    def assert_constant(self, func, add_items, *, expected: int | None = None) -> int:
        """Run ``func``, add items with ``add_items()``, run again: the count must not change."""
        func()  # warm caches (content types, site root) so both runs count the same
        before = self.count(func)
        add_items()
        with CaptureQueriesContext(connection) as ctx:
            func()
        after = len(ctx.captured_queries)
        queries = "\n".join(q["sql"] for q in ctx.captured_queries)
        assert after == before, f"{before} queries before, {after} after adding items:\n{queries}"
        if expected is not None:
            assert after == expected, f"expected {expected} queries, got {after}:\n{queries}"
        return after


@pytest.fixture
def cached_fragments(settings):
    """Cached fragments on (off in the rest of the suite); returns ``settle``, which runs
    the generation bumps a request's commit would (tests/fragment_cache.py)."""
    from django.core.cache import cache

    from .fragment_cache import settle

    settings.ABHNETZ_FRAGMENT_CACHE = True
    cache.clear()
    settle()
    yield settle
    cache.clear()


@pytest.fixture
def queries() -> QueryCounter:
    return QueryCounter()


# Benchmarks run only with `make bench` (they build thousands of rows).
collect_ignore_glob = [] if os.environ.get("ABHNETZ_BENCH") else ["bench/*"]

"""The demo guides: the titles and audiences the issue names, review and versions to show."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from abhnetz.accounts.models import User
from abhnetz.audiences.rules import can_view
from knowledge.guides.models import GuidePage
from knowledge.guides.selectors import published_versions

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, seeded twice once for the module (the tests only read it: seeding per
    test cost two seed_demo runs each); rolled back after the module's last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(ABHNETZ_DEMO=True):  # seed_demo refuses in production
            call_command("seed_demo", verbosity=0)
            call_command("seed_demo", verbosity=0)  # idempotent: the second adds nothing
        yield
        transaction.set_rollback(True)


def person(email):
    return User.objects.get(email=email)


def guide(title):
    return GuidePage.objects.live().get(title=title)


def test_demo_guides_have_the_named_audiences(seeded):
    office1 = person("office@demo.abhnetz.example")  # first office, WG Digitalisierung
    office2 = person("office2@demo.abhnetz.example")
    partner = person("partner@demo.abhnetz.example")
    board = person("board@demo.abhnetz.example")
    wolf = person("d.wolf@demo.abhnetz.example")  # office 4, WG Digitalisierung

    roster = guide("Dienstplan ServicePoint (intern)")
    assert can_view(office1, roster)
    assert not can_view(office2, roster)
    assert not can_view(partner, roster)

    vendors = guide("E-Akte: Angebotsvergleich der Anbieter")
    assert can_view(wolf, vendors)
    assert can_view(office1, vendors)
    assert not can_view(office2, vendors)
    assert not can_view(partner, vendors)

    fiction = guide("Umgang mit Fiktionsbescheinigungen (nur Ausländerbehörden)")
    assert can_view(office2, fiction)
    assert not can_view(partner, fiction)
    assert not can_view(board, fiction)
    citations = [b.value.citation for b in fiction.body if b.block_type == "legal_reference"]
    assert "§\u00a081 Abs.\u00a04 AufenthG" in citations

    feedback = guide("Rückmeldung des Integrationsbeirats zum ServicePoint")
    assert all(can_view(p, feedback) for p in (office1, office2, partner, board))


def test_demo_has_an_overdue_guide_and_one_with_two_versions(seeded):
    assert GuidePage.objects.live().review_overdue().exists()
    assert GuidePage.objects.live().count() == 9  # nothing added twice
    servicepoint = guide("Einen offenen ServicePoint einrichten")
    assert len(published_versions(servicepoint)) == 2


def test_demo_guides_say_who_approved_them_and_one_waits(seeded):
    from wagtail.models import TaskState

    from knowledge.guides.workflow import approval_status

    coordinator = person("coordinator@demo.abhnetz.example")
    moderator = person("moderator@demo.abhnetz.example")
    administrator = person("admin@demo.abhnetz.example")

    # an office's internal guide is approved inside the office, a coordinator's own guide
    # by the administration, a network guide by the coordination (four eyes everywhere)
    assert approval_status(guide("Dienstplan ServicePoint (intern)")).approved_by == moderator
    assert (
        approval_status(guide("Einen offenen ServicePoint einrichten")).approved_by == coordinator
    )
    for page in GuidePage.objects.live():
        status = approval_status(page)
        assert status.approved_by is None or status.approved_by != page.owner
        if page.owner == coordinator:
            assert status.approved_by == administrator

    # a revised guide awaits the coordinator's review
    waiting = TaskState.objects.reviewable_by(coordinator)
    assert waiting.count() == 1
    rules = guide("Einheitliche Bearbeitungsregeln für die Verlängerung von Aufenthaltstiteln")
    assert approval_status(rules).waiting_for == "Freigabe durch die Netzwerkkoordination"

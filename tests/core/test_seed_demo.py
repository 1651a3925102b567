import pytest
from django.core.management import CommandError, call_command

from abhnetz.accounts.models import User
from abhnetz.announcements.models import Announcement
from abhnetz.organisations.models import Organisation, OrganisationKind, WorkingGroup

DEMO_ACCOUNTS = {
    "office@demo.abhnetz.example": "office_staff",
    "office2@demo.abhnetz.example": "office_staff",
    "partner@demo.abhnetz.example": "partner_staff",
    "board@demo.abhnetz.example": "advisory_board",
    "coordinator@demo.abhnetz.example": "coordinator",
    "moderator@demo.abhnetz.example": "moderator",
    "admin@demo.abhnetz.example": "administrator",
}


def test_refuses_without_the_demo_flag(db, settings):
    # given production-like settings, even with DEBUG on
    settings.ABHNETZ_DEMO = False
    settings.DEBUG = True
    # when seeding, then it refuses and creates nobody with a known password
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_runs_with_the_demo_flag_while_debug_is_off_and_creates_the_network_once(db, settings):
    # the demo serves with DEBUG off (the site's own error pages); one test for both, as
    # each seed_demo run takes seconds (it was two tests that seeded three times)
    settings.ABHNETZ_DEMO = True
    settings.DEBUG = False
    call_command("seed_demo", verbosity=0)
    assert User.objects.filter(email="office@demo.abhnetz.example").exists()
    counts = (User.objects.count(), Organisation.objects.count(), Announcement.objects.count())
    call_command("seed_demo")  # idempotent: nothing doubles
    assert (
        User.objects.count(),
        Organisation.objects.count(),
        Announcement.objects.count(),
    ) == counts

    assert Organisation.objects.filter(kind=OrganisationKind.OFFICE).count() >= 4
    assert (
        Organisation.objects.exclude(
            kind__in=[
                OrganisationKind.OFFICE,
                OrganisationKind.MINISTRY,
                OrganisationKind.ADVISORY_BOARD,
            ]
        ).count()
        >= 3
    )
    assert WorkingGroup.objects.filter(
        name="Interkulturelle Öffnung", is_advisory_board=True
    ).exists()
    for name in ("ServicePoint", "Digitalisierung / elektronische Ausländerakte", "Raumkonzept"):
        assert WorkingGroup.objects.filter(name=name).exists()
    assert Announcement.objects.values("audience_scope").distinct().count() == 3
    for email, role in DEMO_ACCOUNTS.items():
        user = User.objects.get(email=email)
        assert user.check_password("abhnetz-demo")
        assert role in user.role_slugs

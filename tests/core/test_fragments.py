"""Cached fragments: the generation, its bumps and who shares a copy (decision 0071)."""

import pytest
from django.db import transaction

from abhnetz.core import fragments
from abhnetz.core.models import ContentGeneration
from abhnetz.organisations.models import Organisation

from ..factories import OrganisationFactory
from ..fragment_cache import settle


def current() -> int:
    return ContentGeneration.objects.filter(pk=1).values_list("value", flat=True).first() or 0


def test_a_write_raises_the_generation_once_per_transaction_after_commit(
    db, django_capture_on_commit_callbacks
):
    settle()
    before = current()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            OrganisationFactory(name="Ausländerbehörde Cestadt")
            OrganisationFactory(name="Ausländerbehörde Destadt")
            assert current() == before  # not before the commit
    assert len([c for c in callbacks if isinstance(c, fragments._Raise)]) == 1
    assert current() == before + 1


def test_a_rolled_back_write_raises_nothing(db, django_capture_on_commit_callbacks):
    settle()
    before = current()

    def write_then_fail():
        with transaction.atomic():
            OrganisationFactory(name="Ausländerbehörde Eestadt")
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        write_then_fail()
    assert current() == before


def test_deletes_and_memberships_raise_it(network, django_capture_on_commit_callbacks):
    settle()
    before = current()
    with django_capture_on_commit_callbacks(execute=True):
        network.office_staff.groups.remove(network.digital_group.group)
    assert current() == before + 1
    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.filter(pk=network.office_b.pk).update(name="Umbenannt")
    assert current() == before + 1  # update() sends no signal: services bump themselves
    with django_capture_on_commit_callbacks(execute=True):
        OrganisationFactory(name="Ausländerbehörde Festadt").delete()
    assert current() == before + 2  # the membership, then the new one (saved and deleted)


def test_readers_with_the_same_groups_share_a_copy_others_do_not(network, cached_fragments):
    # office A's staff member and a colleague with the very same groups
    from abhnetz.accounts.roles import Role

    from ..factories import UserFactory

    colleague = UserFactory(
        email="kollegin@adorf.example",
        organisation=network.office_a,
        roles=[Role.OFFICE_STAFF],
        working_groups=[network.digital_group],
    )
    built = []

    def build(keys):
        built.append(keys)
        return f"für {sorted(keys)}"

    first = fragments.for_audience("t", network.office_staff, build)
    assert fragments.for_audience("t", colleague, build) == first
    assert len(built) == 1
    # office B's staff member has other groups: a copy of their own
    assert fragments.for_audience("t", network.office_staff_b, build) != first
    assert len(built) == 2


def test_a_persons_copy_is_theirs_alone(network, cached_fragments):
    counts = {network.partner.pk: 3, network.office_staff.pk: 0}
    assert fragments.for_person("n", network.partner, lambda: counts[network.partner.pk]) == 3
    same = fragments.for_person("n", network.office_staff, lambda: counts[network.office_staff.pk])
    assert same == 0


def test_a_new_generation_is_a_new_copy(
    network, cached_fragments, django_capture_on_commit_callbacks
):
    settle()
    values = iter(["alt", "neu"])
    assert fragments.for_audience("t", network.partner, lambda keys: next(values)) == "alt"
    with django_capture_on_commit_callbacks(execute=True):
        fragments.bump()
    network.partner.__dict__.pop("_content_generation")  # the next request's user
    assert fragments.for_audience("t", network.partner, lambda keys: next(values)) == "neu"


def test_off_in_the_suite_builds_every_time(network, settings):
    settings.ABHNETZ_FRAGMENT_CACHE = False
    values = iter([1, 2])
    assert fragments.for_person("n", network.partner, lambda: next(values)) == 1
    assert fragments.for_person("n", network.partner, lambda: next(values)) == 2


def pending_bumps() -> int:
    return sum(
        isinstance(func, fragments._Raise) and not func.done
        for _ids, func, _robust in transaction.get_connection().run_on_commit
    )


def test_reading_pages_writes_nothing_that_empties_the_copies(
    network, client_for, make_guide, cached_fragments
):
    """Copies live only while nothing is written: a page that wrote a watched row while
    it is read (a read marker, a counter) would refresh every copy on every view."""
    from forums import services as forum_services
    from forums.models import Category, ThreadKind

    guide = make_guide("Ein Leitfaden")
    category = network.digital_group.forum_category
    assert isinstance(category, Category)
    thread = forum_services.thread_create(
        author=network.office_staff,
        category=category,
        title="Eine Frage",
        body="Wie?",
        kind=ThreadKind.QUESTION,
    )
    client = client_for(network.office_staff)  # logging in writes last_login
    cached_fragments()
    for path in (
        "/",
        guide.url,
        "/wissen/",
        "/wissen/aufgaben/",
        thread.get_absolute_url(),
        "/forum/",
        "/termine/",
        "/suche/?q=Leitfaden",
        "/benachrichtigungen/",
        "/organisationen/",
        "/personen/",
    ):
        assert client.get(path).status_code == 200, path
        assert pending_bumps() == 0, f"{path} wrote a watched row"

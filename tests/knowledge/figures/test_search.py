"""Key figures in the search: what an office's document says, and that it follows the
months, the office's name and the schema (who finds it: tests/security/test_figures_search.py)."""

import pytest
from django.utils import dateformat

from abhnetz.accounts.roles import Role
from knowledge.figures.models import FigureDefinition, FigureGroup, Sharing
from knowledge.figures.numbers import add_months
from knowledge.figures.services import figure_month_save
from search import services
from search.models import SearchEntry
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def office(db, django_capture_on_commit_callbacks):
    """An office made in a committed transaction, as the index tasks would see it (the
    ``network`` fixture's tasks stay pending in the test's transaction, and a pending
    twin stands for every later reindex of the same office)."""
    with django_capture_on_commit_callbacks(execute=True):
        office = OrganisationFactory(name="Ausländerbehörde Dorfeld")
        office.staff = UserFactory(organisation=office, roles=[Role.OFFICE_STAFF])
    return office


def office_entry(office):
    return SearchEntry.objects.filter(owner=f"office_figures:{office.pk}").first()


def test_a_submitted_month_makes_the_office_findable_in_german(
    network, office, submit_month, share, last_month, django_capture_on_commit_callbacks
):
    # given the office saved a draft only
    with django_capture_on_commit_callbacks(execute=True):
        figure_month_save(
            organisation=office,
            month=add_months(last_month, -1),
            values={"besuche_gesamt": 900},
            by=office.staff,
            submit=False,
        )
    # then there is nothing to find yet
    assert office_entry(office) is None
    # when it submits last month and shares with the network
    with django_capture_on_commit_callbacks(execute=True):
        submit_month(office, office.staff, last_month, personalstunden="160.5")
        share(office, office.staff, Sharing.NETWORK)
    # then its document names the latest month and its figures the German way
    entry = office_entry(office)
    assert entry.title == "Kennzahlen: Ausländerbehörde Dorfeld"
    assert dateformat.format(last_month, "F Y") in entry.summary
    assert "Personalstunden am ServicePoint (Stunden): 160,5" in entry.body
    assert entry.url.endswith(f"?office={office.pk}")
    hit = services.search(network.partner, "Kennzahlen Dorfeld").hits[0]
    assert hit.kind == "figures"


def test_a_correction_and_a_new_name_are_found_after_commit(
    office, submit_month, share, last_month, django_capture_on_commit_callbacks
):
    # given the office's submitted month, shared with the network
    with django_capture_on_commit_callbacks(execute=True):
        submit_month(office, office.staff, last_month, besuche_gesamt=1234)
        share(office, office.staff, Sharing.NETWORK)
    assert "1.234" in office_entry(office).body
    # when the month is corrected and the office renamed
    with django_capture_on_commit_callbacks(execute=True):
        submit_month(office, office.staff, last_month, besuche_gesamt=1300)
        office.name = "Ausländerbehörde Dorfeld-Nord"
        office.save()
    # then the document says both
    entry = office_entry(office)
    assert "1.300" in entry.body
    assert "1.234" not in entry.body
    assert entry.title == "Kennzahlen: Ausländerbehörde Dorfeld-Nord"


def test_a_renamed_figure_is_found_under_its_new_label(
    office, submit_month, last_month, django_capture_on_commit_callbacks
):
    # given a submitted month and the schema's groups in the index
    with django_capture_on_commit_callbacks(execute=True):
        submit_month(office, office.staff, last_month)
    services.rebuild(indexer_names=["figure_group"])
    # when the coordinator renames a figure
    definition = FigureDefinition.objects.get(key="personalstunden")
    with django_capture_on_commit_callbacks(execute=True):
        definition.label = "Besetzte Schalterstunden"
        definition.save()
    # then the office's and the group's documents use the new label
    assert "Besetzte Schalterstunden" in office_entry(office).body
    group = SearchEntry.objects.get(owner=f"figure_group:{definition.group_id}")
    assert "Besetzte Schalterstunden" in group.body
    assert "Ausländerbehörde" not in group.body


def test_every_group_of_the_schema_is_indexed_by_a_rebuild(db):
    services.rebuild(indexer_names=["figure_group"])
    groups = FigureGroup.objects.count()
    assert groups >= 4
    assert SearchEntry.objects.filter(owner__startswith="figure_group:").count() == groups

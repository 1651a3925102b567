"""Organisations as search documents: what every member may find about them."""

from abhnetz.audiences.rules import MEMBER_KEY
from abhnetz.organisations.indexers import OrganisationIndexer, organisation_facet
from abhnetz.organisations.models import OrganisationKind, State
from search.documents import FacetValue
from search.services import search
from tests.factories import OrganisationFactory


def test_an_organisation_is_one_member_wide_document_with_its_facts(db):
    # given a jobcenter with address, contact data, a description and access domains
    organisation = OrganisationFactory(
        name="Jobcenter Adorf",
        short_name="JC Adorf",
        kind=OrganisationKind.JOBCENTER,
        state=State.HE,
        street="Hauptstraße 1",
        postcode="12345",
        city="Adorf",
        email="info@jobcenter-adorf.example",
        phone="0611 123",
        description="Zuständig für Leistungen nach dem SGB II.",
        email_domains="jc-adorf.example",
    )

    # when it is indexed
    [document] = OrganisationIndexer().documents(organisation)

    # then every member finds it under its name, with kind and city as summary
    assert document.key == f"organisation:{organisation.pk}"
    assert document.kind == "organisation"
    assert document.title == "Jobcenter Adorf"
    assert document.url == organisation.get_absolute_url()
    assert document.summary == f"{OrganisationKind.JOBCENTER.label}, Adorf"
    assert document.audience_keys == frozenset({MEMBER_KEY})
    assert document.audience_scope == "member"
    assert document.audience_source is None
    assert document.organisation == FacetValue("jobcenter-adorf", "Jobcenter Adorf")
    # and the body holds what its directory page shows every member ...
    for fact in ("JC Adorf", "Hessen", "Hauptstraße 1", "12345 Adorf", "0611 123", "SGB II"):
        assert fact in document.body
    assert "info@jobcenter-adorf.example" in document.body
    # ... but not the e-mail domains, which only administrators see there
    assert "jc-adorf.example" not in document.body


def test_every_organisation_is_findable(db):
    organisations = OrganisationFactory.create_batch(2)
    assert set(OrganisationIndexer().queryset()) == set(organisations)
    assert OrganisationIndexer().load(organisations[0].pk) == organisations[0]


def test_the_facet_value_is_the_slug_and_its_label_the_name(db):
    organisation = OrganisationFactory(name="Ausländerbehörde Adorf")
    assert organisation_facet(organisation) == FacetValue(
        "auslaenderbehoerde-adorf", "Ausländerbehörde Adorf"
    )
    assert organisation_facet(None) is None


def test_a_new_organisation_is_found_by_every_member(network, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        organisation = OrganisationFactory(
            name="Sozialamt Cedorf", kind=OrganisationKind.SOCIAL_OFFICE, city="Cedorf"
        )
    hits = search(network.board_member, "Sozialamt").hits
    assert [hit.key for hit in hits] == [f"organisation:{organisation.pk}"]
    assert hits[0].url == organisation.get_absolute_url()
    # and it is its own organisation facet
    assert search(network.partner, "Cedorf", filters={"organisation": [organisation.slug]}).total
    assert not search(
        network.partner, "Cedorf", filters={"organisation": [network.office_a.slug]}
    ).total

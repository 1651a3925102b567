"""The demo forms: real PDFs in two languages, for different audiences, seeded once."""

import io

from abhnetz.audiences.models import AudienceScope
from abhnetz.core.management.commands.seed_demo import DemoNetwork
from knowledge.documents.demo import FORMS, seed_documents
from knowledge.documents.models import Document, FormItem
from tests.factories import TopicFactory, WorkingGroupFactory


def demo_network(network) -> DemoNetwork:
    slugs = {slug for form in FORMS for slug in form[2]}
    return DemoNetwork(
        topics={slug: TopicFactory(slug=slug, name=slug) for slug in slugs},
        organisations={"office1": network.office_a, "ministry": network.ministry},
        working_groups={"digital": network.digital_group, "servicepoint": WorkingGroupFactory()},
        people={
            "coordinator@demo.abhnetz.example": network.coordinator,
            "office@demo.abhnetz.example": network.office_staff,
        },
        stdout=io.StringIO(),
    )


def test_seeding_twice_adds_nothing_twice(network):
    demo = demo_network(network)
    # when the demo is seeded twice
    seed_documents(demo)
    counts = (FormItem.objects.count(), Document.objects.count())
    seed_documents(demo)
    # then the second run found everything in place
    assert (FormItem.objects.count(), Document.objects.count()) == counts
    # and the application form comes in German and English, as real PDF files
    application = FormItem.objects.get(title="Antrag auf Erteilung eines Aufenthaltstitels")
    versions = {doc.language: doc for doc in application.versions.all()}
    assert set(versions) == {"de", "en"}
    with versions["en"].open_file() as file:
        assert file.read(5) == b"%PDF-"
    # and the forms have different audiences
    scopes = {doc.audience_scope for doc in Document.objects.all()}
    assert scopes == {AudienceScope.NETWORK, AudienceScope.OFFICES, AudienceScope.SELECTED}


def test_a_persons_data_export_lists_the_documents_they_uploaded(network, make_document):
    from abhnetz.accounts.data_services import user_data_export

    # given a document uploaded by office staff
    make_document("Checkliste", uploader=network.office_staff)
    # when they export their data, then the document is in it
    export = user_data_export(user=network.office_staff)
    assert [entry["title"] for entry in export["uploaded_documents"]] == ["Checkliste"]
    # and nobody else's export lists it
    assert user_data_export(user=network.partner)["uploaded_documents"] == []

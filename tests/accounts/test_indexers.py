"""People as search documents: exactly who the directory lists, with what it lists."""

from abhnetz.accounts.data_services import profile_update, user_delete
from abhnetz.accounts.indexers import PersonIndexer
from abhnetz.audiences.rules import MEMBER_KEY
from search.documents import FacetValue
from search.services import search
from tests.factories import TopicFactory, UserFactory


def test_a_person_is_one_member_wide_document_with_the_directory_entry(network):
    # given office staff A with a function, a phone number and things to ask her about
    person = network.office_staff
    person.first_name, person.last_name = "Anna", "Adler"
    person.function, person.phone = "Teamleitung", "0611 98765"
    person.expertise_note = "Terminvergabe"
    person.save()
    person.expertise.add(TopicFactory(name="ServicePoint", slug="servicepoint"))

    # when she is indexed
    [document] = PersonIndexer().documents(PersonIndexer().load(person.pk))

    # then members find her by name, function, organisation and expertise
    assert document.key == f"person:{person.pk}"
    assert document.kind == "person"
    assert document.title == "Anna Adler"
    assert document.url == person.get_absolute_url()
    assert document.summary == "Teamleitung, Ausländerbehörde Adorf"
    assert document.body == "ServicePoint\nTerminvergabe"
    assert document.topics == (FacetValue("servicepoint", "ServicePoint"),)
    assert document.organisation == FacetValue(network.office_a.slug, "Ausländerbehörde Adorf")
    assert document.audience_keys == frozenset({MEMBER_KEY})
    assert document.audience_scope == "member"
    assert document.audience_source is None


def test_the_person_document_holds_no_contact_data(network):
    # the directory list shows no contact data; the profile page is not search's business
    person = network.office_staff
    person.phone = "0611 98765"
    person.save()
    [document] = PersonIndexer().documents(person)
    text = " ".join((document.title, document.summary, document.body, document.url))
    assert person.email not in text
    assert "adorf.example" not in text
    assert "98765" not in text


def test_someone_without_an_organisation_or_function(db):
    person = UserFactory(first_name="Olga", last_name="Ohne", function="")
    [document] = PersonIndexer().documents(person)
    assert document.summary == ""
    assert document.organisation is None


def test_a_former_member_is_not_findable(network):
    # given a deactivated account ("former member")
    dormant = UserFactory(first_name="Ruhend", organisation=network.office_a, is_active=False)
    indexer = PersonIndexer()

    # then it is neither loaded nor turned into a document
    assert indexer.load(dormant.pk) is None
    assert dormant not in indexer.queryset()
    assert list(indexer.documents(dormant)) == []
    # while the active members are, as in the directory
    assert network.office_staff in indexer.queryset()


# -- end to end: saves reach the search after commit --------------------------------


def test_a_profile_is_found_by_name_and_expertise_not_by_address(
    network, django_capture_on_commit_callbacks
):
    # given a member who may be asked about the e-file
    topic = TopicFactory(name="E-Akte", slug="e-akte")
    with django_capture_on_commit_callbacks(execute=True):
        person = UserFactory(first_name="Berta", last_name="Brandt", organisation=network.office_b)
        profile_update(
            user=person,
            first_name="Berta",
            last_name="Brandt",
            function="Sachgebietsleitung",
            phone="",
            expertise=[topic],
            expertise_note="Scanstraße",
        )

    # then every member finds her by name, expertise and free text
    for text in ("Brandt", "E-Akte", "Scanstraße"):
        hits = search(network.partner, text).hits
        assert [hit.key for hit in hits] == [f"person:{person.pk}"], text
    # but not by her e-mail address
    assert search(network.partner, person.email).total == 0


def test_a_deactivated_member_leaves_the_search(network, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        person = UserFactory(first_name="Berta", last_name="Brandt")
    assert search(network.partner, "Brandt").total == 1

    # when her account is deactivated she is a former member: not findable any more
    with django_capture_on_commit_callbacks(execute=True):
        person.is_active = False
        person.save()
    assert search(network.partner, "Brandt").total == 0


def test_a_deleted_account_leaves_the_search(network, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        person = UserFactory(first_name="Carla", last_name="Clausen")
    assert search(network.partner, "Clausen").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        user_delete(user=person)
    assert search(network.partner, "Clausen").total == 0

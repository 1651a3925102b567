"""The export holds everything that names the person (DSGVO Art. 15), by construction:
every relation to the user is declared by an export section or excluded here with a
reason, and what the issue found missing (guides, action items, announcements, join
requests, onboarding acts) is in it, in a bounded number of queries."""

import datetime
import json

import pytest
from django.urls import reverse
from wagtail.models import Revision

from abhnetz.accounts.data_services import (
    BUILT_IN_SECTIONS,
    declared_exports,
    user_data_export,
)
from abhnetz.accounts.models import AccessRequest, AccessRequestStatus, Invitation, User
from abhnetz.audiences.models import Audience
from knowledge.guides.models import GuidePage
from knowledge.minutes.models import ActionItem, MeetingType, MinutesPage
from knowledge.minutes.services import action_item_complete
from knowledge.spaces.models import JoinRequest
from tests.factories import make_announcement

# Relations to the user that hold nothing about the person beyond what other sections
# export, or only for minutes; each needs its reason.
NOT_EXPORTED = {
    "audiences.AudienceEntry.user": "the author's key in the audience index: a copy of "
    "authorship that the content's own section already exports",
    "wagtailadmin.EditingSession.user": "who has an editor open right now; Wagtail "
    "deletes it within minutes",
    "wagtailadmin.FormState.user": "unsaved form state of the editor, kept only while "
    "the form is open",
    "wagtailcore.UploadedFile.uploaded_by_user": "a file on its way into the document or "
    "image library (exported there once saved); Wagtail deletes the rest",
    "wagtaildocs.Document.uploaded_by_user": "Wagtail's own document model is unused: "
    "WAGTAILDOCS_DOCUMENT_MODEL is knowledge's Document, exported by its app",
}


def user_relations() -> set[str]:
    """Every foreign key, one-to-one and many-to-many that points at the user model."""
    return {
        f"{field.related_model._meta.label}.{field.field.name}"
        for field in User._meta.get_fields(include_hidden=True)
        if field.is_relation and field.auto_created and not field.concrete
    }


def test_every_relation_to_a_person_is_exported_or_excused():
    missing = user_relations() - declared_exports() - NOT_EXPORTED.keys()
    assert not missing, (
        "These relations name a person but no export section declares them: add a "
        "section (@exports(...) on a USER_DATA_EXPORT_HOOK) or a reason to NOT_EXPORTED: "
        f"{sorted(missing)}"
    )


def test_no_declaration_is_stale():
    # a declared relation that no longer exists would hide a renamed one
    assert declared_exports() - user_relations() == set()
    assert not declared_exports() & NOT_EXPORTED.keys()


def test_a_new_relation_without_an_export_is_caught():
    # given an app that adds a foreign key to the user but no export section
    relations = user_relations() | {"newapp.Thing.person"}

    # then the check names it
    assert relations - declared_exports() - NOT_EXPORTED.keys() == {"newapp.Thing.person"}


@pytest.fixture
def busy_member(network, publish_page, django_capture_on_commit_callbacks):
    """Office staff A with something in every area the issue named."""
    person = network.office_staff
    with django_capture_on_commit_callbacks(execute=True):
        guide = publish_page(
            "Leitfaden ServicePoint", owner=person, page_class=GuidePage, deputy=None
        )
        publish_page(
            "Leitfaden Terminvergabe",
            owner=network.office_staff_b,
            page_class=GuidePage,
            deputy=person,
        )
        minutes = publish_page(
            "Protokoll Vernetzungstreffen",
            owner=network.coordinator,
            page_class=MinutesPage,
            meeting_date=datetime.date(2026, 4, 18),
            meeting_type=MeetingType.NETWORKING,
            place="Ministerium",
            action_items=[
                ActionItem(title="Checkliste teilen", owner_person=person),
                ActionItem(title="Raum buchen", owner_person=network.coordinator),
            ],
        )
        hidden = publish_page(
            "Protokoll nur Ministerium",
            owner=network.coordinator,
            page_class=MinutesPage,
            meeting_date=datetime.date(2026, 4, 18),
            meeting_type=MeetingType.NETWORKING,
            place="Ministerium",
            audience=Audience.selected(organisations=[network.ministry]),
            action_items=[ActionItem(title="Geheime Aufgabe", owner_person=person)],
        )
    item = ActionItem.objects.get(page_id=minutes.pk, title="Checkliste teilen")
    action_item_complete(item=item, by=person)
    make_announcement(person, title="Neue Öffnungszeiten")
    JoinRequest.objects.create(
        user=person, working_group=network.board_group, message="Ich möchte mitlesen."
    )
    # someone else's revision of the owned guide: theirs, not hers
    guide.save_revision(user=network.coordinator)
    return {"person": person, "guide": guide, "minutes": minutes, "hidden": hidden}


def test_the_export_holds_guides_action_items_announcements_and_join_requests(
    busy_member, network, client_for
):
    person = busy_member["person"]

    # when office staff A downloads their data
    data = json.loads(client_for(person).get(reverse("my_data_export")).content)

    # then the guides they own and every version they saved are there
    assert [page["title"] for page in data["pages"]] == ["Leitfaden ServicePoint"]
    assert {revision["object"] for revision in data["revisions"]} == {"Leitfaden ServicePoint"}
    assert len(data["revisions"]) == Revision.objects.filter(user=person).count()
    assert [guide["title"] for guide in data["guides_as_deputy"]] == ["Leitfaden Terminvergabe"]
    # and their action items (not the coordinator's), with when they were done
    assigned = data["action_items"]["assigned"]
    assert [(a["title"], a["minutes"]) for a in assigned] == [
        ("Checkliste teilen", "Protokoll Vernetzungstreffen")
    ]
    assert assigned[0]["done_at"] is not None
    assert len(data["action_items"]["marked_done"]) == 1
    # but nothing of minutes they may not read, not even a title
    assert "Geheime Aufgabe" not in json.dumps(data)
    assert "Protokoll nur Ministerium" not in json.dumps(data)
    # and their announcements and join requests
    assert [a["title"] for a in data["announcements"]] == ["Neue Öffnungszeiten"]
    assert [r["message"] for r in data["working_group_join_requests"]["asked"]] == [
        "Ich möchte mitlesen."
    ]


def test_the_export_holds_what_a_coordinator_did(network, client_for):
    # given a coordinator who invited someone and declined a request
    coordinator = network.coordinator
    Invitation.objects.create(
        email="neu@adorf.example",
        organisation=network.office_a,
        role="office_staff",
        token_hash="a" * 64,
        expires_at=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC),
        invited_by=coordinator,
    )
    AccessRequest.objects.create(
        first_name="Paula",
        last_name="Probst",
        email="paula@privat.example",
        message="Bitte freischalten.",
        status=AccessRequestStatus.DECLINED,
        decided_by=coordinator,
        decline_reason="Keine teilnehmende Behörde.",
    )
    network.digital_group.coordinator = coordinator
    network.digital_group.save()

    data = user_data_export(user=coordinator)

    assert [i["email"] for i in data["invitations_sent"]] == ["neu@adorf.example"]
    assert [d["decline_reason"] for d in data["access_requests_decided"]] == [
        "Keine teilnehmende Behörde."
    ]
    # the requester's own words are theirs, not part of the coordinator's data
    assert "Bitte freischalten." not in json.dumps(data, default=str)
    assert [g["name"] for g in data["coordinated_working_groups"]] == [network.digital_group.name]


def test_the_export_makes_as_many_queries_for_many_items_as_for_few(
    busy_member, network, queries, publish_page, django_capture_on_commit_callbacks
):
    person = busy_member["person"]

    def add_items():
        with django_capture_on_commit_callbacks(execute=True):
            for number in range(3):
                publish_page(
                    f"Leitfaden {number}", owner=person, page_class=GuidePage, deputy=person
                )
                make_announcement(person, title=f"Mitteilung {number}")
                publish_page(
                    f"Protokoll {number}",
                    owner=network.coordinator,
                    page_class=MinutesPage,
                    meeting_date=datetime.date(2026, 4, 18),
                    meeting_type=MeetingType.NETWORKING,
                    place="Ministerium",
                    action_items=[ActionItem(title=f"Aufgabe {number}", owner_person=person)],
                )

    # the built-in sections, one query each but: invitations 2 and access requests 2
    # (the person's addresses first), workflow 2 (requests, decisions), history 3 (page
    # log, model log, Django's admin log): 26 whatever the person has
    queries.assert_constant(
        lambda: [section(person) for section in BUILT_IN_SECTIONS.values()],
        add_items,
        expected=26,
    )
    # and the apps' sections (one or two each) do not grow with the items either
    queries.assert_constant(lambda: user_data_export(user=person), add_items)

"""Knowledge's notification kinds, sent where the events happen."""

import datetime

from django.core import mail
from wagtail.users.models import UserProfile

from abhnetz.accounts.models import User
from abhnetz.audiences.models import Audience
from abhnetz.notifications.models import MailState, Notification
from abhnetz.notifications.registry import get_kind
from abhnetz.topics.services import topic_follow
from knowledge.minutes.models import ActionItem, MeetingType, MinutesPage
from tests.factories import TopicFactory, UserFactory

from .guides.test_workflow import decide, draft, submit


def kinds_of(person) -> list[str]:
    return sorted(Notification.objects.filter(recipient=person).values_list("kind", flat=True))


def test_knowledge_registers_its_kinds(db):
    for key in (
        "guides.approved",
        "guides.changes_requested",
        "guides.review_due",
        "minutes.action_item_assigned",
        "knowledge.new_in_followed_topic",
        "spaces.join_request_decided",
        "spaces.join_request_waits",
        "accounts.access_request_waits",
        "minutes.published_for_my_group",
    ):
        assert get_kind(key).label


def test_an_approved_guide_tells_its_author_in_their_language(
    network, knowledge_index, django_capture_on_commit_callbacks
):
    # given an English-speaking author's draft, submitted
    UserProfile.objects.update_or_create(
        user=network.office_staff, defaults={"preferred_language": "en"}
    )
    guide = draft(knowledge_index, network.office_staff, title="Service <Point> & mehr")
    state = submit(guide, network.office_staff)

    # when the coordinator approves
    with django_capture_on_commit_callbacks(execute=True):
        decide(state, network.coordinator, "approve")

    # then the author has one notification and one English mail with a plain subject
    assert kinds_of(network.office_staff) == ["guides.approved"]
    author_mails = [m for m in mail.outbox if m.to == [network.office_staff.email]]
    assert len(author_mails) == 1
    assert "Approved and published: “Service <Point> & mehr”" in author_mails[0].subject
    assert author_mails[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_changes_requested_reach_the_author_of_a_never_published_draft(
    network, knowledge_index, django_capture_on_commit_callbacks, client_for
):
    guide = draft(knowledge_index, network.office_staff)
    state = submit(guide, network.office_staff)
    with django_capture_on_commit_callbacks(execute=True):
        decide(state, network.coordinator, "reject", comment="Bitte Quellen ergänzen.")
    notification = Notification.objects.get(recipient=network.office_staff)
    assert notification.kind == "guides.changes_requested"
    # the inbox shows it to the author (their draft), and it opens the editor
    client = client_for(network.office_staff)
    assert guide.title in client.get("/benachrichtigungen/").content.decode()
    response = client.get(f"/benachrichtigungen/{notification.pk}/")
    assert response["Location"] == f"/admin/pages/{guide.pk}/edit/"
    # nobody else sees a draft's notification
    assert not Notification.objects.visible_to(network.office_staff_b).exists()


def test_followers_of_a_topic_hear_of_new_pages_once_in_the_digest(network, publish_page):
    # given two followers of a topic, one outside the page's audience
    topic = TopicFactory(name="ServicePoint")
    topic_follow(user=network.office_staff, topic=topic)
    topic_follow(user=network.partner, topic=topic)

    # when a page for offices only on that topic is published, and published again
    page = publish_page("Neu im Thema", audience=Audience.offices(), topics=[topic])
    page.save_revision().publish()

    # then only the office follower was told, once, for the digest
    assert kinds_of(network.office_staff) == ["knowledge.new_in_followed_topic"]
    assert kinds_of(network.partner) == []
    assert Notification.objects.get().mail_state == MailState.DIGEST


def minutes(publish_page, *, audience=None, action_items=(), parent=None):
    return publish_page(
        "Protokoll Workshop",
        audience=audience,
        page_class=MinutesPage,
        meeting_date=datetime.date(2026, 4, 18),
        meeting_type=MeetingType.WORKSHOP,
        place="Raum 1",
        action_items=[ActionItem(**item) for item in action_items],
    )


def test_action_item_owners_and_their_organisation_are_told(network, publish_page):
    # when minutes assign one item to the partner and one to office B
    minutes(
        publish_page,
        action_items=[
            {"title": "Zahlen liefern", "owner_person": network.partner},
            {"title": "Raum buchen", "owner_organisation": network.office_b},
        ],
    )

    # then the partner and everybody of office B are told, nobody else
    told = set(
        Notification.objects.filter(kind="minutes.action_item_assigned").values_list(
            "recipient", flat=True
        )
    )
    expected = {
        network.partner.pk,
        *User.objects.filter(organisation=network.office_b).values_list("pk", flat=True),
    }
    assert told == expected


def test_members_hear_of_minutes_for_their_working_group(network, publish_page):
    colleague = UserFactory(organisation=network.office_b, working_groups=[network.digital_group])
    minutes(publish_page, audience=Audience.selected(working_groups=[network.digital_group]))
    told = set(
        Notification.objects.filter(kind="minutes.published_for_my_group").values_list(
            "recipient", flat=True
        )
    )
    assert told == {network.office_staff.pk, colleague.pk}


def test_join_requests_notify_the_deciders_and_then_the_asker(network):
    from knowledge.spaces.services import join_request_approve, join_request_submit

    # when the partner asks to join a group without a coordinator of its own
    request = join_request_submit(
        user=network.partner, working_group=network.digital_group, message="Gern dabei."
    )
    # then the network's coordination is told it waits
    assert kinds_of(network.coordinator) == ["spaces.join_request_waits"]

    # when the coordinator approves, the partner is told
    join_request_approve(join_request=request, by=network.coordinator)
    assert kinds_of(network.partner) == ["spaces.join_request_decided"]
    # and nobody else sees these notifications
    assert not Notification.objects.visible_to(network.office_staff).exists()


def test_an_access_request_waits_for_coordinators_and_administrators(network):
    from abhnetz.accounts.onboarding_services import access_request_submit

    network.office_a.email_domains = "adorf.example"
    network.office_a.save()
    access_request_submit(
        first_name="Paula",
        last_name="Probst",
        email="paula@adorf.example",
        organisation=network.office_a,
    )
    told = set(
        Notification.objects.filter(kind="accounts.access_request_waits").values_list(
            "recipient", flat=True
        )
    )
    assert told == {network.coordinator.pk, network.administrator.pk}


def test_review_due_is_a_notification_for_owner_and_deputy(network, publish_page):
    from knowledge.guides.models import GuidePage
    from knowledge.guides.services import review_reminder_send

    guide = publish_page(
        "Alt",
        owner=network.office_staff,
        page_class=GuidePage,
        deputy=network.moderator,
        review_due_on=datetime.date(2026, 1, 1),
    )
    assert review_reminder_send(guide=guide)
    assert kinds_of(network.office_staff) == ["guides.review_due"]
    assert kinds_of(network.moderator) == ["guides.review_due"]


def test_one_event_reaches_each_person_in_their_language(
    network, publish_page, django_capture_on_commit_callbacks
):
    # given the partner chose English, office B's staff did not
    UserProfile.objects.update_or_create(
        user=network.partner, defaults={"preferred_language": "en"}
    )

    # when one set of minutes assigns both an action item
    with django_capture_on_commit_callbacks(execute=True):
        minutes(
            publish_page,
            action_items=[
                {"title": "Zahlen liefern", "owner_person": network.partner},
                {"title": "Raum buchen", "owner_person": network.office_staff_b},
            ],
        )

    # then each got the same notice in their own language
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[network.partner.email] == (
        "[ABH-Netz] An action item was assigned to me or my organisation: Protokoll Workshop"
    )
    assert subjects[network.office_staff_b.email] == (
        "[ABH-Netz] Mir oder meiner Organisation wurde eine Aufgabe zugewiesen: Protokoll Workshop"
    )

"""Who writes guides, and how a guide gets published: the coordinators approve."""

import pytest
from django.core import mail

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from knowledge.guides.models import GuidePage

from .conftest import text


def draft(index, owner, title="Online-Terminvergabe einführen", audience=None) -> GuidePage:
    guide = GuidePage(
        title=title,
        summary="Wie die Einführung gelingt.",
        owner=owner,
        live=False,
        body=[text("<p>Erste Fassung.</p>")],
    )
    audience_assign(guide, audience or Audience.network())
    index.add_child(instance=guide)
    guide.save_revision(user=owner)
    return guide


def submit(guide, user):
    workflow = guide.get_workflow()
    assert workflow is not None
    assert workflow.name == "Freigabe durch die Netzwerkkoordination"
    return workflow.start(guide, user)


def decide(workflow_state, user, action, **kwargs):
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, user, action, **kwargs)


def test_office_staff_may_add_guides_and_edit_only_their_own(network, knowledge_index, make_guide):
    # given a guide by office A's staff member
    own = make_guide("Eigener Leitfaden", owner=network.office_staff)
    other = make_guide("Fremder Leitfaden", owner=network.office_staff_b)

    # then they may add guides under /wissen/ and edit their own, but publish nothing
    index_permissions = knowledge_index.permissions_for_user(network.office_staff)
    assert index_permissions.can_add_subpage()
    assert GuidePage in list(knowledge_index.specific_class.allowed_subpage_models())
    assert own.permissions_for_user(network.office_staff).can_edit()
    assert not own.permissions_for_user(network.office_staff).can_publish()
    assert not other.permissions_for_user(network.office_staff).can_edit()
    assert network.office_staff.has_perm("wagtailadmin.access_admin")


@pytest.mark.parametrize("person", ["partner", "board_member"])
def test_partners_and_the_advisory_board_never_edit_guides(
    network, client_for, knowledge_index, make_guide, person
):
    # given a guide a partner or board member can read, even one they own
    user = getattr(network, person)
    guide = make_guide("Leitfaden", owner=network.office_staff)
    theirs = make_guide("Ihr Leitfaden", owner=user)

    # then Wagtail gives them no right on it ...
    assert not knowledge_index.permissions_for_user(user).can_add_subpage()
    assert not guide.permissions_for_user(user).can_edit()
    assert not theirs.permissions_for_user(user).can_edit()
    assert not user.has_perm("wagtailadmin.access_admin")

    # ... and the admin's editor keeps them out
    client = client_for(user)
    for url in (
        f"/admin/pages/{guide.pk}/edit/",
        f"/admin/pages/add/guides/guidepage/{knowledge_index.pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"page-edit-form" not in response.content


def test_office_staff_reach_the_guide_editor_with_the_audience_preview(
    network, client_for, knowledge_index
):
    response = client_for(network.office_staff).get(
        f"/admin/pages/add/guides/guidepage/{knowledge_index.pk}/"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "guides/audience_preview" in html
    assert 'data-preview-url="/zielgruppe/vorschau/"' in html


def test_a_draft_is_published_only_after_the_coordinator_approves(
    network, knowledge_index, django_capture_on_commit_callbacks
):
    # given a draft by office staff, submitted for approval
    guide = draft(knowledge_index, network.office_staff)
    with django_capture_on_commit_callbacks(execute=True):
        state = submit(guide, network.office_staff)
    guide.refresh_from_db()

    # then it is not published yet, and readers do not see it
    assert not guide.live
    assert state.status == state.STATUS_IN_PROGRESS
    mail.outbox.clear()

    # when a coordinator approves
    with django_capture_on_commit_callbacks(execute=True):
        decide(state, network.coordinator, "approve", comment="")
    guide.refresh_from_db()

    # then it is published, and the author hears it once
    assert guide.live
    to_author = [m for m in mail.outbox if m.to == [network.office_staff.email]]
    assert len(to_author) == 1
    assert guide.title in to_author[0].subject
    assert len(mail.outbox) == 1


def test_the_author_hears_when_changes_are_requested(
    network, knowledge_index, django_capture_on_commit_callbacks
):
    # given a submitted draft
    guide = draft(knowledge_index, network.office_staff)
    state = submit(guide, network.office_staff)
    mail.outbox.clear()

    # when the coordinator asks for changes
    with django_capture_on_commit_callbacks(execute=True):
        decide(state, network.coordinator, "reject", comment="Bitte die Rechtsgrundlage ergänzen.")
    guide.refresh_from_db()

    # then it stays unpublished and the author gets the comment, once
    assert not guide.live
    assert [m.to for m in mail.outbox] == [[network.office_staff.email]]
    assert "Bitte die Rechtsgrundlage ergänzen." in mail.outbox[0].body


def test_only_the_coordinators_may_approve(network, knowledge_index):
    guide = draft(knowledge_index, network.office_staff)
    state = submit(guide, network.office_staff)
    task = state.current_task_state.task.specific
    assert task.user_can_access_editor(guide, network.coordinator)
    assert task.get_actions(guide, network.coordinator)
    for person in ("office_staff_b", "partner", "board_member", "moderator"):
        assert task.get_actions(guide, getattr(network, person)) == []


SUBJECT_WORD = "Zur Freigabe"


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def test_each_approver_is_asked_once_and_nobody_else(
    network, knowledge_index, django_capture_on_commit_callbacks
):
    # given a network draft by office staff
    guide = draft(knowledge_index, network.office_staff)

    # when it is submitted
    with django_capture_on_commit_callbacks(execute=True):
        submit(guide, network.office_staff)

    # then the coordinator and the administrator get exactly one mail each, one address per mail
    for approver in (network.coordinator, network.administrator):
        (message,) = mails_to(approver.email)
        assert message.to == [approver.email]
        assert guide.title in message.subject
        assert f"/admin/pages/{guide.pk}/edit/" in message.body
    assert len(mail.outbox) == 2


def test_approvers_outside_the_audience_are_not_asked(
    network, knowledge_index, django_capture_on_commit_callbacks
):
    # given a draft for office A only, which the ministry's coordinator and administrator
    # may not read
    guide = draft(
        knowledge_index,
        network.office_staff,
        audience=Audience.selected(organisations=[network.office_a]),
    )

    # when it is submitted, only office A's moderator is asked
    with django_capture_on_commit_callbacks(execute=True):
        state = submit(guide, network.office_staff)
    assert [m.to for m in mail.outbox] == [[network.moderator.email]]
    assert SUBJECT_WORD in mail.outbox[0].subject
    task = state.current_task_state.task.specific
    assert task.get_actions(guide, network.coordinator) == []


def test_the_author_is_not_asked_to_approve_their_own_guide(
    network, knowledge_index, django_capture_on_commit_callbacks
):
    # given a coordinator's own draft
    guide = draft(knowledge_index, network.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        submit(guide, network.coordinator)
    # then only the administrator is asked
    assert [m.to for m in mail.outbox] == [[network.administrator.email]]


def test_approvers_who_switched_submitted_mails_off_are_not_asked(
    network, knowledge_index, django_capture_on_commit_callbacks
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(network.coordinator)
    profile.submitted_notifications = False
    profile.save()
    guide = draft(knowledge_index, network.office_staff)
    with django_capture_on_commit_callbacks(execute=True):
        submit(guide, network.office_staff)
    assert [m.to for m in mail.outbox] == [[network.administrator.email]]


def test_only_the_sites_own_groups_and_workflow_are_in_the_admin(db):
    from django.contrib.auth.models import Group
    from wagtail.models import Page, Task, Workflow

    # Wagtail's English defaults are gone ...
    names = set(Group.objects.values_list("name", flat=True))
    assert not names & {"Editors", "Moderators"}
    assert list(Workflow.objects.values_list("name", flat=True)) == [
        "Freigabe durch die Netzwerkkoordination"
    ]
    assert list(Task.objects.values_list("name", flat=True)) == [
        "Freigabe durch die Netzwerkkoordination"
    ]
    # ... and no page outside /wissen/ waits for an approval nobody gives
    assert Page.get_first_root_node().get_workflow() is None


def test_coordinators_write_guides_but_publish_only_through_approval(
    network, knowledge_index, make_guide
):
    # given a guide a coordinator owns
    guide = make_guide("Eigener Leitfaden", owner=network.coordinator)

    # then they may edit it and add guides, but publish neither directly
    permissions = guide.permissions_for_user(network.coordinator)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    index_permissions = knowledge_index.permissions_for_user(network.coordinator)
    assert index_permissions.can_add_subpage()
    assert not index_permissions.can_publish_subpage()


def test_the_guide_page_says_who_approved_it_and_what_waits(network, client_for, knowledge_index):
    from django.utils import timezone

    # given a guide approved by the coordinator
    guide = draft(knowledge_index, network.office_staff)
    decide(submit(guide, network.office_staff), network.coordinator, "approve", comment="")
    guide.refresh_from_db()
    client = client_for(network.office_staff_b)

    # then its readers see who approved it and when
    html = client.get(guide.url).content.decode()
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert f"Freigegeben von {network.coordinator} am {today}" in html
    assert "guide-approval-waiting" not in html

    # when a revised version is submitted, they see that it waits, and for whom
    guide.save_revision(user=network.office_staff)
    submit(guide, network.office_staff)
    html = client.get(guide.url).content.decode()
    assert "Eine überarbeitete Fassung wartet auf: Freigabe durch die Netzwerkkoordination" in html
    assert f"Freigegeben von {network.coordinator} am {today}" in html

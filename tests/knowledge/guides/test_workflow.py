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

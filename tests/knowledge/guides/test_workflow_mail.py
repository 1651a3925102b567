"""Workflow mails, Wagtail's own included, go through abhnetz.core.mail: each
recipient's language, one mail per person per submission, after commit (issue #10,
item 4)."""

from django.core import mail
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask
from wagtail.users.models import UserProfile

from abhnetz.accounts.roles import Role
from knowledge.models import KnowledgePage
from tests.factories import role_group

from .test_workflow import draft, submit


def speaks_english(user) -> None:
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})


def test_approvers_of_one_submission_are_asked_each_in_their_language(
    network, knowledge_index, django_capture_on_commit_callbacks
):
    # given an English-speaking coordinator and a German-speaking administrator
    speaks_english(network.coordinator)
    guide = draft(knowledge_index, network.office_staff, title="Termine & Fristen")

    # when the guide is submitted, nothing leaves before the transaction commits
    with django_capture_on_commit_callbacks(execute=True):
        submit(guide, network.office_staff)
        assert mail.outbox == []

    # then each approver gets one mail, in their language, with a plain-text subject
    (english,) = [m for m in mail.outbox if m.to == [network.coordinator.email]]
    (german,) = [m for m in mail.outbox if m.to == [network.administrator.email]]
    assert "For approval: “Termine & Fristen”" in english.subject
    assert "approve it or request changes" in english.body
    assert "Zur Freigabe" in german.subject
    assert "Termine & Fristen" in german.subject
    for message in (english, german):
        assert f"http://testserver/admin/pages/{guide.pk}/edit/" in message.body
    assert len(mail.outbox) == 2


def test_wagtail_s_own_task_mails_take_the_same_path(
    network, knowledge_index, django_capture_on_commit_callbacks
):
    # given a page type under a plain Wagtail group approval (not the guides' task)
    moderators = role_group(Role.MODERATOR)
    task = GroupApprovalTask.objects.create(name="Moderation")
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name="Plain moderation")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    speaks_english(network.moderator)
    page = KnowledgePage(
        title="Hausordnung", summary="Wie wir arbeiten.", owner=network.office_staff, live=False
    )
    knowledge_index.add_child(instance=page)
    page.save_revision(user=network.office_staff)

    # when it is submitted
    with django_capture_on_commit_callbacks(execute=True):
        workflow.start(page, network.office_staff)
        assert mail.outbox == []

    # then the moderator has one mail, in English, and nobody has two
    (message,) = [m for m in mail.outbox if m.to == [network.moderator.email]]
    assert "Hausordnung" in message.subject
    assert "submitted" in message.subject.lower() or "submitted" in message.body.lower()
    addresses = [address for m in mail.outbox for address in m.to]
    assert len(addresses) == len(set(addresses))

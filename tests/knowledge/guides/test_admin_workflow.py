"""The approval workflow in Wagtail's admin: preview, actions, dashboard, submitting."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from wagtail.models import Page

from abhnetz.audiences.models import Audience

from .test_workflow import draft, submit

SECRET = "Dienstplan nur für Adorf"


@pytest.fixture
def admin_client_for(client_for):
    """Coordinators and administrators reach the admin only with a second factor."""

    def make(user):
        TOTP.activate(user, generate_totp_secret())
        return client_for(user)

    return make


@pytest.fixture
def submitted(network, knowledge_index):
    """A network draft and an office-A-only draft, both submitted by office staff."""
    public = draft(knowledge_index, network.office_staff, title="Für alle")
    internal = draft(
        knowledge_index,
        network.office_staff,
        title=SECRET,
        audience=Audience.selected(organisations=[network.office_a]),
    )
    return {
        "public": (public, submit(public, network.office_staff)),
        "internal": (internal, submit(internal, network.office_staff)),
    }


def preview_url(page, state) -> str:
    return reverse(
        "wagtailadmin_pages:workflow_preview", args=[page.pk, state.current_task_state.task_id]
    )


def approve_url(page, state) -> str:
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )


def test_the_preview_answers_404_outside_the_audience(network, admin_client_for, submitted):
    client = admin_client_for(network.coordinator)
    page, state = submitted["internal"]

    # when a coordinator who may not read the office-A draft opens its preview or approves it
    for url in (preview_url(page, state), approve_url(page, state)):
        response = client.post(url) if "action" in url else client.get(url)
        # then it is not there, not even its title
        assert response.status_code == 404, url
        assert SECRET not in response.content.decode()
    page.refresh_from_db()
    assert not page.live

    # while the network draft's preview opens
    page, state = submitted["public"]
    response = client.get(preview_url(page, state))
    assert response.status_code == 200
    assert "Für alle" in response.content.decode()


def test_awaiting_your_review_shows_only_what_they_may_approve(
    network, admin_client_for, submitted
):
    # when the coordinator opens the admin's dashboard
    html = admin_client_for(network.coordinator).get("/admin/").content.decode()

    # then the network draft awaits their review, the office-A draft is not there at all
    assert "Für alle" in html
    assert SECRET not in html


def test_the_author_cannot_approve_through_the_admin(network, admin_client_for, knowledge_index):
    # given a coordinator's own submitted guide
    guide = draft(knowledge_index, network.coordinator, title="Eigener Leitfaden")
    state = submit(guide, network.coordinator)

    # when they post the approval themselves
    response = admin_client_for(network.coordinator).post(approve_url(guide, state))

    # then it is refused and nothing is published
    assert response.status_code in (302, 403)
    guide.refresh_from_db()
    assert not guide.live
    state.refresh_from_db()
    assert state.status == state.STATUS_IN_PROGRESS


def test_a_submission_nobody_may_approve_is_taken_back(network, client_for, knowledge_index):
    # given an office-B-only draft, which no coordinator, administrator or moderator may read
    guide = draft(
        knowledge_index,
        network.office_staff_b,
        title=SECRET,
        audience=Audience.selected(organisations=[network.office_b]),
    )
    client = client_for(network.office_staff_b)

    # when its author submits it in the editor
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[guide.pk]),
        {
            "title": SECRET,
            "slug": guide.slug,
            "summary": guide.summary,
            "audience_scope": "selected",
            "audience_organisations": [network.office_b.pk],
            "body-count": "0",
            "action-submit": "submit",
        },
        follow=True,
    )

    # then it is saved but not left waiting, and the author is told why
    page = Page.objects.get(pk=guide.pk)
    assert not page.workflow_in_progress
    assert [state.status for state in page.workflow_states.all()] == ["cancelled"]
    html = response.content.decode()
    assert "nicht eingereicht" in html


def test_nobody_publishes_a_guide_directly_not_even_a_superuser(
    network, admin_client_for, knowledge_index, make_guide
):
    client = admin_client_for(network.administrator)

    # when the administrator creates a guide of their own and presses "Publish"
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["guides", "guidepage", knowledge_index.pk]),
        {
            "title": "Eigener Leitfaden der Administration",
            "slug": "eigener-leitfaden-der-administration",
            "summary": "Ohne Freigabe veröffentlicht?",
            "audience_scope": "network",
            "body-count": "0",
            "action-publish": "publish",
        },
        follow=True,
    )

    # then it is saved as a draft, and they are told to submit it
    guide = Page.objects.get(slug="eigener-leitfaden-der-administration")
    assert not guide.live
    assert "zur Freigabe ein" in response.content.decode()
    assert "Leitfäden werden nicht direkt veröffentlicht" in response.content.decode()

    # and an existing guide offers them no direct publishing, but unpublishing stays
    live = make_guide("Veröffentlicht", owner=network.office_staff)
    permissions = live.permissions_for_user(network.administrator)
    assert not permissions.can_publish()
    assert permissions.can_unpublish()


def test_the_admin_names_who_approved_and_who_may(network, admin_client_for, knowledge_index):
    from .test_workflow import decide

    # given a guide approved by the coordinator
    guide = draft(knowledge_index, network.office_staff, title="Freigegebener Leitfaden")
    decide(submit(guide, network.office_staff), network.coordinator, "approve", comment="")
    client = admin_client_for(network.administrator)

    # then the editor says who approved it
    edit = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    html = client.get(edit).content.decode()
    assert f"Freigegeben von {network.coordinator} am" in html

    # and, while a revised version waits, who may approve it (not its author)
    guide.save_revision(user=network.office_staff)
    submit(guide, network.office_staff)
    html = client.get(edit).content.decode()
    assert "Wartet auf: Freigabe durch die Netzwerkkoordination" in html
    panel = html[html.index('data-testid="admin-approval"') :]
    panel = panel[: panel.index("</div>")]
    assert str(network.coordinator) in panel
    assert str(network.office_staff) not in panel

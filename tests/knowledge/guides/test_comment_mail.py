"""The page editor's comment mails take the one mail path, to readers of the page only.

Wagtail mails ``updated_comments`` itself (its sender, at once, inside the request,
in the default language) to everyone subscribed to a page's comments. Here they are
queued after commit, in each recipient's language, and only for recipients who may
still read the page: someone subscribed before the page was narrowed away from them
learns nothing of it, not even its title.
"""

from django.conf import settings
from django.core import mail
from wagtail.models import PageSubscription
from wagtail.users.models import UserProfile

from abhnetz.audiences.models import Audience
from tests.html_forms import form_data

TITLE = "Dienstplan ServicePoint"


def comment_in_the_editor(client, page, text: str):
    url = f"/admin/pages/{page.pk}/edit/"
    data = form_data(client.get(url).content.decode(), "page-edit-form")
    data["body-count"] = ["0"]  # the StreamField is drawn by JavaScript; the guide has none
    data.update(
        {
            "comments-TOTAL_FORMS": ["1"],
            "comments-INITIAL_FORMS": ["0"],
            "comments-MIN_NUM_FORMS": ["0"],
            "comments-MAX_NUM_FORMS": ["1000"],
            "comments-0-id": [""],
            "comments-0-contentpath": ["title"],
            "comments-0-position": [""],
            "comments-0-text": [text],
            "comments-0-replies-TOTAL_FORMS": ["0"],
            "comments-0-replies-INITIAL_FORMS": ["0"],
            "comments-0-replies-MIN_NUM_FORMS": ["0"],
            "comments-0-replies-MAX_NUM_FORMS": ["1000"],
        }
    )
    return client.post(url, data)


def test_comment_mails_go_to_readers_in_their_language_after_commit(
    network, client_for, make_guide, django_capture_on_commit_callbacks
):
    # given a guide for office A, followed by a reader who chose English and by
    # office B's staff (subscribed while it was still open to them)
    guide = make_guide(
        TITLE,
        owner=network.office_staff,
        audience=Audience.selected(organisations=[network.office_a]),
    )
    UserProfile.objects.update_or_create(
        user=network.moderator, defaults={"preferred_language": "en"}
    )
    for person in (network.moderator, network.office_staff_b):
        PageSubscription.objects.create(page=guide, user=person, comment_notifications=True)
    client = client_for(network.office_staff)
    # when its author comments in the page editor
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = comment_in_the_editor(client, guide, "Bitte die Vertretung ergänzen.")
        # then nothing is sent before the commit
        assert mail.outbox == []
    # and afterwards only the reader is mailed, in English, through the site's mail path
    assert response.status_code == 302, response.content.decode()[:3000]
    assert callbacks
    addresses = [address for message in mail.outbox for address in message.to]
    assert addresses == [network.moderator.email]
    (message,) = mail.outbox
    assert TITLE in message.subject
    assert "comment" in message.body.lower()
    assert message.subject.startswith(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX)

"""Writes of announcements. Views call these; they check permission themselves
(``permissions``)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from abhnetz.accounts.models import User
from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from abhnetz.text import render_markdown

from .models import Announcement
from .permissions import may_edit_announcement, may_write_announcements


@transaction.atomic
def announcement_create(*, author: User, title: str, body: str, audience: Audience) -> Announcement:
    if not may_write_announcements(author):
        raise PermissionDenied(_("You may not write announcements."))
    announcement = Announcement(
        title=title,
        body=body,
        body_html=render_markdown(body),
        author=author,
        organisation=author.organisation,
    )
    audience_assign(announcement, audience)
    announcement.save()  # stores the audience too (AudienceMixin.save)
    return announcement


@transaction.atomic
def announcement_update(
    *, announcement: Announcement, by: User, title: str, body: str, audience: Audience
) -> Announcement:
    if not may_edit_announcement(by, announcement):
        raise PermissionDenied(_("You may not edit this announcement."))
    announcement.title = title
    announcement.body = body
    announcement.body_html = render_markdown(body)
    audience_assign(announcement, audience)
    # stores the audience in this transaction (AudienceMixin.save): a narrowed audience
    # holds before the editor hears "saved"
    announcement.save()
    return announcement


@transaction.atomic
def announcement_delete(*, announcement: Announcement, by: User) -> None:
    if not may_edit_announcement(by, announcement):
        raise PermissionDenied(_("You may not delete this announcement."))
    announcement.delete()

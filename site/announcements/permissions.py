"""Who may write, edit and moderate announcements: pure checks, no writes."""

from abhnetz.accounts.models import User
from abhnetz.accounts.roles import ANNOUNCEMENT_AUTHOR_ROLES, ANNOUNCEMENT_MODERATOR_ROLES
from abhnetz.audiences.rules import can_view

from .models import Announcement


def may_write_announcements(user: User) -> bool:
    return user.is_active and user.has_role(*ANNOUNCEMENT_AUTHOR_ROLES)


def may_edit_announcement(user: User, announcement: Announcement) -> bool:
    # the author, while still allowed to write ...
    if announcement.author_id == user.pk and may_write_announcements(user):
        return True
    # ... or moderation and coordination, for what they can see
    return user.has_role(*ANNOUNCEMENT_MODERATOR_ROLES) and can_view(user, announcement)


def is_moderation(user: User, announcement: Announcement) -> bool:
    """Editing or deleting what someone else wrote (a privileged action)."""
    return announcement.author_id != user.pk

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from abhnetz.accounts.data_services import USER_DATA_EXPORT_HOOK, exports
from abhnetz.core import hooks as shell_hooks
from abhnetz.core.navigation import NavItem


@hooks.register(shell_hooks.MAIN_NAVIGATION_ITEM)
def announcements_navigation_item():
    return NavItem(_("Announcements"), "announcements:list", "/mitteilungen/", order=70)


@hooks.register(USER_DATA_EXPORT_HOOK)
@exports("announcements.Announcement.author")
def export_announcements(user):
    """The announcements a person wrote, for their data export (DSGVO)."""
    return (
        "announcements",
        [
            {
                "title": announcement.title,
                "text": announcement.body,
                "published_at": announcement.published_at,
                "updated_at": announcement.updated_at,
                "audience": announcement.audience_scope,
            }
            for announcement in user.announcements.order_by("published_at", "pk")
        ],
    )

from wagtail import hooks

from abhnetz.accounts.data_services import USER_DATA_EXPORT_HOOK, exports


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

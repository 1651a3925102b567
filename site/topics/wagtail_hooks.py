"""The topic list in the Wagtail admin: one managed taxonomy for every app."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from abhnetz.accounts.data_services import USER_DATA_EXPORT_HOOK, exports

from .models import Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    ordering = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]


register_snippet(TopicViewSet)


@hooks.register(USER_DATA_EXPORT_HOOK)
@exports("topics.TopicFollow.user")
def export_followed_topics(user):
    """The topics a person follows, for their data export (DSGVO)."""
    return (
        "followed_topics",
        [
            {"topic": follow.topic.name, "since": follow.created_at}
            for follow in user.topic_follows.select_related("topic").order_by("created_at", "pk")
        ],
    )

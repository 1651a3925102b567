"""The knowledge base's part of the dashboard."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from abhnetz.core.dashboard import DashboardSection

from .selectors import latest_knowledge_pages

DASHBOARD_LENGTH = 5


@hooks.register("abhnetz_dashboard_section")
def latest_guides_section(request):
    """The five most recently updated knowledge pages the reader may see."""
    return DashboardSection(
        key="guides",
        title=_("Latest guides"),
        template="knowledge/includes/dashboard_guides.html",
        context={"pages": latest_knowledge_pages(request.user, limit=DASHBOARD_LENGTH)},
        empty_text=_("No guides have been published for you yet."),
        more_url="/wissen/",
    )

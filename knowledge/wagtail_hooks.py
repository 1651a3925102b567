"""The knowledge base's parts of the shell: its navigation item and dashboard section."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from abhnetz.core import hooks as shell_hooks
from abhnetz.core.dashboard import DashboardSection, DashboardSlot
from abhnetz.core.navigation import NavItem

from .selectors import latest_knowledge_items

DASHBOARD_LENGTH = 5


def may_create_guide_at_all(user) -> bool:
    # spares the index query for those who never reach the admin (partners, the board)
    return bool(getattr(user, "is_active", False)) and user.has_perm("wagtailadmin.access_admin")


@hooks.register(shell_hooks.MAIN_NAVIGATION_ITEM)
def knowledge_navigation_item():
    return NavItem(_("Knowledge"), "knowledge:index", "/wissen/", order=10)


@hooks.register(shell_hooks.DASHBOARD_SLOT)
def guides_dashboard_slot():
    return DashboardSlot(
        "guides", _("Latest guides"), _("No guides have been published for you yet."), order=10
    )


@hooks.register("abhnetz_dashboard_section")
def latest_guides_section(request):
    """The five most recently updated guides the reader may see ("Neueste
    Praxisleitfäden"), from a list shared by their groups and their own.

    Guides only: minutes and the toolkit have their own places; the section offers
    "Leitfaden schreiben" to those who may write one.
    """
    from .guides.models import GuidePage
    from .guides.permissions import guide_add_url, may_create_guide
    from .models import KnowledgeIndexPage

    user = request.user
    pages = latest_knowledge_items(user, limit=DASHBOARD_LENGTH, page_type=GuidePage)
    index = KnowledgeIndexPage.objects.live().first() if may_create_guide_at_all(user) else None
    create_url = guide_add_url(index) if may_create_guide(user, index) else ""
    return DashboardSection(
        key="guides",
        title=_("Latest guides"),
        template="knowledge/includes/dashboard_guides.html",
        context={"pages": pages, "create_guide_url": create_url},
        empty_text=_("No guides have been published for you yet."),
        more_url="/wissen/",
    )


@hooks.register("abhnetz_seed_scale")
def seed_scale(network):
    """Guides and minutes of the benchmark network (manage.py seed_scale)."""
    from .scale import seed

    seed(network)

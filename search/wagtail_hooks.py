from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from abhnetz.core import hooks as shell_hooks
from abhnetz.core.navigation import NavItem


@hooks.register("abhnetz_seed_demo", order=1000)
def index_demo_content(demo):
    """After every app has seeded its demo content: index all of it (also content
    seeded before the search existed)."""
    from .services import rebuild

    count = rebuild()
    demo.stdout.write(f"Search index: {count} objects indexed.")


@hooks.register(shell_hooks.MAIN_NAVIGATION_ITEM)
def search_navigation_item():
    return NavItem(_("Search"), "search:index", "/suche/", order=60)

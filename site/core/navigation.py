"""The main navigation, filled by the apps through ``hooks.MAIN_NAVIGATION_ITEM``.

Each app registers its own item (knowledge, organisations, people, search,
announcements); the shell keeps items for sections whose app has no front end yet
(forum, events: ``core/wagtail_hooks.py``), which point to their empty state. An app's
item replaces the shell's one with the same path.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from wagtail import hooks

from . import hooks as shell_hooks


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    path_prefix: str
    # left to right, lowest first (knowledge 10, forum 20, events 30, …)
    order: int = 100

    @property
    def url(self) -> str:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return self.path_prefix


def main_navigation() -> list[NavItem]:
    """The registered items, one per path (the last registration wins), in their order."""
    items: dict[str, NavItem] = {}
    for fn in hooks.get_hooks(shell_hooks.MAIN_NAVIGATION_ITEM):
        item = fn()
        if item is not None:
            items[item.path_prefix] = item
    return sorted(items.values(), key=lambda item: item.order)

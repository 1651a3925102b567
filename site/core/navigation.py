"""The main navigation. Sections whose app has no front end yet point to their empty state."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    path_prefix: str

    @property
    def url(self) -> str:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return self.path_prefix


MAIN_NAVIGATION = (
    NavItem(_("Knowledge"), "knowledge:index", "/wissen/"),
    NavItem(_("Forum"), "forums:index", "/forum/"),
    NavItem(_("Events"), "events:index", "/termine/"),
    NavItem(_("Organisations"), "organisations:list", "/organisationen/"),
    NavItem(_("People"), "people:list", "/personen/"),
    NavItem(_("Search"), "search:index", "/suche/"),
)

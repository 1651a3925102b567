from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from abhnetz.core import hooks as shell_hooks
from abhnetz.core.navigation import NavItem


@hooks.register(shell_hooks.MAIN_NAVIGATION_ITEM)
def people_navigation_item():
    return NavItem(_("People"), "people:list", "/personen/", order=50)

"""The shell's own registrations into its slots (core/hooks.py).

"Forum" and "Events" are kept here until the forum and events apps bring their own
navigation items and dashboard slots (an app's registration with the same path or key
replaces the shell's); until then they point to the sections' empty states
(core/sections.py).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import hooks as shell_hooks
from .dashboard import DashboardSlot
from .navigation import NavItem


@hooks.register(shell_hooks.MAIN_NAVIGATION_ITEM)
def forum_navigation_item():
    return NavItem(_("Forum"), "forums:index", "/forum/", order=20)


@hooks.register(shell_hooks.MAIN_NAVIGATION_ITEM)
def events_navigation_item():
    return NavItem(_("Events"), "events:index", "/termine/", order=30)


@hooks.register(shell_hooks.DASHBOARD_SLOT)
def events_dashboard_slot():
    return DashboardSlot("events", _("Upcoming events"), _("No upcoming events yet."), order=20)


@hooks.register(shell_hooks.DASHBOARD_SLOT)
def questions_dashboard_slot():
    return DashboardSlot(
        "questions",
        _("Open questions"),
        _("No open questions. Ask the network yours in the forum."),
        order=30,
    )

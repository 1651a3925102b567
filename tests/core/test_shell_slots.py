"""The shell's navigation and dashboard are filled through the named hooks (core/hooks.py)."""

import re

from django.utils.translation import gettext as _
from wagtail import hooks

from abhnetz.core import hooks as shell_hooks
from abhnetz.core.dashboard import DashboardSection, DashboardSlot
from abhnetz.core.navigation import NavItem, main_navigation

NAV_LINK = re.compile(
    r'<a class="site-nav__link" href="([^"]*)"( aria-current="page")?>([^<]*)</a>'
)


def navigation(html: str) -> list[tuple[str, str, bool]]:
    return [(label, url, bool(current)) for url, current, label in NAV_LINK.findall(html)]


def test_the_navigation_is_what_it_was(network, client_for):
    # given the apps' registrations: the same items, order, labels and addresses as before
    html = client_for(network.office_staff).get("/organisationen/").content.decode()
    assert navigation(html) == [
        (_("Knowledge"), "/wissen/", False),
        (_("Forum"), "/forum/", False),
        (_("Events"), "/termine/", False),
        (_("Organisations"), "/organisationen/", True),
        (_("People"), "/personen/", False),
        (_("Search"), "/suche/", False),
        (_("Announcements"), "/mitteilungen/", False),
    ]
    assert [item.label for item in main_navigation()][:2] == ["Wissen", "Forum"]


def test_an_app_s_item_replaces_the_shell_s_one_for_its_section(network, client_for):
    def forum_item():
        return NavItem("Diskussionen", "forums:index", "/forum/", order=25)

    def new_item():
        return NavItem("Umfragen", "polls:index", "/umfragen/", order=65)

    with (
        hooks.register_temporarily(shell_hooks.MAIN_NAVIGATION_ITEM, forum_item),
        hooks.register_temporarily(shell_hooks.MAIN_NAVIGATION_ITEM, new_item),
    ):
        html = client_for(network.office_staff).get("/umfragen/").content.decode()
    labels = [label for label, _url, _current in navigation(html)]
    assert labels.count("Forum") == 0
    assert labels[1] == "Diskussionen"
    assert labels[-2:] == ["Umfragen", _("Announcements")]
    # an address that no app answers yet falls back to the path, and is marked current
    assert ("Umfragen", "/umfragen/", True) in navigation(html)


def dashboard_parts(html: str) -> list[str]:
    return re.findall(r'<section [^>]*data-testid="dashboard-([\w-]+)"', html)


def section_html(html: str, key: str) -> str:
    start = html.index(f'data-testid="dashboard-{key}"')
    return html[start : html.index("</section>", start)]


def test_slots_keep_their_places_and_an_empty_state(network, client_for):
    # given nothing was published yet: the forum and events apps fill their slots empty
    html = client_for(network.office_staff).get("/").content.decode()
    parts = dashboard_parts(html)
    # the same places in the same order as before the slots were registered
    assert parts[-5:] == ["announcements", "guides", "events", "questions", "working-groups"]
    # and each says that nothing is there yet instead of vanishing
    for key in ("guides", "events", "questions"):
        assert 'class="empty-state' in section_html(html, key), key


def without_section(monkeypatch, fn) -> None:
    """Take an app's dashboard section out for one test (Wagtail offers no unregister)."""
    registered = hooks._hooks[shell_hooks.DASHBOARD_SECTION]
    kept = [entry for entry in registered if entry[0] is not fn]
    assert len(kept) == len(registered) - 1
    monkeypatch.setitem(hooks._hooks, shell_hooks.DASHBOARD_SECTION, kept)


def test_a_slot_no_app_fills_keeps_the_shells_empty_state(network, client_for, monkeypatch):
    # given no app answers the "events" slot: the events app's hook taken out (Wagtail
    # offers no unregister, so the test narrows its registry and monkeypatch restores it)
    from events import wagtail_hooks as event_hooks

    without_section(monkeypatch, event_hooks.upcoming_events_section)
    html = client_for(network.office_staff).get("/").content.decode()
    # then the shell's own empty state stands in its place
    assert "events" in dashboard_parts(html)
    assert _("No upcoming events yet.") in section_html(html, "events")


def test_a_section_fills_the_slot_of_its_key(network, client_for, monkeypatch):
    # given an app registering its section under the key the shell keeps a slot for (the
    # forum's own section taken out, so this one is the only answer)
    from forums import wagtail_hooks as forum_hooks

    without_section(monkeypatch, forum_hooks.open_questions_section)

    def questions(request):
        return DashboardSection(
            key="questions",
            title="Offene Fragen im Forum",
            template="core/includes/dashboard_inbox.html",
            empty_text="leer",
        )

    with hooks.register_temporarily(shell_hooks.DASHBOARD_SECTION, questions):
        html = client_for(network.office_staff).get("/").content.decode()
    # then it shows in that place, instead of the empty state
    assert "Offene Fragen im Forum" in html
    assert _("No open questions. Ask the network yours in the forum.") not in html
    assert dashboard_parts(html)[-4:] == ["guides", "events", "questions", "working-groups"]


def test_an_app_s_slot_replaces_the_shell_s_one(network, client_for):
    def events_slot():
        return DashboardSlot("events", "Nächste Termine", "Keine Termine.", order=5)

    def unslotted(request):
        return DashboardSection(key="polls", title="Umfragen", template="", empty_text="Keine.")

    with (
        hooks.register_temporarily(shell_hooks.DASHBOARD_SLOT, events_slot),
        hooks.register_temporarily(shell_hooks.DASHBOARD_SECTION, unslotted),
    ):
        html = client_for(network.office_staff).get("/").content.decode()
    assert "Nächste Termine" in html
    assert _("No upcoming events yet.") not in html
    # its order puts it first; a section without a slot still shows, after the slots
    assert dashboard_parts(html)[-6:] == [
        "announcements",
        "events",
        "guides",
        "questions",
        "polls",
        "working-groups",
    ]

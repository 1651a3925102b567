"""Every hook the shell offers, with its contract, in one place (architecture.md).

Apps register into these slots with ``@hooks.register(hooks_module.NAME)``; the shell
never hard-codes another app's part. Every function returns only what the given person
may see: it narrows with ``abhnetz.audiences.rules`` in bulk, never per item.
Knowledge, forums and events import these names; the shell imports none of them.
"""

# fn(request) -> DashboardSection | list[DashboardSection] | None
#   A part of the personal dashboard (abhnetz.core.dashboard). Sections with the same key
#   are merged (the work inbox); a section is shown in the DASHBOARD_SLOT of its key
#   ("guides", "events", "questions"), the keys "inbox_decide", "inbox_mine" and
#   "working_groups" have their fixed places.
DASHBOARD_SECTION = "abhnetz_dashboard_section"

# fn() -> DashboardSlot | None
#   A place on the dashboard with its heading and empty state, in its order
#   (abhnetz.core.dashboard.DashboardSlot): the DASHBOARD_SECTION with the same key fills
#   it; without one the empty state shows, so the layout is stable as apps arrive. An
#   app's slot replaces the shell's one with the same key (the shell keeps "events" and
#   "questions" until those apps exist).
DASHBOARD_SLOT = "abhnetz_dashboard_slot"

# fn() -> NavItem | None
#   An item of the main navigation (abhnetz.core.navigation.NavItem: label, URL name,
#   path prefix that marks it current, order). An app's item replaces the shell's one with
#   the same path prefix (the shell keeps "Forum" and "Events" until those apps exist).
MAIN_NAVIGATION_ITEM = "abhnetz_main_navigation_item"

# fn(*, user, topic) -> dict | None
#   What an app lists on a topic page (/wissen/themen/<slug>/): a dict
#   {"heading": str, "items": [{"title": str, "url": str, "meta": str}], "more_url": str}.
TOPIC_PAGE_SECTION = "abhnetz_topic_page_section"

# fn(*, user, working_group, page) -> dict | None
#   The same dict for a working group's space (knowledge/spaces).
SPACE_SECTION = "abhnetz_working_group_space_sections"

# fn(*, request, page) -> str | None
#   HTML (already rendered and escaped) shown under a page whose type sets
#   ``comments_enabled = True`` (guides, minutes, events): the discussion under it.
#   Rendered by ``{% content_footer page %}`` of the ``shell_tags`` library, so the page's
#   app never imports the app that answers.
CONTENT_FOOTER = "abhnetz_content_footer"

# fn(user) -> dict, marked with ``accounts.data_services.exports("app.Model.field", ...)``
#   One section of the person's JSON export (/konto/daten/). Every relation to the user
#   must be covered by some section (tests/accounts/test_my_data_complete.py).
USER_DATA_EXPORT = "abhnetz_user_data_export"

# fn(user) -> None
#   Runs inside the transaction that deletes an account, before the user row goes.
BEFORE_USER_DELETE = "abhnetz_before_user_delete"

# fn(network: DemoNetwork) -> None
#   Adds an app's demo content in ``seed_demo``, idempotently (a second run changes
#   nothing), on top of the shared organisations, people, groups and topics.
SEED_DEMO = "abhnetz_seed_demo"

# fn(network: abhnetz.core.scale.ScaleNetwork) -> None
#   Adds an app's part of the benchmark data in ``seed_scale`` (bulk inserts, numbers
#   times ``network.scaled``), adds its counts to ``network.counts`` and the search
#   documents its content makes to ``network.documents``.
SEED_SCALE = "abhnetz_seed_scale"

# fn(context: dict) -> list[dict]
#   Pages an app adds to the HTTP benchmark (bench/pages.py): dicts with "name", "path",
#   "role" and optionally "method"/"data"; ``context`` holds ids of the scale data.
BENCH_PAGES = "abhnetz_bench_pages"


def collect_sections(name: str, **kwargs) -> list[dict]:
    """Call every function registered for a section hook (TOPIC_PAGE_SECTION, SPACE_SECTION)."""
    from wagtail import hooks

    sections = []
    for fn in hooks.get_hooks(name):
        section = fn(**kwargs)
        if section:
            sections.append(section)
    return sections

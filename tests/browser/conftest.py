"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

- Every test here is marked ``browser`` and runs in a transactional database with
  serialized rollback: the live server answers from another thread, so the test's data
  must be committed. The data the migrations made (role groups, Wagtail's root, home and
  legal pages, the site) is restored before each test; see ``_migrated_data``.
- Browser tests run last in a session: each one ends by emptying the database.
- Chromium is Debian's (``/usr/bin/chromium``); Playwright never downloads a browser. With
  no Chromium the tests are skipped, unless ``ABHNETZ_REQUIRE_ALL=1`` (CI) makes that a
  failure.
- ``page`` gives a fresh German context per test and fails the test if the page asked any
  host other than the live server for anything (no third-party requests).
"""

import os
from pathlib import Path

import pytest

from .helpers import third_party_requests

CHROMIUM = Path(os.environ.get("ABHNETZ_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
BROWSER_DIR = Path(__file__).resolve().parent
TIMEOUT_MS = 15_000


def require_all() -> bool:
    return os.environ.get("ABHNETZ_REQUIRE_ALL") == "1"


def pytest_collection_modifyitems(config, items):
    """Mark the tests in this folder ``browser`` and as live-server tests; run them last.

    This hook sees the whole session's items (it runs after pytest-django's own ordering).
    """
    browser_items, other_items = [], []
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
            browser_items.append(item)
        else:
            other_items.append(item)
    items[:] = other_items + browser_items


@pytest.fixture(scope="module", autouse=True)
def _migrated_data(django_db_setup, django_db_blocker):
    """Empty the database once per module, before its first test.

    Each test then starts with Django's serialized rollback: the database exactly as the
    migrations left it, loaded from the snapshot taken at setup. Loading it into a database
    that another transactional test emptied (which recreates content types and permissions
    under new ids) would collide, so the first test of a module starts from empty tables.
    After each test pytest-django empties the tables again.
    """
    from django.core.management import call_command
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            if hasattr(connection, "_test_serialized_contents"):
                call_command(
                    "flush",
                    database=connection.alias,
                    interactive=False,
                    inhibit_post_migrate=True,
                    verbosity=0,
                )


@pytest.fixture(autouse=True)
def _files_on_disk(settings):
    """Uploaded files (the demo's PDFs) go to the test's MEDIA_ROOT on disk: documents are
    served from files, which the in-memory storage of the other tests cannot do."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    """One headless Chromium for the session."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if require_all():
            pytest.fail(f"{message} (ABHNETZ_REQUIRE_ALL=1 asks for every test to run)")
        pytest.skip(message)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Between its calls, Playwright's sync API marks its event loop as running in this
    # thread. Django then keeps this thread's connections in async (context) storage and
    # would open new ones there: without the test database's serialized contents, and
    # apart from the connection the live server shares. Hand it the ones we have.
    test_connections = {connection.alias: connection for connection in connections.all()}
    with pytest.MonkeyPatch.context() as patch:
        # For the same reason Django's ORM refuses to run here unless told that it is safe
        # (it is: one thread, no await). Set only while Chromium runs, so that subprocesses
        # of other tests (`manage.py check --deploy`) never inherit it.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            for alias, connection in test_connections.items():
                connections[alias] = connection
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield browser
            finally:
                browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh page in a German context (de-DE, Europe/Berlin) for one test.

    Relative URLs go to the live server: ``page.goto("/")``. At the end, the test fails
    if the page requested anything from another host than the live server.
    """
    from django.contrib.contenttypes.models import ContentType

    # Content types cached by earlier (rolled-back) tests may name ids the restored
    # database does not have; Wagtail (workflow tasks) and the audience rule resolve
    # models through that cache. Refill it completely from the restored rows: a partly
    # empty cache would make the next restore's signal handlers create content types
    # that the snapshot then inserts again.
    ContentType.objects.clear_cache()
    for content_type in ContentType.objects.all():
        ContentType.objects._add_to_cache(ContentType.objects.db, content_type)
    context = chromium.new_context(
        base_url=live_server.url,
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        yield page
    finally:
        context.close()
    foreign = third_party_requests(requests, live_server.url)
    if foreign:
        pytest.fail(
            "The page made requests to other hosts than the site itself:\n"
            + "\n".join(f"  {url}" for url in foreign),
            pytrace=False,
        )


# The seeded demo database, copied aside once per session: alias -> sqlite3 connection,
# and the files it uploaded (each test has its own MEDIA_ROOT).
_DEMO_COPIES: dict = {}
_DEMO_MEDIA: dict = {}


def _in_memory_sqlite(connection) -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


@pytest.fixture
def demo(settings, tmp_path_factory):
    """The demo network of `make run`; seed_demo runs only with the demo settings' flag.

    Seeded once per session: seed_demo takes 15 to 40 seconds on two cores, and most
    browser tests want it. The first test seeds it and copies the in-memory SQLite
    database aside with sqlite3's online backup (every table, the full-text table too);
    every later test gets that copy back in well under a second, and the uploaded files
    (the demo's PDFs) copied into its own MEDIA_ROOT, so each test still starts from the
    freshly seeded demo and may change it. Other databases seed per test.
    """
    import shutil
    import sqlite3

    from django.core.management import call_command
    from django.db import connection

    connection.ensure_connection()
    media = Path(settings.MEDIA_ROOT)
    copy = _DEMO_COPIES.get(connection.alias)
    if copy is not None and _in_memory_sqlite(connection):
        copy.backup(connection.connection)
        shutil.copytree(_DEMO_MEDIA[connection.alias], media, dirs_exist_ok=True)
        return
    settings.ABHNETZ_DEMO = True
    call_command("seed_demo", verbosity=0)
    settings.ABHNETZ_DEMO = False
    if _in_memory_sqlite(connection):
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        saved = tmp_path_factory.mktemp("demo-media")
        if media.exists():
            shutil.copytree(media, saved, dirs_exist_ok=True)
        _DEMO_COPIES[connection.alias] = copy
        _DEMO_MEDIA[connection.alias] = saved

"""The benchmark's plan (bench/pages.py) over the scale network: every page it asks for
answers its role with 200, the writes (a reply, an RSVP) are stored, and the apps'
pages (forum, calendar) are in it through ``hooks.BENCH_PAGES``."""

import pytest

from abhnetz.core import scale
from bench.pages import plan
from events.models import Rsvp
from forums.models import Post


@pytest.fixture
def bench_plan(db):
    scale.seed(factor=0.002, stdout=scale._Out())
    return plan()


def test_every_page_answers_its_role_and_the_writes_are_stored(bench_plan, client):
    names = {page["name"] for page in bench_plan["pages"]}
    for wanted in ("thread page (30 posts)", "category list", "posting a reply"):
        assert wanted in names
    for wanted in ("event page", "month view", "RSVP", "search: broad word", "dashboard (office)"):
        assert wanted in names
    posts, rsvps = Post.objects.count(), Rsvp.objects.count()
    for page in bench_plan["pages"]:
        if page["path"] == "/bench/floor/":
            continue  # served only by the benchmark's own settings (ABHNETZ_BENCH=1)
        # the session the driver sends, as a cookie
        client.cookies["sessionid"] = bench_plan["sessions"][page["role"]]
        if page.get("method") == "POST":
            assert client.get(page["form"]).status_code == 200, page["name"]
            response = client.post(page["path"], page["data"])
            assert response.status_code in page["ok"], (page["name"], response.status_code)
        else:
            response = client.get(page["path"])
            assert response.status_code == 200, (page["name"], response.status_code)
    # the reply is one post more; the RSVP an answer more (or the same one, answered again)
    assert Post.objects.count() == posts + 1
    assert Rsvp.objects.count() in (rsvps, rsvps + 1)
    assert Rsvp.objects.filter(answer="yes", person__email__endswith=scale.EMAIL_DOMAIN).exists()

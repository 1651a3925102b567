"""The shell's layout promises: one breadcrumb root, separators from CSS, a favicon."""

import re

from django.test import Client
from django.urls import reverse

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from knowledge.models import KnowledgeIndexPage, KnowledgePage

CRUMBS = re.compile(r'<nav aria-label="[^"]+" class="breadcrumbs".*?</nav>', re.S)


def breadcrumb_items(html: str) -> list[str]:
    nav = CRUMBS.search(html)
    assert nav, "no breadcrumbs"
    return [
        re.sub(r"<[^>]+>", "", item).strip()
        for item in re.findall(r"<li[^>]*>(.*?)</li>", nav.group(0), re.S)
    ]


def test_every_breadcrumb_starts_with_the_same_root(network, client_for):
    # given a knowledge page below the index, and pages of the shell
    index = KnowledgeIndexPage.objects.get()
    page = KnowledgePage(title="Leitfaden ServicePoint", summary="…")
    audience_assign(page, Audience.network())
    index.add_child(instance=page)
    page.save_revision().publish()
    client = client_for(network.office_staff)
    urls = [
        page.url,
        reverse("people:detail", args=[network.partner.pk]),
        reverse("organisations:detail", args=[network.office_a.slug]),
        reverse("knowledge:topics"),
        reverse("my_profile"),
    ]

    # when each is opened
    trails = {url: breadcrumb_items(client.get(url).content.decode()) for url in urls}

    # then every trail starts with "Start" (never the home page's title or "Startseite")
    assert {trail[0] for trail in trails.values()} == {"Start"}, trails
    # and a knowledge page's trail goes through the index to the page itself
    assert trails[page.url] == ["Start", index.title, "Leitfaden ServicePoint"]


def test_the_current_page_is_marked_and_the_separators_are_css(network, client_for):
    html = client_for(network.office_staff).get(reverse("knowledge:topics")).content.decode()
    nav = CRUMBS.search(html).group(0)
    assert '<span aria-current="page">' in nav
    # the separator is drawn by the stylesheet, not typed into the list
    assert "›" not in nav
    assert "/</li>" not in nav


def test_the_favicon_answers_guests_without_login_or_404(db):
    # when a browser asks for /favicon.ico on its own, signed in or not
    response = Client().get("/favicon.ico")

    # then it is sent to the icon among the static files, not to the login
    assert response.status_code == 301
    assert response["Location"].endswith("abhnetz/favicon.ico")
    assert "/konto/login/" not in response["Location"]


def test_every_page_links_the_svg_icon(db):
    html = Client().get("/").content.decode()
    assert re.search(
        r'<link rel="icon" href="[^"]*abhnetz/favicon\.svg" type="image/svg\+xml">', html
    )


def test_static_files_are_served_from_the_finders_without_a_collected_root(db):
    # given the test settings (no collectstatic; whitenoise looks a file up when asked)
    # when a browser asks for a static file
    response = Client().get("/static/abhnetz/favicon.svg")

    # then whitenoise serves it from the app's static folder, not a 404 or the login
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in b"".join(response.streaming_content)

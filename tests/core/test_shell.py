from django.test import Client

from abhnetz.audiences.models import Audience
from tests.factories import make_announcement


def test_guests_get_the_public_landing_page(db):
    response = Client().get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/konto/login/' in html
    assert 'href="/zugang-beantragen/"' in html


def test_legal_pages_are_public_and_linked_in_the_footer(db):
    guest = Client()
    footer = guest.get("/").content.decode()
    for slug in ("impressum", "datenschutz", "barrierefreiheit"):
        assert f'href="/{slug}/"' in footer
        assert guest.get(f"/{slug}/").status_code == 200


def test_everything_else_needs_a_login(db):
    guest = Client()
    for url in ("/mitteilungen/", "/organisationen/", "/personen/", "/meine-daten/", "/admin/"):
        response = guest.get(url)
        assert response.status_code == 302, url
        assert "/login/" in response["Location"], url


def test_dashboard_shows_sections_with_empty_states(network, client_for):
    make_announcement(network.coordinator, title="Willkommen im Netz")
    html = client_for(network.office_staff).get("/").content.decode()
    assert "Willkommen im Netz" in html
    for key in ("guides", "events", "questions", "working-groups"):
        assert f'data-testid="dashboard-{key}"' in html
    assert "Digitalisierung / elektronische Ausländerakte" in html  # my working groups


def test_dashboard_query_count_does_not_grow(network, client_for, queries):
    client = client_for(network.office_staff)
    make_announcement(network.coordinator)

    def add_items():
        for n in range(4):
            make_announcement(
                network.coordinator,
                title=f"M{n}",
                audience=Audience.selected(organisations=[network.office_a]),
            )
        network.office_staff.groups.add(network.board_group.group)

    queries.assert_constant(lambda: client.get("/"), add_items)


def test_navigation_marks_the_current_section(network, client_for):
    html = client_for(network.office_staff).get("/mitteilungen/").content.decode()
    assert 'href="/mitteilungen/" aria-current="page"' in html
    for prefix in ("/wissen/", "/forum/", "/termine/", "/organisationen/", "/personen/", "/suche/"):
        assert f'href="{prefix}"' in html


def test_language_switch_to_english_and_back(network, client_for):
    client = client_for(network.office_staff)
    assert 'lang="de"' in client.get("/").content.decode()
    client.post("/sprache/", {"language": "en", "next": "/"})
    html = client.get("/", headers={"accept-language": "de"}).content.decode()
    assert 'lang="en"' in html
    client.post("/sprache/", {"language": "de", "next": "/"})
    assert 'lang="de"' in client.get("/").content.decode()


def test_dates_are_german_and_24_hour(network, client_for):
    import datetime
    from zoneinfo import ZoneInfo

    item = make_announcement(network.coordinator)
    item.published_at = datetime.datetime(2026, 4, 18, 14, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    item.save()
    html = client_for(network.office_staff).get(item.get_absolute_url()).content.decode()
    assert "18.04.2026 14:30" in html


def test_sections_without_content_explain_themselves(network, client_for):
    client = client_for(network.partner)
    for url in ("/forum/", "/termine/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'data-testid="section-empty"' in response.content.decode(), url


def test_german_even_for_english_browsers_until_english_is_chosen(network, client_for):
    client = client_for(network.office_staff)
    html = client.get("/", headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert 'lang="de"' in html
    client.post("/sprache/", {"language": "en", "next": "/"})
    assert 'lang="en"' in client.get("/").content.decode()

"""The one page gate: every page Wagtail serves, on every route, asks for a login and
the audience (``abhnetz.audiences.wagtail_hooks.gate_pages``)."""

import inspect
from urllib.parse import quote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import Client, RequestFactory
from wagtail.models import get_page_models

from abhnetz.audiences.models import Audience, AudienceMixin
from abhnetz.audiences.services import audience_assign
from abhnetz.audiences.wagtail_hooks import gate_pages
from abhnetz.core.models import HomePage
from knowledge.guides.models import GuidePage
from knowledge.spaces.models import WorkingGroupIndexPage


@pytest.fixture
def office_guide(network, make_guide):
    return make_guide("Nur für Adorf", audience=Audience.selected(organisations=[network.office_a]))


def assert_login_redirect(response, url):
    assert response.status_code == 302
    assert response["Location"] == f"/konto/login/?next={quote(url)}"


def test_sub_routes_of_a_routable_page_answer_404_outside_its_audience(
    network, client_for, office_guide
):
    # given a guide for office A and its versions sub-route
    versions = office_guide.url + office_guide.reverse_subpage("versions")
    missing = office_guide.url + "gibt-es-nicht/"
    # when someone outside the audience asks for both, then both answer as a missing page
    outsider = client_for(network.office_staff_b)
    assert outsider.get(office_guide.url).status_code == 404
    assert outsider.get(versions).status_code == 404
    assert outsider.get(missing).status_code == 404
    # and a reader inside it gets the page and its sub-route
    reader = client_for(network.office_staff)
    assert reader.get(office_guide.url).status_code == 200
    assert reader.get(versions).status_code == 200


def test_guests_are_sent_to_the_login_with_the_address_they_asked_for(db, network, office_guide):
    versions = office_guide.url + office_guide.reverse_subpage("versions")
    guest = Client()
    assert_login_redirect(guest.get(office_guide.url), office_guide.url)
    assert_login_redirect(guest.get(versions), versions)


def test_a_routable_page_without_an_audience_is_members_only_on_every_route(
    network, client_for, publish
):
    index = publish(WorkingGroupIndexPage(title="Arbeitsgruppen", slug="arbeitsgruppen"))
    requests = index.url + index.reverse_subpage("join_requests")
    assert_login_redirect(Client().get(index.url), index.url)
    assert_login_redirect(Client().get(requests), requests)
    assert client_for(network.partner).get(index.url).status_code == 200


def test_an_unpublished_page_answers_404_like_a_missing_one(network, client_for, office_guide):
    url = office_guide.url
    office_guide.unpublish()
    reader = client_for(network.office_staff)
    assert reader.get(url).status_code == 404
    assert reader.get(url + "versionen/").status_code == 404


def test_a_narrowed_page_answers_404_from_then_on(network, client_for, publish):
    page = publish(GuidePage(title="Für alle", summary="Offen.", body=[]))
    partner = client_for(network.partner)
    assert partner.get(page.url).status_code == 200
    audience_assign(page, Audience.offices())
    page.save_revision().publish()
    assert partner.get(page.url).status_code == 404
    assert partner.get(page.url + "versionen/").status_code == 404


def test_public_pages_stay_open_to_guests(db):
    assert Client().get("/").status_code == 200
    assert Client().get("/impressum/").status_code == 200


@pytest.mark.parametrize(
    "model",
    [m for m in get_page_models() if not getattr(m, "public", False) and m.__name__ != "Page"],
    ids=lambda m: m.__name__,
)
def test_every_members_only_page_type_is_gated_without_doing_anything(db, model):
    # given any page type, also one added later, and a guest
    request = RequestFactory().get("/irgendwo/")
    request.user = AnonymousUser()
    # when the gate sees it, then the guest is sent to the login
    response = gate_pages(model(title="x"), request, [], {})
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")


@pytest.mark.parametrize(
    "model",
    [m for m in get_page_models() if issubclass(m, AudienceMixin)],
    ids=lambda m: m.__name__,
)
def test_every_audience_page_type_is_gated_for_members(network, model):
    # an unsaved page has no stored audience: nobody may read it
    request = RequestFactory().get("/irgendwo/")
    request.user = network.coordinator
    with pytest.raises(Http404):
        gate_pages(model(title="x"), request, [], {})


def test_no_page_type_gates_itself_in_serve():
    """Page types leave the gate to the hook; the home page only picks its template."""
    ours = ("abhnetz.", "knowledge.", "forums.", "events.")
    own_serve = {
        cls.__name__
        for model in get_page_models()
        for cls in model.__mro__
        if cls.__module__.startswith(ours) and "serve" in vars(cls) and cls is not HomePage
    }
    assert own_serve == set()
    assert "can_view" not in inspect.getsource(HomePage.serve)

"""'Leitfaden schreiben' and 'Bearbeiten' on the front end: shown exactly to who may."""

import pytest

from knowledge.guides.permissions import may_create_guide
from knowledge.minutes.models import MeetingType, MinutesPage
from knowledge.spaces.models import WorkingGroupIndexPage, WorkingGroupPage

ADD_URL = "/admin/pages/add/guides/guidepage/{pk}/"


@pytest.mark.parametrize(
    ("person", "may"),
    [
        ("office_staff", True),
        ("moderator", True),
        ("partner", False),
        ("board_member", False),
    ],
)
def test_write_a_guide_on_the_index_and_the_dashboard(
    network, client_for, knowledge_index, person, may
):
    # given someone who may or may not add guides below /wissen/
    user = getattr(network, person)
    client = client_for(user)
    link = f'href="{ADD_URL.format(pk=knowledge_index.pk)}"'

    # when they open the knowledge base and the dashboard
    index_html = client.get("/wissen/").content.decode()
    dashboard_html = client.get("/").content.decode()

    # then the link to the admin's new-guide form is there exactly when Wagtail allows it
    assert may_create_guide(user, knowledge_index) is may
    assert (link in index_html) is may
    assert (link in dashboard_html) is may


def test_write_a_guide_in_a_space_adds_it_below_the_space(network, client_for, knowledge_index):
    # given a working group's space
    index = WorkingGroupIndexPage(title="Arbeitsgruppen", slug="arbeitsgruppen")
    knowledge_index.add_child(instance=index)
    index.save_revision().publish()
    space = WorkingGroupPage(
        title="Digitalisierung", slug="digitalisierung", working_group=network.digital_group
    )
    index.add_child(instance=space)
    space.save_revision().publish()

    # then office staff are offered a guide below the space, partners are not
    office_html = client_for(network.office_staff).get(space.url).content.decode()
    partner_html = client_for(network.partner).get(space.url).content.decode()
    assert f'href="{ADD_URL.format(pk=space.pk)}"' in office_html
    assert "/admin/pages/add/" not in partner_html


@pytest.mark.parametrize(
    ("person", "may"),
    [
        ("office_staff", True),  # the owner
        ("office_staff_b", False),  # office staff, not the owner
        ("partner", False),
        ("board_member", False),
        # publishes under /wissen/ (approving in the workflow), but has no "change"
        ("coordinator", False),
    ],
)
def test_edit_on_a_guide_only_for_who_may_edit_it(network, client_for, make_guide, person, may):
    # given a network-wide guide owned by office A's staff member
    guide = make_guide("Leitfaden ServicePoint", owner=network.office_staff)

    # when someone reads it
    html = client_for(getattr(network, person)).get(guide.url).content.decode()

    # then "Bearbeiten" leads to the admin's editor exactly when Wagtail lets them edit
    assert (f'href="/admin/pages/{guide.pk}/edit/"' in html) is may
    assert ('data-testid="edit-link"' in html) is may


def test_the_guide_has_a_print_button_without_inline_script(network, client_for, make_guide):
    guide = make_guide("Leitfaden ServicePoint", owner=network.office_staff)
    html = client_for(network.partner).get(guide.url).content.decode()
    assert "data-print-button" in html
    assert "onclick" not in html


def test_latest_guides_on_the_dashboard_are_guides_only(
    network, client_for, make_guide, publish_page
):
    # given a guide and, more recent, minutes
    make_guide("Ein Leitfaden")
    publish_page(
        "Ein Protokoll",
        page_class=MinutesPage,
        meeting_date="2026-04-18",
        meeting_type=MeetingType.NETWORKING,
        place="Ministerium",
    )

    # when the dashboard is opened
    response = client_for(network.office_staff).get("/")

    # then "Neueste Praxisleitfäden" lists the guide only
    section = next(s for s in response.context["sections"] if s.key == "guides")
    assert [page["title"] for page in section.context["pages"]] == ["Ein Leitfaden"]

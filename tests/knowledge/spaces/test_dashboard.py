"""'Meine Arbeitsgruppen' on the dashboard links each of the reader's groups to its space."""

from tests.factories import WorkingGroupFactory


def test_my_working_groups_link_to_their_spaces(network, client_for, digital_space):
    # given a member of the digital group (which has a space) and of a group without one
    other = WorkingGroupFactory(name="Raumkonzept")
    network.office_staff.groups.add(other.group)

    # when they open the dashboard
    response = client_for(network.office_staff).get("/")

    # then the group with a space links to it, the other is named only
    section = response.context["working_groups_section"]
    assert section.context["groups"] == [
        {"name": network.digital_group.name, "url": digital_space.url},
        {"name": "Raumkonzept", "url": ""},
    ]
    html = response.content.decode()
    assert f'<a class="kern-link" href="{digital_space.url}">' in html


def test_groups_of_others_are_not_listed(network, client_for, digital_space):
    # office B's member is in no working group: they see none, not the digital group
    response = client_for(network.office_staff_b).get("/")
    assert response.context["working_groups_section"].context["groups"] == []
    assert digital_space.url not in response.content.decode().split("dash-working-groups")[1]

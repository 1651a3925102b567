import pytest

from abhnetz.accounts.roles import Role
from knowledge.spaces.models import WorkingGroupIndexPage, WorkingGroupPage
from tests.factories import UserFactory


@pytest.fixture
def space_index(knowledge_index) -> WorkingGroupIndexPage:
    index = WorkingGroupIndexPage(title="Arbeitsgruppen", slug="arbeitsgruppen")
    knowledge_index.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_space(space_index):
    def make(working_group) -> WorkingGroupPage:
        space = WorkingGroupPage(
            title=working_group.name, slug=working_group.slug, working_group=working_group
        )
        space_index.add_child(instance=space)
        space.save_revision().publish()
        space.refresh_from_db()
        return space

    return make


@pytest.fixture
def group_lead(network):
    """The digital group's own coordinator: office B staff, not a network coordinator."""
    lead = UserFactory(
        email="lead@bestadt.example",
        organisation=network.office_b,
        roles=[Role.OFFICE_STAFF],
        working_groups=[network.digital_group],
    )
    network.digital_group.coordinator = lead
    network.digital_group.save()
    return lead


@pytest.fixture
def digital_space(make_space, network, group_lead) -> WorkingGroupPage:
    return make_space(network.digital_group)

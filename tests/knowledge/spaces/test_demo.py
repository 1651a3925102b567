"""The demo seeder: a space per working group, the toolkit, a pending request; idempotent.

Runs the seeder on the core command's demo network alone, so the other apps' seeders
(their own tests cover them) do not come into it.
"""

from wagtail.models import Page

from abhnetz.organisations.models import WorkingGroup
from knowledge.spaces.demo import seed_spaces
from knowledge.spaces.models import JoinRequest, JoinRequestStatus, WorkingGroupPage
from tests.demo import demo_network


def test_seeds_spaces_toolkit_and_a_request_once(db):
    # given the demo network, and the spaces seeded twice
    demo = demo_network()
    seed_spaces(demo)
    counts = (Page.objects.count(), JoinRequest.objects.count())
    seed_spaces(demo)

    # then nothing doubled
    assert (Page.objects.count(), JoinRequest.objects.count()) == counts
    # and every working group has its live space under /wissen/arbeitsgruppen/
    assert WorkingGroupPage.objects.live().count() == WorkingGroup.objects.count() == 6
    space = WorkingGroupPage.objects.get(working_group__name="ServicePoint")
    assert space.url == "/wissen/arbeitsgruppen/servicepoint/"
    # the toolkit has its four sections (their items depend on the other seeders)
    toolkit = Page.objects.get(url_path__endswith="/wissen/werkzeugkoffer/").specific
    assert len(toolkit.sections) == 4
    # and one request waits
    assert JoinRequest.objects.filter(status=JoinRequestStatus.PENDING).count() == 1

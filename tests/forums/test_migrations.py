"""Data migrations of the forum."""

import importlib

from django.apps import apps

from abhnetz.audiences.rules import can_view
from forums.models import Category

working_group_categories = importlib.import_module(
    "forums.migrations.0002_working_group_categories"
)


def test_working_groups_made_before_the_forum_get_their_category(network):
    # given a working group from before the forum (no category), and one that has its own
    Category.objects.filter(working_group=network.digital_group).delete()
    kept = network.board_group.forum_category
    # when the migration runs (twice: a re-run must not add another)
    working_group_categories.add_categories(apps, None)
    working_group_categories.add_categories(apps, None)
    # then the group has one category, visible to its members only
    category = Category.objects.get(working_group=network.digital_group)
    assert category.name == network.digital_group.name
    assert can_view(network.office_staff, category)  # a member
    assert not can_view(network.office_staff_b, category)
    assert not can_view(network.partner, category)
    assert not can_view(network.board_member, category)
    assert Category.objects.filter(working_group=network.board_group).get() == kept
    # and the forum can use it (a thread in it takes its audience)
    from abhnetz.organisations.models import WorkingGroup
    from forums.services import category_for_working_group

    group = WorkingGroup.objects.get(pk=network.digital_group.pk)  # not the cached relation
    assert category_for_working_group(group) == category

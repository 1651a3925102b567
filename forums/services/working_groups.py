"""Every working group has a forum category of its own, visible to the group."""

from django.db import transaction

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign

from ..models import Category


@transaction.atomic
def category_for_working_group(working_group) -> Category:
    try:
        return working_group.forum_category
    except Category.DoesNotExist:
        pass
    category = Category(
        name=working_group.name[:120],
        # its own slug: a managed category may carry the group's name
        slug=f"ag-{working_group.slug}"[:120],
        description=working_group.goal[:2000],
        working_group=working_group,
        position=500,
    )
    audience_assign(category, Audience.selected(working_groups=[working_group]))
    category.save()  # stores its audience
    return category

"""Content created inside a group space starts with that group as its audience.

Wagtail's create view sends ``init_new_page`` with the new, unsaved page and its parent
before it builds the editor's form, so what is set here is what the editor sees
preselected; they may widen it before saving. Pages made in code are not touched.
"""

from django.dispatch import receiver
from wagtail.signals import init_new_page

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from knowledge.models import KnowledgePage


def enclosing_space(parent):
    """The working-group space ``parent`` is, or lies in; ``None`` outside every space."""
    from .models import WorkingGroupPage

    return (
        WorkingGroupPage.objects.filter(path__in=_ancestor_paths(parent))
        .select_related("working_group")
        .order_by("-depth")
        .first()
    )


def _ancestor_paths(page) -> list[str]:
    steplen = page.steplen
    return [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]


@receiver(init_new_page)
def start_with_the_group_as_audience(sender, page, parent, **kwargs):
    if not isinstance(page, KnowledgePage):
        return
    space = enclosing_space(parent)
    if space is not None:
        audience_assign(page, Audience.selected(working_groups=[space.working_group]))

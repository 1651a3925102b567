from django import template

from ..display import Badge, badge_for_object

register = template.Library()


@register.inclusion_tag("audiences/badge.html")
def audience_badge(obj_or_badge):
    """ "Sichtbar für: …", shown on every content page, list item and search hit.

    Takes the content object, or a ``Badge`` the search made from the hit's stored
    keys: the same words either way (``abhnetz.audiences.display``).
    """
    badge = obj_or_badge if isinstance(obj_or_badge, Badge) else badge_for_object(obj_or_badge)
    return {"description": badge.description, "restricted": badge.restricted}

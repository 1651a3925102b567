from django import template

from ..display import describe_object
from ..models import AudienceScope

register = template.Library()


@register.inclusion_tag("audiences/badge.html")
def audience_badge(obj):
    """ "Sichtbar für: …", shown on every content page and list item."""
    return {
        "description": describe_object(obj),
        "restricted": obj.audience_scope != AudienceScope.NETWORK,
    }

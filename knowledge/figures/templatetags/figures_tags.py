from django import template

from ..numbers import format_number

register = template.Library()


@register.filter
def num(value):
    """A figure the German way (1.234, 12,5); a dash for no value."""
    return "–" if value is None else format_number(value)

"""May this person do X with a form? Pure checks, no writes (architecture.md)."""

from __future__ import annotations

from django.db.models import QuerySet

from abhnetz.audiences.rules import can_view, visible_to

from .models import FormItem


def may_edit_form_item(user, item: FormItem) -> bool:
    """Whether ``user`` may change ``item`` and attach language versions to it."""
    # nobody who is signed out or deactivated
    if not getattr(user, "is_active", False):
        return False
    # nobody who may not read the form (its title is not for them)
    if not can_view(user, item):
        return False
    # the administration, which sets forms up
    if user.is_superuser:
        return True
    # the members of the organisation that owns the form
    return item.organisation_id is not None and item.organisation_id == user.organisation_id


def form_items_editable_by(user) -> QuerySet:
    """The forms ``user`` may attach versions to: the same rule as a queryset."""
    forms = visible_to(user, FormItem.objects.all())
    if not getattr(user, "is_active", False) or user.is_superuser:
        return forms
    return forms.filter(organisation_id=user.organisation_id or 0)

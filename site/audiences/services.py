"""Writes of the audience: keeping each object's stored keys equal to its fields."""

from django.db import transaction

from abhnetz.core import fragments

from .models import Audience, AudienceEntry, AudienceMixin, AudienceScope
from .rules import audience_content_type, audience_of, entry_key
from .signals import audience_stored


def audience_assign(obj: AudienceMixin, audience: Audience) -> None:
    """Put ``audience`` on ``obj``'s fields; saving ``obj`` commits the relations."""
    obj.audience_scope = audience.scope
    selected = audience.scope == AudienceScope.SELECTED
    obj.audience_organisations.set(audience.organisations if selected else [])
    obj.audience_working_groups.set(audience.working_groups if selected else [])
    # offices-only content is never for the board (domain.md)
    obj.audience_advisory_board = (
        audience.advisory_board and audience.scope != AudienceScope.OFFICES
    )


@transaction.atomic
def audience_store(obj: AudienceMixin) -> None:
    """Store ``obj``'s effective audience; call after saving it and its relations.

    Runs in the caller's transaction, so a narrowed audience is in force before the
    editor is told the change is saved.
    """
    content_type = audience_content_type(obj)
    AudienceEntry.objects.filter(content_type=content_type, object_id=obj.pk).delete()
    entries = [
        AudienceEntry(content_type=content_type, object_id=obj.pk, group_id=group_id)
        for group_id in sorted(audience_of(obj))
    ]
    author_id = (
        getattr(obj, f"{obj.audience_author_field}_id", None) if obj.audience_author_field else None
    )
    if author_id:
        entries.append(
            AudienceEntry(content_type=content_type, object_id=obj.pk, user_id=author_id)
        )
    AudienceEntry.objects.bulk_create(entries)
    fragments.bump()  # bulk_create sends no signal; cached fragments follow the audience
    audience_stored.send(
        sender=type(obj),
        content_type_id=content_type.pk,
        object_id=obj.pk,
        keys=frozenset(entry_key(entry.group_id, entry.user_id) for entry in entries),
    )


def audience_forget(obj: AudienceMixin) -> None:
    """Remove the stored audience of a deleted object."""
    AudienceEntry.objects.filter(content_type=audience_content_type(obj), object_id=obj.pk).delete()

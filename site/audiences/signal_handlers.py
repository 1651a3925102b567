from django.db.models.signals import post_delete

from .models import AudienceEntry, AudienceMixin
from .rules import audience_content_type
from .services import audience_forget


def forget_deleted(sender, instance, **kwargs):
    # Entries are generic rows with no foreign key to clean them up.
    if isinstance(instance, AudienceMixin):
        audience_forget(instance)
        return
    from wagtail.models import Page

    # Wagtail deletes a page's descendants as plain Page rows, not as their specific type.
    if isinstance(instance, Page):
        AudienceEntry.objects.filter(
            content_type=audience_content_type(Page), object_id=instance.pk
        ).delete()


def register_signal_handlers() -> None:
    post_delete.connect(forget_deleted, dispatch_uid="audiences_forget_deleted")

from django.db.models.signals import post_delete

from .models import AudienceMixin
from .services import audience_forget


def forget_deleted(sender, instance, **kwargs):
    # Entries are generic rows with no foreign key to clean them up.
    if isinstance(instance, AudienceMixin):
        audience_forget(instance)


def register_signal_handlers() -> None:
    post_delete.connect(forget_deleted, dispatch_uid="audiences_forget_deleted")

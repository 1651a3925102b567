"""Thin handlers, registered from ``ready()``."""

from django.db.models.signals import post_save


def _working_group_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    from .services import category_for_working_group

    category_for_working_group(instance)


def register_signal_handlers() -> None:
    from abhnetz.organisations.models import WorkingGroup

    post_save.connect(
        _working_group_saved, sender=WorkingGroup, dispatch_uid="forums_working_group_category"
    )

"""A changed sharing choice is in force in the search before the office is told "saved"."""

from django.db.models.signals import post_delete, post_save


def sharing_changed(sender, instance, raw=False, **kwargs) -> None:
    """Rewrite the office's search document in the saving transaction.

    A narrowed choice (network → anonymous) must not wait for a task after commit,
    during which the office's name would still be found: the same reason a narrowed
    audience is applied at once (search/signals.py).
    """
    if raw:
        return
    from search.services import reindex_owner

    from .indexers import OfficeFiguresIndexer

    reindex_owner(OfficeFiguresIndexer.name, instance.organisation_id)


def register_signal_handlers() -> None:
    from .models import FigureSharing

    post_save.connect(sharing_changed, sender=FigureSharing, dispatch_uid="figures_sharing_saved")
    post_delete.connect(
        sharing_changed, sender=FigureSharing, dispatch_uid="figures_sharing_deleted"
    )

"""Publishing a knowledge page tells those who want to hear of it (notification_kinds)."""

from wagtail.signals import page_published


def on_page_published(sender, instance, revision=None, **kwargs):
    from .notification_kinds import page_published_notify

    page_published_notify(page=instance, by=getattr(revision, "user", None))


def register_signal_handlers() -> None:
    page_published.connect(on_page_published, dispatch_uid="knowledge_page_published_notify")

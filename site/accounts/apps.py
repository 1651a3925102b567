from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People: the user model with its profile, roles, invitations and access requests."""

    name = "abhnetz.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from search.registry import register

        from .indexers import PersonIndexer
        from .notification_kinds import register_notification_kinds

        register_notification_kinds()
        register(PersonIndexer())

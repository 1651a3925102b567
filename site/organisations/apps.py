from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    """Participating offices, partner agencies and working groups."""

    name = "abhnetz.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from search.registry import register

        from .indexers import OrganisationIndexer

        register(OrganisationIndexer())

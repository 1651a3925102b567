from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Forms and documents with languages, topics and an audience."""

    name = "knowledge.documents"
    label = "documents"
    verbose_name = _("Forms and documents")

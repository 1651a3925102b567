from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Forms and documents with languages, topics and an audience."""

    name = "knowledge.documents"
    label = "documents"
    verbose_name = _("Forms and documents")

    def ready(self):
        from django.db.models.signals import pre_save

        from abhnetz.audiences.signals import audience_stored
        from search.registry import register

        from .indexers import (
            DocumentIndexer,
            FormIndexer,
            reindex_forms_now,
            remember_previous_form,
        )
        from .models import Document

        pre_save.connect(
            remember_previous_form, sender=Document, dispatch_uid="search_form_previous"
        )
        audience_stored.connect(reindex_forms_now, dispatch_uid="search_form_audience")
        register(DocumentIndexer())
        register(FormIndexer())

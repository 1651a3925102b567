"""Forms and documents: Wagtail documents with a language, topics and an audience.

A ``Document`` is one file in one language. A ``Form`` (Formular) gathers the language
versions of the same form, so the library at /wissen/formulare/ shows "Antrag auf
Erteilung eines Aufenthaltstitels" once, with its German and English files as links
(docs/decisions/0010-forms-group-language-versions.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument

from abhnetz.audiences.models import AudienceMixin
from abhnetz.core import limits
from abhnetz.core.models import SitePage


class DocumentLanguage(models.TextChoices):
    """The languages forms come in (the offices' most asked-for languages first)."""

    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    PERSIAN = "fa", _("Persian")
    RUSSIAN = "ru", _("Russian")
    TURKISH = "tr", _("Turkish")
    UKRAINIAN = "uk", _("Ukrainian")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    POLISH = "pl", _("Polish")
    ROMANIAN = "ro", _("Romanian")
    KURDISH = "ku", _("Kurdish")
    TIGRINYA = "ti", _("Tigrinya")
    DARI = "prs", _("Dari")
    PASHTO = "ps", _("Pashto")
    SOMALI = "so", _("Somali")


class FormItem(AudienceMixin, ClusterableModel):
    """One form or checklist, whatever the number of languages it comes in.

    Its title and description are shown only to its own audience; a version's audience
    never widens it (docs/decisions/0023). The library shows a reader the forms they
    may see, each with only the versions they may see. Its owning organisation's
    members may attach versions to it (``permissions.may_edit_form_item``).
    """

    title = models.CharField(_("title"), max_length=255, unique=True)
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=1000,
        help_text=_("What the form is for and who fills it in."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("owning organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its members may add language versions to the form."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("form")
        verbose_name_plural = _("forms")

    def __str__(self) -> str:
        return self.title


class Document(AudienceMixin, AbstractDocument, ClusterableModel):
    """A Wagtail document in one language, with topics, an organisation and an audience.

    Its stored audience is refreshed on every save (the admin's upload, edit and multiple
    upload views, the chooser's upload, our seeder), in the same transaction, by
    ``AudienceMixin.save``; Wagtail's update of size and hash alone leaves it. The person
    who uploaded it keeps sight of it.
    """

    # Redefined only for their reverse names: Wagtail's own document model stays installed.
    uploaded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by user"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="uploaded_documents",
    )
    uploaded_by_user.wagtail_reference_index_ignore = True
    tags = TaggableManager(
        help_text=None, blank=True, verbose_name=_("tags"), related_name="library_documents"
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=DocumentLanguage.choices,
        default=DocumentLanguage.GERMAN,
    )
    form_item = models.ForeignKey(
        FormItem,
        verbose_name=_("form"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="versions",
        help_text=_(
            "The form this file is a language version of. Only documents that belong to "
            "a form are listed in the forms library."
        ),
    )
    topics = ParentalManyToManyField(
        "topics.Topic", verbose_name=_("topics"), blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("authoring organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    admin_form_fields = (
        "title",
        "file",
        "form_item",
        "language",
        "topics",
        "organisation",
        "audience_scope",
        "audience_organisations",
        "audience_working_groups",
        "audience_advisory_board",
        "collection",
        "tags",
    )
    audience_author_field = "uploaded_by_user"

    class Meta(AbstractDocument.Meta):
        permissions = [("choose_document", "Can choose document")]

    @property
    def language_name(self) -> str:
        return self.get_language_display()

    @property
    def file_kind(self) -> str:
        """PDF, DOCX …: what readers need to know before they download."""
        return self.file_extension.upper()


class FormsLibraryPage(SitePage):
    """/wissen/formulare/: the forms the reader may see, each with its language versions."""

    intro = models.TextField(_("introduction"), blank=True, max_length=limits.SHORT_TEXT)

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("forms library")

    def get_context(self, request, *args, **kwargs):
        from .views import library_context

        context = super().get_context(request, *args, **kwargs)
        context.update(library_context(request))
        return context

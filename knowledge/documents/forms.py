"""The document form of the Wagtail admin and the library's filter form."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.documents.forms import BaseDocumentForm

from abhnetz.audiences.forms import validate_audience
from abhnetz.topics.forms import TopicFilterField

from .models import DocumentLanguage, FormItem
from .permissions import form_items_editable_by
from .validation import allowed_types_text, max_upload_bytes, validate_upload


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (upload, edit, multiple upload, chooser upload) with our checks.

    Set as ``WAGTAILDOCS_DOCUMENT_FORM_BASE``: every admin path that saves a document
    builds its form from this class, so the file is checked by content and size and the
    audience like every other audience form, each error next to its field.
    """

    class Meta(BaseDocumentForm.Meta):
        widgets = {
            **BaseDocumentForm.Meta.widgets,
            "topics": forms.CheckboxSelectMultiple,
            "audience_scope": forms.RadioSelect,
            "audience_organisations": forms.CheckboxSelectMultiple,
            "audience_working_groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        # Wagtail passes the editor on every path (upload, edit, multiple, chooser)
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        if "form_item" in self.fields:
            self._limit_form_items(user)
        if "file" in self.fields:
            self.fields["file"].help_text = _("Allowed: %(types)s; at most %(limit)s MB.") % {
                "types": allowed_types_text(),
                "limit": max_upload_bytes() // (1024 * 1024),
            }

    def _limit_form_items(self, user) -> None:
        """Offer only the forms the editor may attach versions to (a forged id is refused
        next to the field). A version of a form the editor may not edit stays where it
        is, and its form's title is not shown: the field is left out."""
        offered = form_items_editable_by(user) if user is not None else FormItem.objects.none()
        current = self.instance.form_item_id
        if current and not offered.filter(pk=current).exists():
            del self.fields["form_item"]
            return
        field = self.fields["form_item"]
        field.queryset = offered.order_by("title")
        field.error_messages["invalid_choice"] = _(
            "Choose one of the forms offered: only forms of your organisation can get new versions."
        )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        # A new upload is checked; an unchanged file on the edit form was checked before.
        if isinstance(file, UploadedFile):
            validate_upload(file)
        return file

    def clean(self):
        cleaned = super().clean()
        if "audience_scope" in self.fields:
            validate_audience(self, cleaned)
        return cleaned

    def save(self, commit=True):
        # The audience and topics are parental relations, held in memory until the
        # document is saved: hand them over first, so that the one save stores them and,
        # with them, the document's audience.
        for field in self.instance._meta.many_to_many:
            if isinstance(field, ParentalManyToManyField) and field.name in self.cleaned_data:
                field.save_form_data(self.instance, self.cleaned_data[field.name])
        return super().save(commit=commit)


class FormItemAdminForm(WagtailAdminModelForm):
    """The form snippet's editor: its audience checked like every other audience form."""

    def clean(self):
        cleaned = super().clean()
        if "audience_scope" in self.fields:
            validate_audience(self, cleaned)
        return cleaned


class LibraryFilterForm(forms.Form):
    """The filters of /wissen/formulare/ (GET; an unknown value shows an error, not a 500)."""

    thema = TopicFilterField()
    sprache = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("All languages")), *DocumentLanguage.choices],
        required=False,
    )

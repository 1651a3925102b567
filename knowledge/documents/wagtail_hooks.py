"""Documents in Wagtail: downloads through the audience rule, the forms snippet, demo forms."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from abhnetz.accounts.data_services import USER_DATA_EXPORT_HOOK, exports
from abhnetz.audiences.admin_gate import narrow_documents
from abhnetz.audiences.panels import audience_panel
from abhnetz.audiences.rules import can_view

from .forms import FormItemAdminForm
from .models import FormItem


@hooks.register("before_serve_document")
def serve_only_to_the_audience(document, request):
    """A document's URL answers as the lists do: login for guests, 404 for outsiders."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_view(request.user, document):
        raise Http404
    return None


@hooks.register("construct_document_chooser_queryset")
def choose_only_visible_documents(documents, request):
    """Editors link only documents they may read themselves (a guide's download block).

    A ``pk__in`` subquery: the chooser's search backend cannot filter by EXISTS."""
    return narrow_documents(request.user, documents)


class FormItemViewSet(SnippetViewSet):
    model = FormItem
    icon = "doc-full"
    menu_label = _("Forms")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["title", "created_at"]
    search_fields = ["title", "description"]
    ordering = ["title"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("description"),
            FieldPanel("organisation"),
            # who sees the title and description; each version has its own (decisions/0023)
            audience_panel(),
        ],
        base_form_class=FormItemAdminForm,
    )


register_snippet(FormItemViewSet)


@hooks.register(USER_DATA_EXPORT_HOOK)
@exports("documents.Document.uploaded_by_user")
def export_uploaded_documents(user):
    """The documents a person uploaded, for their data export (DSGVO). Deleting the
    person keeps the documents (they belong to the network) without the uploader."""
    return (
        "uploaded_documents",
        [
            {
                "title": doc.title,
                "file": doc.filename,
                "language": doc.language,
                "uploaded_at": doc.created_at,
            }
            for doc in user.uploaded_documents.order_by("created_at", "pk")
        ],
    )


@hooks.register("abhnetz_seed_demo", order=10)
def seed_demo_documents(demo):
    from .demo import seed_documents

    seed_documents(demo)

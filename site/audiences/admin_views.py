"""Wagtail's admin lists, narrowed by the audience rule for everyone but superusers.

Where Wagtail offers a hook or a viewset to swap a view (the admin API, the page viewset,
the dashboard panels) wagtail_hooks.py uses it; the views Wagtail offers no hook for
(page search, reports, the document and image listings) are subclassed here and take
Wagtail's URLs in ``admin_urls``. Each subclass only narrows the queryset Wagtail built,
with ``narrow_pages``/``narrow_documents``/``narrow_images`` (a ``pk__in`` subquery the
search backends take). Addresses naming one page, document or image are the gate's job
(admin_gate.py).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.views.home import (
    LockedPagesPanel,
    RecentEditsPanel,
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)
from wagtail.admin.views.pages.choose_parent import GenericChooseParentView
from wagtail.admin.views.pages.move import MoveChooseDestination
from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.views.pages.usage import ContentTypeUseView
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.views.documents import IndexView as DocumentIndexView
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.views.images import IndexView as ImageIndexView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page, PageLogEntry, get_default_page_content_type

from .admin_breadcrumbs import RESTRICTED_LABEL
from .admin_gate import narrow_documents, narrow_images, narrow_pages
from .models import AudienceMixin
from .rules import visible_to


def readable_page_keys(user):
    """Readable page ids as text, for generic relations (workflow states, log entries)."""
    return narrow_pages(user, Page.objects.all()).values_list(
        Cast("pk", output_field=CharField()), flat=True
    )


class AudienceSearchView(SearchView):
    """Wagtail's admin page search; both the results and the type facets are narrowed."""

    def annotate_queryset(self, pages):
        pages = super().annotate_queryset(pages)
        user = self.request.user
        self.all_pages = narrow_pages(user, self.all_pages)
        return narrow_pages(user, pages)


# The admin API: the explorer menu, ``?child_of=``, ``?search=`` and detail.


class AudiencePagesAdminAPIViewSet(PagesAdminAPIViewSet):
    def get_base_queryset(self):
        # also the base for finding the child_of / descendant_of parent
        return narrow_pages(self.request.user, super().get_base_queryset())

    def get_serializer_class(self):
        base = super().get_serializer_class()
        user = self.request.user
        if user.is_superuser:
            return base

        class NarrowedSerializer(base):
            """``meta.parent`` and ``meta.ancestors`` name no page outside the audience."""

            def to_representation(self, instance):
                data = super().to_representation(instance)
                meta = data.get("meta", {})
                named = [meta.get("parent"), *(meta.get("ancestors") or [])]
                named = [page for page in named if isinstance(page, dict) and page.get("id")]
                if named:
                    ids = {page["id"] for page in named}
                    readable = set(
                        narrow_pages(user, Page.objects.filter(pk__in=ids)).values_list(
                            "pk", flat=True
                        )
                    )
                    for page in named:
                        if page["id"] not in readable:
                            page["title"] = page["admin_display_title"] = str(RESTRICTED_LABEL)
                return data

        return NarrowedSerializer


class AudienceDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return narrow_documents(self.request.user, super().get_queryset())


class AudienceImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return narrow_images(self.request.user, super().get_queryset())


# The page viewset: pages of one type (/admin/pages/usage/<app>/<model>/) and the
# parents offered when adding a page of a type.


class AudienceContentTypeUseView(ContentTypeUseView):
    def get_base_queryset(self):
        return narrow_pages(self.request.user, super().get_base_queryset())


class AudienceChooseParentView(GenericChooseParentView):
    def get_valid_parent_pages(self, user):
        return narrow_pages(user, super().get_valid_parent_pages(user))


class AudiencePageViewSet(PageViewSet):
    name = "audience_pages"
    content_type_use_view_class = AudienceContentTypeUseView
    choose_parent_view_class = AudienceChooseParentView


# Reports


class AudienceLockedPagesView(LockedPagesView):
    def get_queryset(self):
        return narrow_pages(self.request.user, super().get_queryset())


class AudienceAgingPagesView(AgingPagesView):
    def get_queryset(self):
        return narrow_pages(self.request.user, super().get_queryset())


def _readable_workflow_states(user, prefix=""):
    """Workflow states of readable pages (and of snippets, which carry no audience)."""
    if user.is_superuser:
        return Q()
    return ~Q(**{f"{prefix}base_content_type": get_default_page_content_type()}) | Q(
        **{f"{prefix}object_id__in": readable_page_keys(user)}
    )


class AudienceWorkflowView(WorkflowView):
    def get_queryset(self):
        return super().get_queryset().filter(_readable_workflow_states(self.request.user))


class AudienceWorkflowTasksView(WorkflowTasksView):
    def get_queryset(self):
        user = self.request.user
        return super().get_queryset().filter(_readable_workflow_states(user, "workflow_state__"))


def narrow_log_entries(user, entries):
    """Log entries of pages and audience-carrying objects ``user`` may read."""
    if user.is_superuser:
        return entries
    if issubclass(entries.model, PageLogEntry):
        return entries.filter(page_id__in=narrow_pages(user, Page.objects.all()).values("pk"))
    for content_type_id in set(entries.get_content_type_ids()):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not issubclass(model, AudienceMixin):
            continue
        readable = visible_to(user, model.objects.all()).values_list(
            Cast("pk", output_field=CharField()), flat=True
        )
        entries = entries.exclude(Q(content_type_id=content_type_id) & ~Q(object_id__in=readable))
    return entries


class AudienceLogEntriesView(LogEntriesView):
    """Site history; Wagtail's own union of the log models, each narrowed first."""

    def get_filtered_queryset(self):
        user = self.request.user
        self.log_models = list(log_action_registry.get_log_entry_models())
        queryset = None
        for index, log_model in enumerate(self.log_models):
            entries = narrow_log_entries(user, log_model.objects.viewable_by_user(user))
            entries = entries.values("pk", "timestamp").annotate(
                log_model_index=Value(index, output_field=IntegerField())
            )
            entries = self.filter_queryset(entries).order_by()
            queryset = entries if queryset is None else queryset.union(entries, all=True)
        return queryset.order_by("-timestamp")


class AudiencePageTypesUsageReportView(PageTypesUsageReportView):
    """Counts and "last edited page" per type, from the readable pages only."""

    def get_queryset(self):
        user = self.request.user
        if user.is_superuser:
            return super().get_queryset()
        queryset = self.filter_queryset(ContentType.objects.filter(model__in=self.page_models))
        self.queryset = queryset
        form = self.filters.form.cleaned_data
        filters = {}
        if form.get("page_locale"):
            filters["locale__language_code"] = form["page_locale"]
        if form.get("site"):
            filters["path__startswith"] = form["site"]
        pages = narrow_pages(user, Page.objects.filter(content_type=OuterRef("pk"), **filters))
        latest = pages.order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        ).values("pk")[:1]
        counted = pages.order_by().values("content_type").annotate(n=Count("pk")).values("n")
        return queryset.annotate(
            count=Coalesce(Subquery(counted), 0), last_edited_page_id=Subquery(latest)
        ).order_by("-count", "app_label", "model")


# Documents


class AudienceDocumentIndexView(DocumentIndexView):
    def get_base_queryset(self):
        return narrow_documents(self.request.user, super().get_base_queryset())


# Images: the library lists an image where it is used (decisions/0070)


class AudienceImageIndexView(ImageIndexView):
    def get_base_queryset(self):
        return narrow_images(self.request.user, super().get_base_queryset())


# Dashboard panels: Wagtail lists the person's own edits, locks and workflows; a page
# whose audience no longer admits them drops out like everywhere else.


def _readable_ids(user, pages) -> set[int]:
    ids = {page.pk for page in pages}
    return set(narrow_pages(user, Page.objects.filter(pk__in=ids)).values_list("pk", flat=True))


class AudienceRecentEditsPanel(RecentEditsPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        readable = _readable_ids(user, [page for _date, page in context["last_edits"]])
        context["last_edits"] = [e for e in context["last_edits"] if e[1].pk in readable]
        return context


class AudienceLockedPagesPanel(LockedPagesPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["locked_pages"] = narrow_pages(user, context["locked_pages"])
        return context


def _readable_objects(user, items, object_of):
    pages = [object_of(item) for item in items if isinstance(object_of(item), Page)]
    readable = _readable_ids(user, pages)
    return [
        item
        for item in items
        if not isinstance(object_of(item), Page) or object_of(item).pk in readable
    ]


class AudienceUserObjectsInWorkflowModerationPanel(UserObjectsInWorkflowModerationPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["workflow_states"] = _readable_objects(
            user, list(context["workflow_states"]), lambda state: state.content_object
        )
        return context


class AudienceWorkflowObjectsToModeratePanel(WorkflowObjectsToModeratePanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["states"] = _readable_objects(user, context["states"], lambda s: s["obj"])
        return context


NARROWED_PANELS = {
    RecentEditsPanel: AudienceRecentEditsPanel,
    LockedPagesPanel: AudienceLockedPagesPanel,
    UserObjectsInWorkflowModerationPanel: AudienceUserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel: AudienceWorkflowObjectsToModeratePanel,
}


class AudienceMoveChooseDestination(MoveChooseDestination):
    """Moving one page: the chooser starts empty when the current parent is not readable.

    Wagtail fills it with the current parent, title and all; a chosen destination is
    checked by the gate at ``move_confirm`` (``destination_id``).
    """

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        field = form.fields["new_parent_page"]
        field.queryset = narrow_pages(self.request.user, field.queryset)
        if field.initial is not None and not field.queryset.filter(pk=field.initial.pk).exists():
            field.initial = None
        return form

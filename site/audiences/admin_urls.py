"""Wagtail admin URLs taken over by the narrowed views of admin_views.py.

Included in site/urls.py before Wagtail's admin, at Wagtail's own paths, so Wagtail's
URL names (and every link it builds) lead to the narrowed views. Wagtail decorates its
admin URLs with its access check and ``never_cache``; these get the same.
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access

from . import admin_views as views


def _admin(view):
    return never_cache(require_admin_access(view))


def _listing(route: str, view_class, name: str) -> list:
    """A listing and its results-only address (filtering and paging fetch the latter)."""
    return [
        path(route, _admin(view_class.as_view()), name=f"audience_{name}"),
        path(
            f"{route}results/",
            _admin(view_class.as_view(results_only=True)),
            name=f"audience_{name}_results",
        ),
    ]


urlpatterns = [
    *_listing("pages/search/", views.AudienceSearchView, "admin_search"),
    *_listing("reports/locked/", views.AudienceLockedPagesView, "locked_pages"),
    *_listing("reports/workflow/", views.AudienceWorkflowView, "workflow"),
    *_listing("reports/workflow_tasks/", views.AudienceWorkflowTasksView, "workflow_tasks"),
    *_listing("reports/site-history/", views.AudienceLogEntriesView, "site_history"),
    *_listing("reports/aging-pages/", views.AudienceAgingPagesView, "aging_pages"),
    *_listing(
        "reports/page-types-usage/", views.AudiencePageTypesUsageReportView, "page_types_usage"
    ),
    *_listing("documents/", views.AudienceDocumentIndexView, "documents"),
    *_listing("images/", views.AudienceImageIndexView, "images"),
    path(
        "pages/<int:page_to_move_id>/move/",
        _admin(views.AudienceMoveChooseDestination.as_view()),
        name="audience_move",
    ),
]

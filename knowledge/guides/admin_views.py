"""Wagtail's workflow views in the admin, answering 404 to whoever may not read the page.

Wagtail checks only the task's actions (403, or a redirect to the dashboard), which
tells an outsider that a page with this id is under review. These subclasses take the
same URLs (``urlpatterns``, included before Wagtail's admin in site/urls.py) and answer
as a missing page would (``permissions.may_see_submission``).
"""

from django.http import Http404
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages import workflow

from .permissions import may_see_submission


class AudienceGateMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_see_submission(request.user, page=self.object):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class WorkflowAction(AudienceGateMixin, workflow.WorkflowAction):
    pass


class CollectWorkflowActionData(AudienceGateMixin, workflow.CollectWorkflowActionData):
    pass


class PreviewRevisionForTask(AudienceGateMixin, workflow.PreviewRevisionForTask):
    pass


def gated(view):
    return never_cache(require_admin_access(view))


# the same paths as wagtail.admin.urls.pages, so Wagtail's reverse() names still match
urlpatterns = [
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        gated(WorkflowAction.as_view()),
    ),
    path(
        "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/"
        "<int:task_state_id>/",
        gated(CollectWorkflowActionData.as_view()),
    ),
    path(
        "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/",
        gated(PreviewRevisionForTask.as_view()),
    ),
]

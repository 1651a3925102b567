"""The routes of working-group spaces (served by the pages' RoutablePageMixin). Thin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from abhnetz.accounts.mfa import mfa_gate

from . import permissions, selectors, services
from .forms import DecisionForm, JoinRequestForm
from .models import WorkingGroupIndexPage, WorkingGroupPage


def join_request_create(request, *, space: WorkingGroupPage):
    working_group = space.working_group
    if not permissions.may_ask_to_join(request.user, working_group):
        raise PermissionDenied
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_request_submit(
                user=request.user,
                working_group=working_group,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your request was sent. The group's coordinator will decide on it."),
            )
            return redirect(space.url)
    return TemplateResponse(
        request,
        "spaces/join_request_form.html",
        {"page": space, "working_group": working_group, "form": form},
    )


def membership_leave(request, *, space: WorkingGroupPage):
    working_group = space.working_group
    if not permissions.is_member(request.user, working_group):
        raise PermissionDenied
    if request.method == "POST":
        services.membership_leave(user=request.user, working_group=working_group)
        messages.success(
            request,
            _("You have left the working group %(name)s.") % {"name": working_group.name},
        )
        return redirect(space.url)
    return TemplateResponse(
        request,
        "spaces/membership_leave.html",
        {"page": space, "working_group": working_group},
    )


def join_request_list(request, *, space: WorkingGroupPage | None = None, index=None):
    """Pending requests: of one group (its space), or of every group the reader decides."""
    if space is not None:
        if not permissions.may_decide(request.user, space.working_group):
            raise PermissionDenied
        requests = selectors.decidable_requests(request.user, working_group=space.working_group)
    else:
        if not permissions.may_decide_any(request.user):
            raise PermissionDenied
        requests = selectors.decidable_requests(request.user)
    # deciding who joins is a privileged action: the second factor, as for the admin
    if (response := mfa_gate(request)) is not None:
        return response
    rows = [
        {"join_request": join_request, "decide_url": _decide_url(join_request)}
        for join_request in requests
    ]
    return TemplateResponse(
        request,
        "spaces/join_request_list.html",
        {"page": space or index, "space": space, "rows": rows},
    )


def _decide_url(join_request) -> str:
    space = getattr(join_request.working_group, "space_page", None)
    if space is None:
        return ""
    return space.route_url("join_request_decide", pk=join_request.pk)


@require_POST
def join_request_decide(request, *, space: WorkingGroupPage, pk: int):
    if not permissions.may_decide(request.user, space.working_group):
        raise PermissionDenied
    if (response := mfa_gate(request)) is not None:
        return response
    join_request = (
        selectors.decidable_requests(request.user, working_group=space.working_group)
        .filter(pk=pk)
        .first()
    )
    if join_request is None:
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose to approve or decline the request."))
        return redirect(space.route_url("join_requests"))
    person = join_request.user
    if form.cleaned_data["decision"] == "approve":
        services.join_request_approve(join_request=join_request, by=request.user)
        messages.success(
            request,
            _("%(person)s is now a member of %(group)s and has been told by e-mail.")
            % {"person": person, "group": space.working_group.name},
        )
    else:
        services.join_request_decline(join_request=join_request, by=request.user)
        messages.success(
            request,
            _("The request of %(person)s was declined; they have been told by e-mail.")
            % {"person": person},
        )
    back = request.POST.get("next")
    if back == "index":
        index = WorkingGroupIndexPage.objects.live().ancestor_of(space).first()
        if index is not None:
            return redirect(index.url + index.reverse_subpage("join_requests"))
    return redirect(space.route_url("join_requests"))

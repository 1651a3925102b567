from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from abhnetz.core.pagination import COUNT_CAP, paginate

from . import services
from .forms import ActionItemFilterForm, DecisionFilterForm
from .selectors import access_action_item, annotate_action_items, decisions_register
from .selectors import open_action_items as select_open_action_items


def open_action_items(request):
    """Offene Aufgaben: open action items of the minutes the reader may see."""
    form = ActionItemFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    # counted up to the cap: "more than 1,000" (issue #15)
    page = paginate(request, select_open_action_items(request.user, **filters), cap=COUNT_CAP)
    page.object_list = annotate_action_items(page.object_list, request.user)
    return render(
        request,
        "minutes/action_item_list.html",
        {"form": form, "page": page, "is_filtered": any(filters.values()), "count_cap": COUNT_CAP},
    )


def decision_list(request):
    """Beschlüsse: decisions across the minutes the reader may see."""
    form = DecisionFilterForm(request.GET or None)
    filters = form.filters()
    return render(
        request,
        "minutes/decision_list.html",
        {
            "form": form,
            # counted up to the cap, as the action items: 30,000 decisions at factor 1
            "page": paginate(request, decisions_register(request.user, **filters), cap=COUNT_CAP),
            "is_filtered": any(filters.values()),
            "count_cap": COUNT_CAP,
        },
    )


@require_POST
def action_item_status(request, item_uuid):
    """Mark an action item done or open again; back to where the form was."""
    item = access_action_item(request.user, item_uuid)
    done = request.POST.get("status") != "open"
    # the services refuse (403) anyone but the owners and the coordinators
    if done:
        services.action_item_complete(item=item, by=request.user)
        messages.success(request, _("The action item is marked as done."))
    else:
        services.action_item_reopen(item=item, by=request.user)
        messages.success(request, _("The action item is open again."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = item.page.url
    return redirect(next_url)

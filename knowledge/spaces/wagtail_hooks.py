from django.db.models import Q
from wagtail import hooks

from abhnetz.accounts.data_services import USER_DATA_EXPORT_HOOK, exports

from .demo import seed_spaces
from .models import JoinRequest

hooks.register("abhnetz_seed_demo", seed_spaces, order=40)


@hooks.register(USER_DATA_EXPORT_HOOK)
@exports("spaces.JoinRequest.user", "spaces.JoinRequest.decided_by")
def export_join_requests(user):
    """A person's requests to join working groups, and those they decided (DSGVO)."""
    requests = JoinRequest.objects.filter(Q(user=user) | Q(decided_by=user)).select_related(
        "working_group"
    )
    asked, decided = [], []
    for join_request in requests.order_by("created_at", "pk"):
        if join_request.user_id == user.pk:
            asked.append(
                {
                    "working_group": join_request.working_group.name,
                    "message": join_request.message,
                    "status": join_request.status,
                    "asked_on": join_request.created_at,
                    "decided_on": join_request.decided_at,
                }
            )
        if join_request.decided_by_id == user.pk:
            # the decision is the person's act; the requester's message stays theirs
            decided.append(
                {
                    "working_group": join_request.working_group.name,
                    "status": join_request.status,
                    "decided_on": join_request.decided_at,
                }
            )
    return "working_group_join_requests", {"asked": asked, "decided": decided}


@hooks.register("abhnetz_dashboard_section")
def spaces_dashboard(request):
    """Join requests to decide (inbox) and "My working groups" with links to the spaces."""
    from .dashboard import dashboard_sections

    return dashboard_sections(request)

from django.db.models import Q
from wagtail import hooks

from abhnetz.accounts.data_services import USER_DATA_EXPORT_HOOK, exports

from .demo import seed_minutes
from .models import ActionItemCompletion
from .selectors import visible_action_items

# after the organisations, people and topics; guides and documents may come first
hooks.register("abhnetz_seed_demo", seed_minutes, order=30)


@hooks.register(USER_DATA_EXPORT_HOOK)
@exports("minutes.ActionItem.owner_person", "minutes.ActionItemCompletion.done_by")
def export_action_items(user):
    """Action items assigned to a person, and those they marked done (DSGVO).

    Through the audience rule like everything shown: items of minutes the person may
    no longer read stay out (their content is others' as well, Art. 15(4) DSGVO).
    """
    assigned = visible_action_items(user).filter(owner_person=user).select_related("page")
    assigned = sorted(assigned, key=lambda item: (item.due_date is None, item.due_date, item.pk))
    completions = {
        completion.item_uuid: completion
        for completion in ActionItemCompletion.objects.filter(
            Q(item_uuid__in=[item.uuid for item in assigned]) | Q(done_by=user)
        )
    }
    marked = [c for c in completions.values() if c.done_by_id == user.pk]
    return (
        "action_items",
        {
            "assigned": [
                {
                    "title": item.title,
                    "minutes": item.page.title,
                    "due_date": item.due_date,
                    "done_at": completions[item.uuid].done_at if item.uuid in completions else None,
                }
                for item in assigned
            ],
            "marked_done": [
                {"item": str(c.item_uuid), "done_at": c.done_at}
                for c in sorted(marked, key=lambda c: (c.done_at, c.pk))
            ],
        },
    )


@hooks.register("abhnetz_dashboard_section")
def action_items_inbox(request):
    from .dashboard import inbox_sections

    return inbox_sections(request)

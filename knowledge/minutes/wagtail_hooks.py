from wagtail import hooks

from .demo import seed_minutes

# after the organisations, people and topics; guides and documents may come first
hooks.register("abhnetz_seed_demo", seed_minutes, order=30)


@hooks.register("abhnetz_dashboard_section")
def action_items_inbox(request):
    from .dashboard import inbox_sections

    return inbox_sections(request)

from wagtail import hooks

from .demo import seed_spaces

hooks.register("abhnetz_seed_demo", seed_spaces, order=40)


@hooks.register("abhnetz_dashboard_section")
def spaces_dashboard(request):
    """Join requests to decide (inbox) and "My working groups" with links to the spaces."""
    from .dashboard import dashboard_sections

    return dashboard_sections(request)

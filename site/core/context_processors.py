from .navigation import main_navigation


def site_shell(request):
    """The navigation with the current section marked, and the footer's legal pages."""
    from .models import LegalPage

    path = request.path_info
    navigation = [
        {"label": item.label, "url": item.url, "current": path.startswith(item.path_prefix)}
        for item in main_navigation()
    ]
    return {
        "main_navigation": navigation,
        "legal_pages": LegalPage.footer_links,
    }

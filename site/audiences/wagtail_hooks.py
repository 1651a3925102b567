"""The audience rule in Wagtail's admin: editors find only pages they may read.

Superusers administer everything and are not narrowed; everyone else (office staff
writing guides, coordinators, moderators) sees in the explorer, the page chooser, the
admin API, the reports, the dashboard and the admin search only pages whose audience
admits them (docs/decisions/0017). Four parts share the work:

- here, Wagtail's hooks: the explorer and chooser querysets, the admin API endpoints,
  the page viewset, the dashboard panels and the "edit" links (admin URL finders);
- admin_views.py/admin_urls.py: the lists Wagtail offers no hook for;
- admin_gate.py: every admin address naming one page, document or image answers 404;
- admin_bulk.py: bulk actions on "all" of a listing act on readable objects only.

The front end's one page gate lives here too (``gate_pages``): every page Wagtail
serves, of any type and on any of its routes, asks for a login and the audience.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from wagtail import hooks
from wagtail.models import Page

from .admin_bulk import register_narrowed_bulk_actions
from .admin_gate import narrow_images, narrow_pages
from .admin_views import (
    NARROWED_PANELS,
    AudienceDocumentsAdminAPIViewSet,
    AudienceImagesAdminAPIViewSet,
    AudiencePagesAdminAPIViewSet,
    AudiencePageViewSet,
)
from .models import AudienceMixin
from .rules import can_view

# After Wagtail's own registrations (its apps come after ours in INSTALLED_APPS).
LATER = 100


@hooks.register("before_serve_page")
def gate_pages(page, request, serve_args, serve_kwargs):
    """Members only unless the page type says ``public = True``; then its audience.

    Wagtail's serve view runs this after ``route()`` has found the page, so a
    routable page's sub-routes (``/versionen/``) are gated as its index is, and a
    page type added later is gated without doing anything. The page-serving URL is
    exempt from the login-required middleware (for the public landing and legal
    pages); this is where the login comes back in. Previews and the admin do not pass
    through here (admin_gate.py answers for them).
    """
    if not getattr(page, "public", False) and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    # a direct URL answers exactly as the lists do: the same 404 as a missing page
    if isinstance(page, AudienceMixin) and not can_view(request.user, page):
        raise Http404
    return None


@hooks.register("construct_explorer_page_queryset")
def narrow_explorer(parent_page, pages, request):
    return narrow_pages(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def narrow_page_chooser(pages, request):
    # narrow_pages' pk__in subquery, not EXISTS: the chooser's search runs on this queryset
    return narrow_pages(request.user, pages)


@hooks.register("construct_admin_api", order=LATER)
def narrow_admin_api(router):
    """The explorer menu, ``?child_of=``, ``?search=`` and detail by id."""
    router.register_endpoint("pages", AudiencePagesAdminAPIViewSet)
    router.register_endpoint("documents", AudienceDocumentsAdminAPIViewSet)
    router.register_endpoint("images", AudienceImagesAdminAPIViewSet)


@hooks.register("construct_image_chooser_queryset")
def narrow_image_chooser(images, request):
    # where an image is used decides who finds it (decisions/0070); pk__in for the search
    return narrow_images(request.user, images)


@hooks.register("register_admin_viewset", order=LATER)
def narrow_page_viewset():
    """Pages of one type (/admin/pages/usage/…) and the parents offered for a new page."""
    return AudiencePageViewSet()


@hooks.register("construct_homepage_panels", order=LATER)
def narrow_dashboard_panels(request, panels):
    for index, panel in enumerate(panels):
        narrowed = NARROWED_PANELS.get(type(panel))
        if narrowed is not None:
            panels[index] = narrowed()


class _AudiencePageURLFinder:
    """No "edit" link, hence "(private page)" instead of the title, outside the audience.

    Usage listings of pages, documents and snippets show a referencing page's title
    only when the editor has an edit URL for it.
    """

    def __init__(self, user=None):
        from wagtail.admin.wagtail_hooks import PageAdminURLFinder

        self.user = user
        self.finder = PageAdminURLFinder(user)

    def get_edit_url(self, instance):
        url = self.finder.get_edit_url(instance)
        # asked only for pages Wagtail would link, and never for superusers
        if url is None or self.user is None or self.user.is_superuser:
            return url
        readable = narrow_pages(self.user, Page.objects.filter(pk=instance.pk))
        return url if readable.exists() else None


@hooks.register("register_admin_urls")
def register_audience_url_finders():
    # Wagtail registers its finders when its wagtail_hooks are imported, after ours
    # (INSTALLED_APPS order); the admin URLs are built after all of them, so ours win.
    from wagtail.admin.admin_url_finder import register_admin_url_finder

    register_admin_url_finder(Page, _AudiencePageURLFinder)
    register_narrowed_bulk_actions()
    return []

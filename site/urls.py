import re

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.templatetags.static import static as static_url
from django.urls import include, path, re_path
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from abhnetz.accounts import views as account_views
from abhnetz.audiences import views as audience_views
from abhnetz.core import health, media_views
from abhnetz.core.language import language_set
from abhnetz.core.media_views import RENDITIONS_FOLDER
from knowledge.guides.admin_views import urlpatterns as guide_workflow_admin_urls


@login_not_required
def favicon(request):
    """Browsers ask for /favicon.ico on their own, signed in or not (pages link the SVG)."""
    return redirect(static_url("abhnetz/favicon.ico"), permanent=True)


urlpatterns = [
    # Wagtail's own login would accept a password without the second factor: send it to allauth.
    path("admin/login/", account_views.admin_login_redirect, name="admin_login_redirect"),
    # Wagtail's workflow views, answering 404 outside the page's audience
    *guide_workflow_admin_urls,
    # admin lists Wagtail has no hook for, narrowed by the audience rule
    path("admin/", include("abhnetz.audiences.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    # the way to the second factor keeps "next" (before allauth's views of the same names)
    path("konto/", include("abhnetz.accounts.mfa_urls")),
    path("konto/", include("allauth.urls")),
    path("", include("abhnetz.accounts.urls")),
    path("mitteilungen/", include("abhnetz.announcements.urls")),
    path("organisationen/", include("abhnetz.organisations.urls")),
    path("personen/", include("abhnetz.accounts.people_urls")),
    path("meine-daten/", include("abhnetz.accounts.data_urls")),
    path("benachrichtigungen/", include("abhnetz.notifications.urls")),
    path("forum/", include("forums.urls")),
    path("termine/", include("events.urls")),
    path("suche/", include("search.urls")),
    path("wissen/", include("knowledge.minutes.urls")),
    path("wissen/", include("knowledge.figures.urls")),
    # topic pages and feeds; other /wissen/ addresses fall through to the Wagtail pages
    path("wissen/", include("knowledge.urls")),
    path("wissen/", include("knowledge.guides.urls")),
    path("zielgruppe/vorschau/", audience_views.preview, name="audience_preview"),
    path("sprache/", language_set, name="set_language"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", health.healthz, name="healthz"),
]

if settings.ABHNETZ_BENCH:
    from abhnetz.core.bench import floor

    urlpatterns.append(path("bench/floor/", floor, name="bench_floor"))

# The 500 page, or the German 503 page while the database is unreachable.
handler500 = "abhnetz.core.error_views.server_error"
# A post too large to read (a pasted megabyte) gets a page saying so (413).
handler400 = "abhnetz.core.error_views.bad_request"

# MEDIA_ROOT is never served as a folder, in no configuration: documents only through
# the audience-checked serve view above, images only as renditions Wagtail made.
urlpatterns += [
    re_path(
        rf"^{re.escape(settings.MEDIA_URL.lstrip('/') + RENDITIONS_FOLDER)}(?P<name>[^/]+)$",
        media_views.image_rendition,
        name="image_rendition",
    ),
]

# Pages last. Serving is open to guests at the URL level so the landing and legal
# pages are public; every other page type asks for a login itself (core.SitePage).
urlpatterns += [
    re_path(r"^((?:[\w\-]+/)*)$", login_not_required(wagtail_views.serve), name="wagtail_serve"),
]

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from abhnetz.accounts import views as account_views
from abhnetz.audiences import views as audience_views
from abhnetz.audiences.admin_views import AudienceSearchView
from abhnetz.core.language import language_set

urlpatterns = [
    # Wagtail's own login would accept a password without the second factor: send it to allauth.
    path("admin/login/", account_views.admin_login_redirect, name="admin_login_redirect"),
    # the admin's page search, narrowed by the audience rule (no hook exists for it)
    path("admin/pages/search/", AudienceSearchView.as_view(), name="audience_admin_search"),
    path(
        "admin/pages/search/results/",
        AudienceSearchView.as_view(results_only=True),
        name="audience_admin_search_results",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
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
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages last. Serving is open to guests at the URL level so the landing and legal
# pages are public; every other page type asks for a login itself (core.SitePage).
urlpatterns += [
    re_path(r"^((?:[\w\-]+/)*)$", login_not_required(wagtail_views.serve), name="wagtail_serve"),
]

from django.urls import path

from . import onboarding_views

urlpatterns = [
    path("konto/", onboarding_views.account_overview, name="account_overview"),
    path("einladungen/", onboarding_views.invitation_list, name="invitation_list"),
    path("einladungen/neu/", onboarding_views.invitation_create, name="invitation_create"),
    path(
        "einladungen/rollen/",
        onboarding_views.invitation_role_field,
        name="invitation_role_field",
    ),
    path(
        "einladungen/<int:pk>/zurueckziehen/",
        onboarding_views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("einladung/<str:token>/", onboarding_views.invitation_accept, name="invitation_accept"),
    path("zugang-beantragen/", onboarding_views.access_request, name="access_request"),
    path(
        "zugang-beantragen/gesendet/",
        onboarding_views.access_request_sent,
        name="access_request_sent",
    ),
    path("zugangsanfragen/", onboarding_views.access_request_list, name="access_request_list"),
    path(
        "zugangsanfragen/<int:pk>/",
        onboarding_views.access_request_detail,
        name="access_request_detail",
    ),
]

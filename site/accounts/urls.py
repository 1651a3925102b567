from django.urls import path

from . import onboarding_views

urlpatterns = [
    path("zugang-beantragen/", onboarding_views.access_request, name="access_request"),
]

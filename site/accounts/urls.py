from django.urls import path

from . import data_views, onboarding_views

urlpatterns = [
    path("meine-daten/", data_views.my_data, name="my_data"),
    path("zugang-beantragen/", onboarding_views.access_request, name="access_request"),
]

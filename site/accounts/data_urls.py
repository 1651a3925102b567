from django.urls import path

from . import data_views

urlpatterns = [
    path("", data_views.my_data, name="my_data"),
    path("profil/", data_views.profile_edit, name="my_profile"),
    path("export.json", data_views.my_data_export, name="my_data_export"),
    path("loeschen/", data_views.account_delete, name="my_data_delete"),
]

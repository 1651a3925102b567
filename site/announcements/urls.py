from django.urls import path

from . import views

app_name = "announcements"
urlpatterns = [
    path("", views.announcement_list, name="list"),
    path("neu/", views.announcement_create, name="create"),
    path("<int:pk>/", views.announcement_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.announcement_edit, name="edit"),
    path("<int:pk>/loeschen/", views.announcement_delete, name="delete"),
    path("feed/<str:token>/", views.announcement_feed, name="feed"),
]

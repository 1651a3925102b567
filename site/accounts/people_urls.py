from django.urls import path

from . import people_views

app_name = "people"
urlpatterns = [
    path("", people_views.person_list, name="list"),
    path("<int:pk>/", people_views.person_detail, name="detail"),
]

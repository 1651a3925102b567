from django.urls import path

from . import views

app_name = "guides"
urlpatterns = [
    path("ueberpruefung/", views.review_list, name="review_list"),
]

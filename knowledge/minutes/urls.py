from django.urls import path

from . import views

app_name = "minutes"
urlpatterns = [
    path("aufgaben/", views.open_action_items, name="action_items"),
    path("aufgaben/<uuid:item_uuid>/status/", views.action_item_status, name="action_item_status"),
    path("beschluesse/", views.decision_list, name="decisions"),
]

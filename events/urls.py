from django.urls import path

from abhnetz.core.sections import section_index

app_name = "events"
urlpatterns = [
    path("", section_index, {"section": "events"}, name="index"),
]

from django.urls import path

from abhnetz.core.sections import section_index

app_name = "search"
urlpatterns = [
    path("", section_index, {"section": "search"}, name="index"),
]

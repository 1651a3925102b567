from django.urls import path

from abhnetz.core.sections import section_index

app_name = "knowledge"
urlpatterns = [
    path("", section_index, {"section": "knowledge"}, name="index"),
]

from django.urls import path

from abhnetz.core.sections import section_index

app_name = "forums"
urlpatterns = [
    path("", section_index, {"section": "forums"}, name="index"),
]

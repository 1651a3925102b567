"""Knowledge views that are not Wagtail pages; included under /wissen/ before the page URLs."""

from django.urls import path

from . import feeds, views

app_name = "knowledge"
urlpatterns = [
    path("themen/", views.topic_list, name="topics"),
    path("themen/<slug:slug>/", views.topic_detail, name="topic"),
    path("themen/<slug:slug>/folgen/", views.topic_follow, name="topic_follow"),
    path("themen/<slug:slug>/entfolgen/", views.topic_unfollow, name="topic_unfollow"),
    path("themen/<slug:slug>/feed/<str:token>/", feeds.topic_feed, name="topic_feed"),
]

"""Front-end views under /termine/. The calendar and each event are Wagtail pages
(/termine/, /termine/<slug>/); these addresses cannot clash with them: events have no
child pages, and the feed's name ends in ".ics", which no slug contains."""

from django.urls import path

from . import poll_views, views

app_name = "events"
urlpatterns = [
    path("<int:pk>/antwort/", views.rsvp, name="rsvp"),
    path("<int:pk>/kalender.ics", views.event_ics, name="ics"),
    path("<int:pk>/teilnehmende/", views.participants, name="participants"),
    path("<int:pk>/teilnehmende.csv", views.participants_csv, name="participants_csv"),
    path("<int:pk>/einladen/", views.invite, name="invite"),
    path("<int:pk>/protokoll/", views.minutes_create, name="minutes_create"),
    path("abo/<str:token>.ics", views.feed, name="feed"),
    path("kalender-abo/verwalten/", views.feed_settings, name="feed_settings"),
    path("umfragen/neu/", poll_views.poll_create, name="poll_create"),
    path("umfragen/<int:pk>/", poll_views.poll_detail, name="poll"),
    path("umfragen/<int:pk>/abschliessen/", poll_views.poll_close, name="poll_close"),
]

from django.urls import path

from .views import comments, htmx, moderation, reading, writing

app_name = "forums"
urlpatterns = [
    path("", reading.forum_index, name="index"),
    path("alle/", reading.thread_list, name="list"),
    path("kategorie/<slug:slug>/", reading.category_detail, name="category"),
    path("kategorie/<slug:slug>/neu/", writing.thread_create, name="create"),
    path("kategorie/<slug:slug>/folgen/", writing.category_follow, name="category_follow"),
    path("<int:pk>/", reading.thread_detail, name="thread"),
    path("<int:pk>/antworten/", writing.reply, name="reply"),
    path("<int:pk>/folgen/", writing.thread_follow, name="follow"),
    path("<int:pk>/verschieben/", moderation.thread_move, name="move"),
    path("<int:pk>/moderation/<str:action>/", moderation.thread_moderate, name="thread_moderate"),
    path("beitrag/<int:pk>/", reading.post_permalink, name="post"),
    path("beitrag/<int:pk>/bearbeiten/", writing.post_edit, name="post_edit"),
    path("beitrag/<int:pk>/akzeptieren/", writing.answer_accept, name="accept"),
    path("beitrag/<int:pk>/hilfreich/", writing.helpful, name="helpful"),
    path("beitrag/<int:pk>/melden/", moderation.flag, name="flag"),
    path("beitrag/<int:pk>/verlauf/", moderation.post_history, name="history"),
    path(
        "beitrag/<int:pk>/moderation/<str:action>/",
        moderation.post_moderate,
        name="post_moderate",
    ),
    path("kommentar/<int:page_id>/", comments.comment_create, name="comment"),
    path("moderation/", moderation.queue, name="queue"),
    path("moderation/protokoll/", moderation.moderation_log, name="log"),
    path("vorschau/", writing.preview, name="preview"),
    path("personen/", htmx.mention_suggestions, name="mentions"),
    path("aehnliche/", htmx.similar_questions, name="similar"),
]

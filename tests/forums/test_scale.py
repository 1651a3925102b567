"""seed_scale's forum part: categories, threads and posts in bulk, as the site stores them.

Counters equal what ``category_refresh_counts`` and the reply service would keep, threads
carry their category's audience (decision 0047), and nobody outside a category's audience
finds its threads: not in the lists, not at their address, not in the search.
"""

import pytest
from django.db.models import Count, Max
from django.urls import reverse

from abhnetz.accounts.models import User
from abhnetz.audiences.models import AudienceEntry
from abhnetz.audiences.rules import audience_content_type, audience_of, can_view
from abhnetz.core import scale
from forums.models import Category, Post, Thread, ThreadKind
from search.models import SearchEntry

FACTOR = 0.002  # 3 categories, 60 threads, 603 posts


@pytest.fixture
def scaled(db):
    return scale.seed(factor=FACTOR, stdout=scale._Out())


def test_the_forum_has_its_scaled_size_and_true_counters(scaled):
    # given the forum of factor 0.002
    assert Category.objects.count() == scaled.counts["forum_categories"] == 3
    assert Thread.objects.count() == scaled.counts["forum_threads"] == 60
    # 57 threads of 9 posts and 3 long ones of 30
    assert Post.objects.count() == scaled.counts["forum_posts"] == 57 * 9 + 3 * 30
    # then every thread's counters are what its posts say
    threads = Thread.objects.annotate(posts_made=Count("posts"), last_post=Max("posts__created_at"))
    for thread in threads:
        assert thread.reply_count == thread.posts_made - 1
        assert thread.last_activity_at == thread.last_post
        assert thread.posts.filter(is_opening=True).count() == 1
        if thread.accepted_post_id:
            assert thread.kind == ThreadKind.QUESTION
            assert thread.accepted_post.thread_id == thread.pk
            assert not thread.accepted_post.is_opening
    # and every category's, what its threads say
    for category in Category.objects.all():
        listed = category.threads.filter(is_hidden=False)
        assert category.thread_count == listed.count()
        assert category.open_question_count == (
            listed.filter(kind=ThreadKind.QUESTION, accepted_post__isnull=True).count()
        )
        assert category.last_activity_at == max(t.last_activity_at for t in listed)
    assert scaled.counts["forum_questions_solved"] > 0


def test_threads_carry_their_categorys_audience(scaled):
    thread_type = audience_content_type(Thread)
    for thread in Thread.objects.select_related("category"):
        # the stored entries are the category's audience plus the thread's author
        stored = set(
            AudienceEntry.objects.filter(content_type=thread_type, object_id=thread.pk).values_list(
                "group_id", "user_id"
            )
        )
        expected = {(g, None) for g in audience_of(thread.category)} | {(None, thread.author_id)}
        assert stored == expected, thread.title


def test_outsiders_find_no_thread_of_a_category_closed_to_them(scaled, client):
    # given a category some member of the network may not read (so they wrote nothing in it)
    people = User.objects.filter(email__endswith=f"@{scale.EMAIL_DOMAIN}")
    pairs = (
        (category, person)
        for category in Category.objects.order_by("pk")
        for person in people.order_by("pk")
        if not can_view(person, category)
    )
    category, outsider = next(pairs)
    thread = category.threads.exclude(author=outsider).first()
    client.force_login(outsider)
    # when the outsider opens the forum, the category, the thread or searches its title
    pages = {
        "forum": client.get(reverse("forums:index")),
        "all threads": client.get(reverse("forums:list")),
        "search": client.get("/suche/", {"q": thread.title}),
    }
    # then the lists answer without it (the search repeats only what was typed) and its
    # addresses like missing ones
    for name, response in pages.items():
        html = response.content.decode()
        assert response.status_code == 200, name
        assert thread.get_absolute_url() not in html, name
        assert category.get_absolute_url() not in html, name
        if name != "search":
            assert thread.title not in html, name
            assert category.name not in html, name
    assert client.get(category.get_absolute_url()).status_code == 404
    assert client.get(thread.get_absolute_url()).status_code == 404
    # while the thread is in the index for its readers
    assert SearchEntry.objects.filter(title__startswith=thread.title).exists()

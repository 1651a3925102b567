"""The forum's part of ``manage.py seed_scale``: categories, threads and posts in bulk.

At factor 1: 30 categories, 30,000 threads (a third of them questions, half of those
solved) with 301,500 posts (every 20th thread a long one of 30), follows and a few
flags. Each category draws an audience from the shell (``ScaleNetwork.audience``) and
its threads copy it, as ``thread_take_audience`` does for a thread started in the
category (decision 0047); only people the audience admits write and reply.
The counters the category index and the thread lists read (``reply_count``,
``last_activity_at``, ``thread_count``, ``open_question_count``) are written once from
the generated rows. Registered for ``hooks.SEED_SCALE`` in forums/wagtail_hooks.py; the
search index is built afterwards by the shell from the forum's own indexer.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Max, Q
from django.utils.html import escape

from abhnetz.core.scale import ScaleNetwork, chunks

CATEGORIES = 30
THREADS = 30_000
# the opening post and eight replies; every 20th thread is a long one of 30 posts (the
# benchmark's thread page): 10 posts a thread on average
POSTS_PER_THREAD = 9
LONG_THREAD_POSTS = 30
LONG_THREAD_EVERY = 20
QUESTION_SHARE = 1 / 3
FOLLOWS_PER_THREAD = 2
FLAG_SHARE = 0.002
THREAD_BATCH = 500


def post_html(text: str) -> str:
    """What ``render_post`` makes of a paragraph of plain words."""
    return f"<p>{escape(text)}</p>"


def seed(network: ScaleNetwork) -> None:
    categories, audiences = seed_categories(network)
    seed_threads(network, categories, audiences, [network.readers(a) for a in audiences])
    refresh_category_counts(categories)


def seed_categories(network: ScaleNetwork) -> tuple[list, list]:
    from .models import Category

    total = network.scaled(CATEGORIES, minimum=3)
    categories, audiences = [], []
    for number in range(total):
        category = Category(
            name=f"{network.sentence(1, 3)[:-1]} ({number + 1})"[:120],
            slug=f"skala-{number + 1}",
            description=network.sentence(8, 20),
            position=number,
        )
        audience = network.draw_audience(category)
        categories.append(category)
        audiences.append(audience)
    # bulk_create: Category.save() would store each audience row by row
    Category.objects.bulk_create(categories)
    network.store_audiences(
        Category, [(c, a, None) for c, a in zip(categories, audiences, strict=True)]
    )
    network.counts["forum_categories"] = len(categories)
    return categories, audiences


def seed_threads(network: ScaleNetwork, categories: list, audiences: list, readers: list) -> None:
    from .models import Flag, Post, Thread, ThreadFollow, ThreadKind

    rng = network.rng
    total = network.scaled(THREADS, minimum=len(categories))
    progress = network.progress("forum threads", total)
    counts = {"threads": 0, "posts": 0, "questions_solved": 0}
    for batch in chunks(range(total), THREAD_BATCH):
        threads, thread_audiences, replies_of = [], [], []
        for number in batch:
            place = number % len(categories)
            category = categories[place]
            author = rng.choice(readers[place])
            started = network.moment()
            replies = [
                started + timedelta(minutes=rng.randint(5, 60 * 24 * 14))
                for _ in range(
                    (LONG_THREAD_POSTS if number % LONG_THREAD_EVERY == 0 else POSTS_PER_THREAD) - 1
                )
            ]
            replies.sort()
            question = rng.random() < QUESTION_SHARE
            thread = Thread(
                category=category,
                kind=ThreadKind.QUESTION if question else ThreadKind.DISCUSSION,
                title=f"{network.sentence(3, 8)[:-1]}{'?' if question else ''} ({number + 1})",
                author=author,
                organisation_id=author.organisation_id,
                created_at=started,
                last_activity_at=replies[-1] if replies else started,
                reply_count=len(replies),
            )
            network.apply_audience(thread, audiences[place])
            threads.append(thread)
            thread_audiences.append(audiences[place])
            replies_of.append(replies)
        Thread.objects.bulk_create(threads)
        network.store_audiences(
            Thread,
            [(t, a, t.author_id) for t, a in zip(threads, thread_audiences, strict=True)],
        )
        posts = []
        for thread, replies in zip(threads, replies_of, strict=True):
            people = readers[categories.index(thread.category)]
            opening = network.sentence(20, 60)
            posts.append(
                Post(
                    thread=thread,
                    author_id=thread.author_id,
                    body=opening,
                    body_html=post_html(opening),
                    is_opening=True,
                    created_at=thread.created_at,
                )
            )
            for moment in replies:
                text = network.sentence(10, 50)
                posts.append(
                    Post(
                        thread=thread,
                        author=rng.choice(people),
                        body=text,
                        body_html=post_html(text),
                        created_at=moment,
                    )
                )
        Post.objects.bulk_create(posts)
        solved, follows, flags = [], [], []
        by_thread: dict[int, list] = {}
        for post in posts:
            by_thread.setdefault(post.thread_id, []).append(post)
        for thread in threads:
            answers = [p for p in by_thread[thread.pk] if not p.is_opening]
            if thread.kind == ThreadKind.QUESTION and answers and rng.random() < 0.5:
                thread.accepted_post = rng.choice(answers)
                solved.append(thread)
            followers = {thread.author_id, *(p.author_id for p in answers[:FOLLOWS_PER_THREAD])}
            follows += [ThreadFollow(thread=thread, person_id=pk) for pk in followers]
            if rng.random() < FLAG_SHARE * len(answers) and answers:
                flags.append(
                    Flag(
                        post=rng.choice(answers),
                        reporter=rng.choice(readers[categories.index(thread.category)]),
                        reason=network.sentence(3, 8)[:200],
                    )
                )
        Thread.objects.bulk_update(solved, ["accepted_post"])
        ThreadFollow.objects.bulk_create(follows, ignore_conflicts=True)
        Flag.objects.bulk_create(flags)
        counts["threads"] += len(threads)
        counts["posts"] += len(posts)
        counts["questions_solved"] += len(solved)
        progress.advance(len(threads))
    progress.finish()
    network.counts.update({f"forum_{key}": value for key, value in counts.items()})
    # a thread (with its opening post) and each reply are search documents of their own
    # (forums/indexers.py): as many as there are posts
    network.documents += counts["posts"]


def refresh_category_counts(categories: list) -> None:
    """``category_refresh_counts`` for every category, with one aggregate query."""
    from .models import Category, ThreadKind

    numbers = (
        Category.objects.filter(pk__in=[c.pk for c in categories])  # not shown: counts written
        .annotate(
            listed=Count("threads", filter=Q(threads__is_hidden=False)),
            open=Count(
                "threads",
                filter=Q(
                    threads__is_hidden=False,
                    threads__kind=ThreadKind.QUESTION,
                    threads__accepted_post__isnull=True,
                ),
            ),
            last=Max("threads__last_activity_at", filter=Q(threads__is_hidden=False)),
        )
        .values_list("pk", "listed", "open", "last")
    )
    by_pk = {pk: (listed, open_, last) for pk, listed, open_, last in numbers}
    for category in categories:
        category.thread_count, category.open_question_count, category.last_activity_at = by_pk[
            category.pk
        ]
    Category.objects.bulk_update(
        categories, ["thread_count", "open_question_count", "last_activity_at"]
    )

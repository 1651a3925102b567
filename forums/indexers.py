"""Threads and their replies in the search, behind the thread's audience.

A question's document says "gelöst" and carries the accepted answer in its summary.
Comments under pages and comments narrowed to part of an audience are not indexed:
the page itself is what is found, and a narrowed comment's keys could not follow both
its page and its narrowing (docs/forums.md).
"""

from __future__ import annotations

import html

from django.db.models import prefetch_related_objects
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from abhnetz.audiences.rules import audience_source, document_keys, document_keys_many
from abhnetz.organisations.indexers import organisation_facet
from abhnetz.text import plain_text
from search.documents import FacetValue, SearchDocument
from search.registry import Indexer

from .models import Post, Thread

SUMMARY_WORDS = 40


def _text(markdown: str) -> str:
    return " ".join(html.unescape(plain_text(markdown)).split())


def _posts_thread(post: Post):
    return [post.thread]


class ThreadIndexer(Indexer):
    name = "forum_thread"
    model = Thread
    kinds = {
        "question": (_("Question"), _("Questions")),
        "discussion": (_("Discussion"), _("Discussions")),
        "forum_post": (_("Forum post"), _("Forum posts")),
    }
    related = {Post: _posts_thread}

    def queryset(self):
        return Thread.objects.filter(category__isnull=False, is_hidden=False).select_related(
            "organisation", "accepted_post"
        )

    def documents(self, obj: Thread):
        posts = obj.posts.filter(is_hidden=False, is_narrowed=False).order_by("created_at", "pk")
        return self._documents(obj, document_keys(obj), list(posts))

    def documents_many(self, objs) -> dict[str, list[SearchDocument]]:
        # one query each for the batch's audiences, topics and posts
        objs = list(objs)
        keys = document_keys_many(objs)
        prefetch_related_objects(objs, "topics")
        posts: dict[int, list[Post]] = {obj.pk: [] for obj in objs}
        threads = {obj.pk: obj for obj in objs}
        for post in Post.objects.filter(
            thread__in=list(threads), is_hidden=False, is_narrowed=False
        ).order_by("created_at", "pk"):
            post.thread = threads[post.thread_id]  # as obj.posts would give it
            posts[post.thread_id].append(post)
        return {
            self.owner(obj.pk): list(self._documents(obj, keys[obj.pk], posts[obj.pk]))
            for obj in objs
        }

    def _documents(self, obj: Thread, keys, posts: list[Post]):
        """The documents of one thread and its replies from what is loaded already."""
        source = audience_source(obj)
        opening = next((post for post in posts if post.is_opening), None)
        topics = tuple(FacetValue(t.slug, t.name) for t in obj.topics.all())
        summary = Truncator(_text(opening.body) if opening else "").words(SUMMARY_WORDS)
        accepted = (
            obj.accepted_post if obj.accepted_post and not obj.accepted_post.is_hidden else None
        )
        if obj.is_question and accepted is not None:
            summary = "{solved} {answer}".format(
                solved=_("Solved. Accepted answer:"),
                answer=Truncator(_text(accepted.body)).words(SUMMARY_WORDS),
            )
        yield SearchDocument(
            key=f"{self.owner(obj.pk)}:thread",
            kind=obj.kind,
            title=(f"{obj.title} ({_('solved')})" if obj.is_solved else obj.title),
            url=obj.get_absolute_url(),
            audience_keys=keys,
            summary=summary,
            body=_text(opening.body) if opening else "",
            organisation=organisation_facet(obj.organisation),
            topics=topics,
            date=obj.created_at,
            audience_scope=obj.audience_scope,
            audience_source=source,
        )
        for post in posts:
            if post.is_opening:
                continue
            yield SearchDocument(
                key=f"{self.owner(obj.pk)}:post:{post.pk}",
                kind="forum_post",
                title=obj.title,
                url=post.get_absolute_url(),
                audience_keys=keys,
                summary=Truncator(_text(post.body)).words(SUMMARY_WORDS),
                topics=topics,
                date=post.created_at,
                audience_scope=obj.audience_scope,
                audience_source=source,
            )

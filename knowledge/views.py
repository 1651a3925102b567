"""Topic pages under /wissen/themen/: what the reader may see on a topic, and following.

The listing at /wissen/ itself is the ``KnowledgeIndexPage`` (a Wagtail page).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from abhnetz.core.feeds import personal_feed_url
from abhnetz.core.pagination import paginate
from abhnetz.topics import services as topic_services
from abhnetz.topics.models import Topic
from abhnetz.topics.selectors import followed_topic_ids

from .feeds import TOPIC_FEED_SALT
from .selectors import (
    topic_documents,
    topic_hook_sections,
    topic_knowledge_pages,
    topics_with_counts,
)


def topic_list(request):
    """Every topic with the number of pages on it the reader may see; theirs first."""
    topics = list(topics_with_counts(request.user))
    followed = followed_topic_ids(request.user)
    return render(
        request,
        "knowledge/topic_list.html",
        {
            "topics": topics,
            "my_topics": [topic for topic in topics if topic.pk in followed],
        },
    )


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    pages = paginate(request, topic_knowledge_pages(request.user, topic))
    return render(
        request,
        "knowledge/topic_detail.html",
        {
            "topic": topic,
            "results": pages,
            "documents": topic_documents(request.user, topic),
            "hook_sections": topic_hook_sections(request.user, topic),
            "is_following": topic.pk in followed_topic_ids(request.user),
            "feed_url": personal_feed_url(
                request, "knowledge:topic_feed", salt=TOPIC_FEED_SALT, kwargs={"slug": slug}
            ),
        },
    )


@require_POST
def topic_follow(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    topic_services.topic_follow(user=request.user, topic=topic)
    messages.success(request, _("You now follow the topic %(topic)s.") % {"topic": topic.name})
    return _back(request, topic)


@require_POST
def topic_unfollow(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    topic_services.topic_unfollow(user=request.user, topic=topic)
    messages.success(
        request, _("You no longer follow the topic %(topic)s.") % {"topic": topic.name}
    )
    return _back(request, topic)


def _back(request, topic: Topic):
    """Back to where the button was (the topic index or the topic page)."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("knowledge:topic", slug=topic.slug)

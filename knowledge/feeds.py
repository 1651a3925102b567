"""The Atom feed of a topic: pages for the whole network, for a reader with a personal token."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from abhnetz.core.feeds import SafeAtom1Feed, feed_reader
from abhnetz.topics.models import Topic

from .selectors import network_topic_pages

TOPIC_FEED_SALT = "abhnetz.knowledge.topic-feed"
FEED_LENGTH = 30


@dataclass
class TopicFeedSubject:
    reader: object
    topic: Topic
    request: object


class TopicFeed(Feed):
    """Network-wide knowledge pages on one topic that the token's owner may read."""

    # titles and summaries are plain text (a summary is a TextField, no markup)
    feed_type = SafeAtom1Feed

    def get_object(self, request, slug, token):
        reader = feed_reader(token, salt=TOPIC_FEED_SALT)
        topic = get_object_or_404(Topic, slug=slug)
        return TopicFeedSubject(reader=reader, topic=topic, request=request)

    def title(self, subject):
        return _("ABH-Netz: %(topic)s") % {"topic": subject.topic.name}

    def subtitle(self, subject):
        return _("Knowledge pages on %(topic)s for the whole network") % {
            "topic": subject.topic.name
        }

    def link(self, subject):
        return reverse("knowledge:topic", kwargs={"slug": subject.topic.slug})

    def items(self, subject):
        pages = list(network_topic_pages(subject.reader, subject.topic)[:FEED_LENGTH])
        for page in pages:
            # the site's root paths are cached on the request: no query per item
            page.feed_url = page.get_url(request=subject.request)
        return pages

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return str(item.organisation) if item.organisation else None


topic_feed = login_not_required(TopicFeed())

"""Knowledge renders what other apps register into the shell's slots (core/hooks.py)."""

from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks

from abhnetz.core import hooks as shell_hooks
from knowledge.guides.models import GuidePage
from knowledge.models import KnowledgePage
from tests.factories import TopicFactory


def footer(*, request, page):
    return format_html('<section data-testid="footer-slot">Diskussion zu {}</section>', page.title)


def test_a_page_that_opts_in_shows_what_the_content_footer_hook_gives(
    network, client_for, publish_page
):
    # given a guide (opts in) and a plain knowledge page (does not)
    guide = publish_page("Leitfaden <b>Empfang</b>", page_class=GuidePage)
    plain = publish_page("Seite ohne Diskussion", page_class=KnowledgePage)
    assert GuidePage.comments_enabled
    assert not getattr(KnowledgePage, "comments_enabled", False)
    reader = client_for(network.office_staff)

    # when an app answers the content footer hook
    with hooks.register_temporarily(shell_hooks.CONTENT_FOOTER, footer):
        guide_html = reader.get(guide.url).content.decode()
        plain_html = reader.get(plain.url).content.decode()

    # then the guide shows its part under the article, escaped by the app that rendered it
    assert "Diskussion zu Leitfaden &lt;b&gt;Empfang&lt;/b&gt;" in guide_html
    assert guide_html.index("</article>") < guide_html.index('data-testid="footer-slot"')
    # and the page type that did not opt in shows nothing
    assert 'data-testid="footer-slot"' not in plain_html
    # and without a registered app the guide shows nothing either
    assert 'data-testid="footer-slot"' not in reader.get(guide.url).content.decode()


def test_a_topic_page_lists_the_sections_apps_register(network, client_for):
    topic = TopicFactory(name="ServicePoint", slug="servicepoint")
    seen = []

    def questions(*, user, topic):
        seen.append((user, topic))
        return {
            "heading": "Fragen zum Thema",
            "items": [{"title": "Wie <i>geht</i> das?", "url": "/forum/1/", "meta": "offen"}],
            "more_url": "/forum/?thema=servicepoint",
        }

    def nothing(*, user, topic):
        return None

    with (
        hooks.register_temporarily(shell_hooks.TOPIC_PAGE_SECTION, questions),
        hooks.register_temporarily(shell_hooks.TOPIC_PAGE_SECTION, nothing),
    ):
        html = (
            client_for(network.partner)
            .get(reverse("knowledge:topic", args=[topic.slug]))
            .content.decode()
        )

    # the hook is asked for this reader and topic, and its items are shown escaped
    assert seen == [(network.partner, topic)]
    assert html.count('data-testid="hook-section"') == 1
    assert "Fragen zum Thema" in html
    assert "Wie &lt;i&gt;geht&lt;/i&gt; das?" in html
    assert 'href="/forum/?thema=servicepoint"' in html

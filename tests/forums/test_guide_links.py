# ruff: noqa: F811 - the knowledge fixtures are imported for pytest
"""Links to guides by title: ``[[Title]]`` links a guide every reader of the post may
read; otherwise, and for unknown titles, the text stays as typed."""

from django.urls import reverse

from abhnetz.audiences.models import Audience
from forums import services
from knowledge.guides.models import GuidePage
from tests.knowledge.conftest import knowledge_index, publish_page  # noqa: F401


def test_a_guide_is_linked_only_where_every_reader_may_read_it(
    network, categories, ask, publish_page, client_for
):
    # given a guide for the whole network and one for the offices only
    open_guide = publish_page("Terminvergabe einführen", page_class=GuidePage,
                              audience=Audience.network())  # fmt: skip
    offices_guide = publish_page("Fiktion intern", page_class=GuidePage,
                                 audience=Audience.offices())  # fmt: skip
    body = "Siehe [[Terminvergabe einführen]], [[Fiktion intern]] und [[Gibt es nicht]]."
    # when both are named in a network thread (partners read it) and an offices' thread
    network_thread = ask(network.office_staff, categories["network"], body=body)
    offices_thread = ask(network.office_staff, categories["offices"], body=body)
    # then the network thread links the open guide only; the offices' thread both
    network_html = str(network_thread.posts.get().body_html)
    assert f'href="{open_guide.url}"' in network_html
    assert offices_guide.url not in network_html
    assert "[[Fiktion intern]]" in network_html
    assert "[[Gibt es nicht]]" in network_html
    offices_html = str(offices_thread.posts.get().body_html)
    assert f'href="{offices_guide.url}"' in offices_html
    # and the partner reading the network thread learns nothing of the offices' guide
    page = client_for(network.partner).get(network_thread.get_absolute_url()).content.decode()
    assert offices_guide.url not in page
    # replies, edits and the preview link the same way
    reply = services.post_create(thread=offices_thread, author=network.office_staff_b, body=body)
    assert offices_guide.url in str(reply.body_html)
    services.post_edit(post=reply, by=network.office_staff_b, body="[[Terminvergabe einführen]]")
    reply.refresh_from_db()
    assert open_guide.url in str(reply.body_html)
    preview = client_for(network.office_staff).post(
        f"{reverse('forums:preview')}?kategorie={categories['network'].slug}", {"body": body}
    )
    assert open_guide.url in preview.content.decode()
    assert offices_guide.url not in preview.content.decode()


def test_hostile_titles_stay_inert_text(network, categories, ask):
    body = '[[<script>alert(1)</script>]] [[x](javascript:alert(1))]] [[" onmouseover="x]]'
    thread = ask(network.office_staff, categories["network"], body=body)
    html = str(thread.posts.get().body_html)
    # no guide has such a title: nothing is linked, the rest is text
    assert "<script" not in html
    assert "<a " not in html
    assert "href" not in html

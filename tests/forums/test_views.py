"""The forum's pages: index, filtered lists, thread pages with 30 posts, permalinks."""

import pytest
from django.urls import reverse

from forums import services
from forums.models import Post, ThreadKind
from tests.factories import TopicFactory


def test_thread_list_filters_and_sorts(network, categories, ask, client_for):
    # given an answered question, an unanswered one and a discussion
    category = categories["network"]
    answered = ask(network.office_staff, category, title="Beantwortet")
    services.post_create(thread=answered, author=network.office_staff_b, body="Antwort")
    open_question = ask(network.office_staff_b, category, title="Noch offen")
    ask(network.office_staff, category, title="Plaudern", kind=ThreadKind.DISCUSSION)
    client = client_for(network.office_staff)
    url = reverse("forums:list")

    def titles(**query):
        page = client.get(url, query).context["page"]
        return {thread.title for thread in page}

    # then each filter shows what it names
    assert titles(filter="unbeantwortet") == {"Noch offen"}
    assert titles(filter="ohne-akzeptierte") == {"Beantwortet", "Noch offen"}
    assert titles(filter="meine") == {"Beantwortet", "Plaudern"}
    services.thread_follow(thread=open_question, person=network.office_staff)
    assert "Noch offen" in titles(filter="folge-ich")
    assert titles(kategorie=category.slug, sortierung="neu") == {
        "Beantwortet",
        "Noch offen",
        "Plaudern",
    }
    assert titles(organisation=network.office_b.slug) == {"Noch offen"}
    # and an unknown filter or sort is ignored, never a 500
    assert client.get(url, {"filter": "<x>", "sortierung": "drop"}).status_code == 200


def test_topic_filter(network, categories, ask, client_for):
    topic = TopicFactory(name="E-Akte", slug="e-akte")
    ask(network.office_staff, categories["network"], title="Mit Thema", topics=[topic])
    ask(network.office_staff, categories["network"], title="Ohne Thema")
    page = client_for(network.office_staff).get(reverse("forums:list"), {"thema": "e-akte"})
    assert [thread.title for thread in page.context["page"]] == ["Mit Thema"]


def test_solved_questions_are_marked_in_lists_and_the_answer_is_under_the_question(
    network, categories, ask, client_for
):
    question = ask(network.office_staff, categories["network"])
    answer = services.post_create(thread=question, author=network.office_staff_b, body="Nimm X.")
    services.answer_accept(thread=question, post=answer, by=network.office_staff)
    client = client_for(network.partner)

    listing = client.get(reverse("forums:list")).content.decode()
    assert 'data-testid="solved"' in listing
    page = client.get(question.get_absolute_url()).content.decode()
    accepted = page.index('data-testid="accepted-answer"')
    assert page.index("Wir überlegen") < accepted < page.index('data-testid="posts"')
    assert answer.get_absolute_url() in page[accepted:]


def _many_posts(thread, people, count):
    for number in range(count):
        services.post_create(thread=thread, author=people[number % 2], body=f"Beitrag {number}")


def test_thread_pages_hold_30_posts_and_a_permalink_lands_on_its_page(
    network, categories, ask, client_for
):
    # given a thread with 1 opening post and 64 replies (3 pages)
    thread = ask(network.office_staff, categories["network"])
    _many_posts(thread, [network.office_staff_b, network.partner], 64)
    posts = list(Post.objects.filter(thread=thread).order_by("created_at", "pk"))
    client = client_for(network.office_staff)

    # when the 31st and the last posts are opened by their permalinks
    # (the opening post heads every page; replies 1–30 are on page 1)
    for index, expected_page in ((30, 1), (31, 2), (64, 3), (0, 1)):
        response = client.get(posts[index].get_absolute_url())
        # then they land on their page, scrolled to them
        query = f"?seite={expected_page}" if expected_page > 1 else ""
        assert response.url == f"{thread.get_absolute_url()}{query}#beitrag-{posts[index].pk}"
        page = client.get(response.url.split("#")[0])
        assert f'id="beitrag-{posts[index].pk}"' in page.content.decode()

    assert len(client.get(thread.get_absolute_url()).context["page"].object_list) == 30


@pytest.mark.parametrize("view", ["thread", "list", "category"])
def test_query_counts_do_not_grow_with_posts_votes_and_threads(
    view, network, categories, ask, client_for, queries
):
    # given one reply and one more thread (an empty list skips its queries)
    thread = ask(network.office_staff, categories["network"])
    services.post_create(thread=thread, author=network.office_staff_b, body="Erste Antwort")
    ask(network.office_staff_b, categories["network"], title="Zweite Frage")
    client = client_for(network.office_staff)
    url = {
        "thread": thread.get_absolute_url(),
        "list": reverse("forums:list"),
        "category": categories["network"].get_absolute_url(),
    }[view]

    def add_items():
        for number in range(5):
            post = services.post_create(
                thread=thread, author=network.office_staff_b, body=f"Antwort {number}"
            )
            services.helpful_vote(post=post, by=network.office_staff)
            ask(network.office_staff_b, categories["network"], title=f"Frage {number}")

    # thread (14): session, user, reader keys, the thread (category, author,
    # organisation), roles, the replies' count, the opening post and its narrowings,
    # follow, unread notifications, routed experts, the page of replies (author,
    # organisation, vote as a subquery) and their narrowings, the footer's pages.
    # list (12): session, user, reader keys, roles, count, threads (author,
    # organisation, category, followed as a subquery), their topics, the filters'
    # topics, organisations and categories, unread notifications, footer.
    # category (13): session, user, reader keys, the category, roles, its audience for
    # the start button, follow, unread notifications, the filters' topics and
    # organisations, threads, their topics, footer; no count: the category's counter.
    expected = {"thread": 14, "list": 12, "category": 13}[view]
    queries.assert_constant(lambda: client.get(url), add_items, expected=expected)

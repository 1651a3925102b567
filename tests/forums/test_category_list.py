"""A category's list at scale: its length from the counter, its first page from the index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums import selectors, services
from forums.models import Post, Thread


def _page(client, category, **query):
    return client.get(category.get_absolute_url(), query).context["page"]


def test_the_length_is_the_counter_and_equals_what_the_reader_sees(
    network, categories, ask, client_for
):
    # given three threads in a category, one of them hidden by a moderator
    category = categories["offices"]
    for number in range(3):
        ask(network.office_staff, category, title=f"Frage {number}")
    hidden = Thread.objects.get(title="Frage 2")
    opening = Post.objects.get(thread=hidden, is_opening=True)
    services.post_hide(post=opening, by=network.moderator)
    category.refresh_from_db()

    # when a reader opens the category
    with CaptureQueriesContext(connection) as captured:
        page = _page(client_for(network.office_staff_b), category)

    # then the number of threads is the counter, which is what they see, and no query
    # counted the threads (a count through the rule read every thread of the forum)
    assert page.paginator.count == category.thread_count == 2
    assert {thread.title for thread in page} == {"Frage 0", "Frage 1"}
    counts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT")]
    assert not [sql for sql in counts if '"forums_thread"' in sql]
    # a moderator sees the hidden one too: counted through the rule
    assert _page(client_for(network.moderator), category).paginator.count == 3


def test_filters_count_through_the_rule(network, categories, ask, client_for):
    # given an answered and an unanswered question
    category = categories["network"]
    answered = ask(network.office_staff, category, title="Beantwortet")
    services.post_create(thread=answered, author=network.office_staff_b, body="Antwort")
    ask(network.office_staff_b, category, title="Offen")
    client = client_for(network.partner)

    # then a filtered list counts what it shows, not the category's counter
    assert _page(client, category, filter="unbeantwortet").paginator.count == 1
    assert _page(client, category).paginator.count == 2


def test_an_outsider_sees_neither_the_list_nor_its_number(network, categories, ask, client_for):
    # given a thread in office A's internal category
    category = categories["office_a"]
    ask(network.office_staff, category, title="Nur für Adorf")

    # when office B's staff or a partner asks for the category
    for person in (network.office_staff_b, network.partner):
        response = client_for(person).get(category.get_absolute_url())
        # then it is not there (the counter is never reached)
        assert response.status_code == 404
        assert "Nur für Adorf" not in response.content.decode()
    assert selectors.listed_count(network.office_staff_b, selectors.ListChoice(), None) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_the_first_page_reads_the_listing_index(network, categories, ask):
    # given threads in a category
    category = categories["network"]
    for number in range(5):
        ask(network.office_staff, category, title=f"Frage {number}")
    threads = selectors.thread_list(network.office_staff, selectors.ListChoice(), category=category)
    sql, params = threads[:20].query.sql_with_params()

    # when PostgreSQL plans the first page (told to avoid sorting, as with 1,000 threads)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    # then it walks the category's threads in the list's order: 20 rows, each checked
    assert "thread_listing" in plan, plan

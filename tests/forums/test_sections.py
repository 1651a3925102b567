"""What the forum adds elsewhere: the dashboard's open questions, topic pages, working-group
spaces, the search documents, my data. Outsiders see no title."""

from django.utils import translation

from forums import services
from forums.data import forum_export
from forums.indexers import ThreadIndexer
from forums.wagtail_hooks import questions_on_topic, working_group_category
from tests.factories import TopicFactory


def test_dashboard_lists_open_questions_routed_to_me_first_and_hides_others(
    network, categories, ask, client_for
):
    # given an older question routed to office B's expert, a newer one that is not,
    # an answered one and one in office A's internal category
    topic = TopicFactory(name="Terminvergabe")
    network.office_staff_b.expertise.add(topic)
    routed = ask(network.office_staff, categories["offices"], title="Frage an Fachleute",
                 topics=[topic])  # fmt: skip
    ask(network.office_staff, categories["network"], title="Neuere offene Frage")
    answered = ask(network.office_staff, categories["network"], title="Beantwortete Frage")
    services.post_create(thread=answered, author=network.partner, body="Eine Antwort.")
    ask(network.office_staff, categories["office_a"], title="Interne offene Frage")
    assert routed.routed_experts.filter(expert=network.office_staff_b).exists()
    # when office B opens the dashboard
    page = client_for(network.office_staff_b).get("/").content.decode()
    # then the routed one comes first, says so, and answered or internal ones are absent
    assert page.index("Frage an Fachleute") < page.index("Neuere offene Frage")
    assert "Beantwortete Frage" not in page
    assert "Interne offene Frage" not in page
    # and the partner (no offices-only) and the board (no network) see no title of them
    partner = client_for(network.partner).get("/").content.decode()
    assert "Frage an Fachleute" not in partner
    assert "Neuere offene Frage" in partner
    board = client_for(network.board_member).get("/").content.decode()
    for title in ("Frage an Fachleute", "Neuere offene Frage", "Interne offene Frage"):
        assert title not in board


def test_topic_pages_list_questions_on_the_topic_their_reader_may_see(network, categories, ask):
    topic = TopicFactory(name="Aufenthaltsrecht")
    ask(network.office_staff, categories["offices"], title="Frage zum Aufenthaltsrecht",
        topics=[topic])  # fmt: skip
    ask(network.office_staff, categories["network"], title="Frage ohne Thema")
    with translation.override("de"):
        section = questions_on_topic(user=network.office_staff_b, topic=topic)
    assert [item["title"] for item in section["items"]] == ["Frage zum Aufenthaltsrecht"]
    assert section["items"][0]["meta"] == "offen"
    assert section["more_url"].endswith(f"?thema={topic.slug}")
    # outside the audience: no section at all (not even a heading)
    assert questions_on_topic(user=network.partner, topic=topic) is None
    assert questions_on_topic(user=network.board_member, topic=topic) is None


def test_working_group_spaces_show_the_group_s_category_to_members_only(network, categories, ask):
    ask(network.office_staff, categories["digital"], title="Frage der AG")
    section = working_group_category(
        user=network.office_staff, working_group=network.digital_group, page=None
    )
    assert [item["title"] for item in section["items"]] == ["Frage der AG"]
    assert section["more_url"] == categories["digital"].get_absolute_url()
    for outsider in (network.office_staff_b, network.partner, network.coordinator):
        assert (
            working_group_category(user=outsider, working_group=network.digital_group, page=None)
            is None
        )


def test_a_solved_question_says_geloest_and_carries_the_accepted_answer(network, categories, ask):
    thread = ask(network.office_staff, categories["network"], title="Wie bucht ihr Termine?")
    answer = services.post_create(
        thread=thread, author=network.partner, body="Mit einem **Buchungssystem** online."
    )
    indexer = ThreadIndexer()
    with translation.override("de"):
        before = next(iter(indexer.documents(thread)))
        services.answer_accept(thread=thread, post=answer, by=network.office_staff)
        thread.refresh_from_db()
        document = next(iter(indexer.documents(thread)))
    assert "gelöst" not in before.title
    assert document.title == "Wie bucht ihr Termine? (gelöst)"
    assert document.summary.startswith("Gelöst.")
    assert "Mit einem Buchungssystem online." in document.summary  # plain text, no markup
    assert "<" not in document.summary


def test_my_data_holds_what_the_forum_keeps_about_me(network, categories, ask):
    # given a person who asked, answered, voted, followed, reported, and was asked
    me = network.office_staff_b
    topic = TopicFactory(name="E-Akte")
    me.expertise.add(topic)
    mine = ask(me, categories["network"], title="Meine Frage", body="Mein Fragetext")
    other = ask(network.office_staff, categories["offices"], title="Andere Frage",
                topics=[topic])  # fmt: skip
    reply = services.post_create(thread=other, author=network.office_staff, body="Nachtrag")
    services.post_create(thread=other, author=me, body="Meine Antwort")
    services.helpful_vote(post=reply, by=me)
    services.category_follow(category=categories["offices"], person=me, follow=True)
    services.flag_create(post=reply, by=me, reason="Bitte prüfen")
    post = mine.posts.get()
    services.post_edit(post=post, by=me, body="Mein geänderter Fragetext")
    # when they ask for their data
    data = forum_export(me)
    # then everything is there, and nothing of others'
    assert [t["title"] for t in data["threads_started"]] == ["Meine Frage"]
    assert [p["text"] for p in data["posts"]] == ["Mein geänderter Fragetext", "Meine Antwort"]
    assert [e["previous_text"] for e in data["edits"]] == ["Mein Fragetext"]
    assert [v["thread"] for v in data["helpful_votes"]] == ["Andere Frage"]
    assert set(data["followed_threads"]) == {"Meine Frage", "Andere Frage"}
    assert data["followed_categories"] == [categories["offices"].name]
    assert data["questions_routed_to_me"] == ["Andere Frage"]
    assert [f["reason"] for f in data["reports"]] == ["Bitte prüfen"]
    assert forum_export(network.partner)["posts"] == []

"""The index's denormalised numbers stay true on post, hide, move and delete."""

from forums import services
from forums.models import Category, ThreadKind


def numbers(category: Category) -> tuple:
    category.refresh_from_db()
    return category.thread_count, category.open_question_count, category.last_activity_at


def test_counts_follow_posts_hides_moves_and_deletes(network, categories, ask, client_for):
    # given a question and a discussion in one category
    source, target = categories["network"], categories["board"]
    question = ask(network.office_staff, source)
    discussion = ask(network.office_staff, source, title="Austausch", kind=ThreadKind.DISCUSSION)
    assert numbers(source)[:2] == (2, 1)

    # when someone answers and the answer is accepted: no open question is left
    answer = services.post_create(thread=question, author=network.office_staff_b, body="So.")
    assert numbers(source)[2] == answer.created_at
    services.answer_accept(thread=question, post=answer, by=network.office_staff)
    assert numbers(source)[:2] == (2, 0)

    # when a moderator hides the accepted answer, the question is open again
    services.post_hide(post=answer, by=network.moderator, reason="Falsch")
    assert numbers(source)[:2] == (2, 1)
    question.refresh_from_db()
    assert question.reply_count == 0

    # when the discussion's opening post is hidden, the thread leaves the count
    opening = discussion.posts.get(is_opening=True)
    services.post_hide(post=opening, by=network.moderator)
    assert numbers(source)[:2] == (1, 1)
    services.post_restore(post=opening, by=network.moderator)
    assert numbers(source)[:2] == (2, 1)

    # when the question moves, both categories count again
    services.thread_move(thread=question, to=target, by=network.moderator)
    assert numbers(source)[:2] == (1, 0)
    assert numbers(target)[:2] == (1, 1)

    # when a thread is deleted (the admin), the counts follow
    discussion.delete()
    services.category_refresh_counts(source)
    assert numbers(source) == (0, 0, None)

    # and the index shows the stored numbers
    html = client_for(network.office_staff).get("/forum/").content.decode()
    assert "Feedback des Integrationsbeirats" in html


def test_every_working_group_gets_its_own_category(network):
    # given the working group of the network fixture
    category = network.digital_group.forum_category
    # then its category is visible to its members only
    from abhnetz.audiences.rules import can_view

    assert can_view(network.office_staff, category)
    assert not can_view(network.office_staff_b, category)
    assert not can_view(network.coordinator, category)

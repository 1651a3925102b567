"""Writing: errors next to the field with the text kept, limits, rate limit, locks,
edit history, accepted answers and helpful votes only by who may set them."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from forums import permissions, services
from forums.models import POST_LIMIT, HelpfulVote, PostRevision


@pytest.mark.parametrize(
    "body",
    ["", "   \n\t", "**  **", "<b></b>", "---", "&nbsp;", "\u200b\u200b", "> ", "[]()"],
)
def test_empty_or_markup_only_replies_are_refused_next_to_the_field(
    body, network, categories, ask, client_for
):
    thread = ask(network.office_staff, categories["network"])
    response = client_for(network.office_staff_b).post(
        reverse("forums:reply", args=[thread.pk]), {"body": body}
    )
    assert response.status_code == 400
    assert response.context["reply_form"].errors["body"]
    assert thread.posts.count() == 1


def test_too_long_text_and_title_are_refused_and_what_was_typed_stays(
    network, categories, client_for
):
    category = categories["network"]
    long_body = "Wort " * (POST_LIMIT // 5 + 1)
    response = client_for(network.office_staff).post(
        reverse("forums:create", args=[category.slug]),
        {"kind": "question", "title": "T" * 201, "body": long_body},
    )
    form = response.context["form"]
    assert form.errors["title"]
    assert form.errors["body"]
    html = response.content.decode()
    assert "T" * 201 in html
    assert long_body.strip()[:200] in html
    assert 'aria-invalid="true"' in html


def test_posting_is_rate_limited_per_person_with_a_clear_message(
    settings, network, categories, ask, client_for
):
    settings.FORUMS_POST_RATE = (2, 60)
    thread = ask(network.office_staff, categories["network"])  # counts for office_staff
    client = client_for(network.office_staff_b)
    url = reverse("forums:reply", args=[thread.pk])
    assert client.post(url, {"body": "eins"}).status_code == 302
    assert client.post(url, {"body": "zwei"}).status_code == 302
    response = client.post(url, {"body": "drei, bitte"})
    assert response.status_code == 400
    assert "drei, bitte" in response.content.decode()
    assert response.context["reply_form"].errors["body"]
    # another person is not limited by them
    assert client_for(network.partner).post(url, {"body": "vier"}).status_code == 302


def test_a_locked_thread_refuses_replies_also_from_an_open_form(
    network, categories, ask, client_for
):
    thread = ask(network.office_staff, categories["network"])
    client = client_for(network.office_staff_b)
    assert 'data-testid="reply-form"' in client.get(thread.get_absolute_url()).content.decode()
    # the form is open, then a moderator locks the thread
    services.thread_set_flag(thread=thread, by=network.moderator, field="is_locked", value=True)
    response = client.post(reverse("forums:reply", args=[thread.pk]), {"body": "Noch was"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Noch was" in html
    assert thread.posts.count() == 1
    with pytest.raises(PermissionDenied):
        services.post_create(thread=thread, author=network.office_staff_b, body="Trotzdem")


def test_preview_renders_markdown_and_saves_nothing(network, categories, ask, client_for):
    thread = ask(network.office_staff, categories["network"])
    client = client_for(network.office_staff_b)
    response = client.post(
        reverse("forums:reply", args=[thread.pk]), {"body": "**fett**", "preview": "1"}
    )
    assert "<strong>fett</strong>" in response.content.decode()
    assert thread.posts.count() == 1
    partial = client.post(reverse("forums:preview"), {"body": "<script>x</script>*k*"})
    assert "<script>" not in partial.content.decode()
    assert "<em>k</em>" in partial.content.decode()


def test_edits_keep_a_history_that_moderators_see(network, categories, ask, client_for):
    thread = ask(network.office_staff, categories["network"])
    post = services.post_create(thread=thread, author=network.office_staff_b, body="Erst so")
    services.post_edit(post=post, by=network.office_staff_b, body="Dann anders")
    assert list(PostRevision.objects.filter(post=post).values_list("body", flat=True)) == [
        "Erst so"
    ]
    history = reverse("forums:history", args=[post.pk])
    assert client_for(network.office_staff_b).get(history).status_code == 403
    response = client_for(network.moderator, mfa=True).get(history)
    assert "Erst so" in response.content.decode()
    # others may not edit it
    with pytest.raises(PermissionDenied):
        services.post_edit(post=post, by=network.partner, body="Fremd")


def test_only_the_asker_or_a_moderator_accepts_and_may_change_it(
    network, categories, ask, client_for
):
    question = ask(network.office_staff, categories["network"])
    first = services.post_create(thread=question, author=network.office_staff_b, body="A")
    second = services.post_create(thread=question, author=network.partner, body="B")
    # someone else may not, not even through the URL
    for outsider in (network.office_staff_b, network.partner):
        assert not permissions.may_accept(outsider, question, first)
        response = client_for(outsider).post(reverse("forums:accept", args=[first.pk]))
        assert response.status_code == 403
    # the asker may, and may change it
    client_for(network.office_staff).post(reverse("forums:accept", args=[first.pk]))
    question.refresh_from_db()
    assert question.accepted_post_id == first.pk
    services.answer_accept(thread=question, post=second, by=network.office_staff)
    question.refresh_from_db()
    assert question.accepted_post_id == second.pk
    # a moderator may too; a discussion has no accepted answer
    assert permissions.may_accept(network.moderator, question, first)
    assert not permissions.may_accept(network.office_staff, question, question.posts.first())


def test_helpful_votes_once_not_own_and_withdrawable(network, categories, ask, client_for):
    thread = ask(network.office_staff, categories["network"])
    post = services.post_create(thread=thread, author=network.office_staff_b, body="Hilfe")
    url = reverse("forums:helpful", args=[post.pk])
    # the author may not vote for their own post
    assert client_for(network.office_staff_b).post(url).status_code == 403
    voter = client_for(network.office_staff)
    voter.post(url)
    voter.post(url)  # a second vote counts once
    post.refresh_from_db()
    assert post.helpful_count == 1 == HelpfulVote.objects.filter(post=post).count()
    voter.post(url, {"withdraw": "1"})
    post.refresh_from_db()
    assert post.helpful_count == 0
    # outside the audience: not even the vote
    other = ask(network.office_staff, categories["office_a"], title="Intern")
    inner = services.post_create(thread=other, author=network.moderator, body="Intern")
    response = client_for(network.office_staff_b).post(reverse("forums:helpful", args=[inner.pk]))
    assert response.status_code == 404

"""The forum's demo: the threads and audiences issue 11 names, checked per demo role."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from wagtail.models import Page

from abhnetz.accounts.models import User
from abhnetz.audiences.rules import can_view
from forums.models import (
    Category,
    CategoryFollow,
    Flag,
    HelpfulVote,
    Post,
    RoutedExpert,
    Thread,
    ThreadFollow,
    ThreadKind,
)

OFFICE1 = "office@demo.abhnetz.example"  # first office, WG Digitalisierung
OFFICE2 = "office2@demo.abhnetz.example"
PARTNER = "partner@demo.abhnetz.example"
BOARD = "board@demo.abhnetz.example"
COORDINATOR = "coordinator@demo.abhnetz.example"
MODERATOR = "moderator@demo.abhnetz.example"  # first office
ADMIN = "admin@demo.abhnetz.example"
WOLF = "d.wolf@demo.abhnetz.example"  # fourth office, WG Digitalisierung
SCHMITT = "e.schmitt@demo.abhnetz.example"  # third office

ROLES = [OFFICE1, OFFICE2, PARTNER, BOARD, COORDINATOR, MODERATOR, ADMIN, WOLF]

# title: (kind, who of ROLES may read it)
NAMED = {
    "Welche Software nutzt ihr für die Online-Terminvergabe?": (
        ThreadKind.QUESTION,
        {OFFICE1, OFFICE2, PARTNER, COORDINATOR, MODERATOR, ADMIN, WOLF},
    ),
    "Fiktionsbescheinigung bei verspätetem Verlängerungsantrag": (
        ThreadKind.QUESTION,
        {OFFICE1, OFFICE2, COORDINATOR, MODERATOR, WOLF},
    ),
    "Vertretungsregel am ServicePoint (intern)": (ThreadKind.DISCUSSION, {OFFICE1, MODERATOR}),
    "Anbieterpräsentationen E-Akte: Eindrücke": (ThreadKind.DISCUSSION, {OFFICE1, WOLF}),
    "Feedback zur Wartezone im Bürgerbüro": (ThreadKind.DISCUSSION, set(ROLES)),
}


def counts():
    return tuple(
        model.objects.count()
        for model in (Category, Thread, Post, Flag, HelpfulVote, RoutedExpert, ThreadFollow)
    ) + (CategoryFollow.objects.count(),)


pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, seeded twice (once for the module: it is slow); rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(ABHNETZ_DEMO=True):  # seed_demo refuses in production
            call_command("seed_demo", verbosity=0)
            first = counts()
            call_command("seed_demo", verbosity=0)  # idempotent: the second run adds nothing
            second = counts()
        yield first, second
        transaction.set_rollback(True)


def test_a_second_seed_demo_changes_nothing(seeded):
    first, second = seeded
    assert second == first


def person(email):
    return User.objects.get(email=email)


def test_named_threads_have_their_kind_and_audience_for_every_role(seeded):
    for title, (kind, readers) in NAMED.items():
        thread = Thread.objects.get(title=title)  # exactly one each
        assert thread.kind == kind, title
        for email in ROLES:
            # the audience rule, as every list and page applies it
            assert can_view(person(email), thread) == (email in readers), (title, email)
            assert Thread.objects.visible_to(person(email)).filter(pk=thread.pk).exists() == (
                email in readers
            ), (title, email)


def test_the_answered_question_has_one_accepted_answer(seeded):
    thread = Thread.objects.get(title="Welche Software nutzt ihr für die Online-Terminvergabe?")
    assert thread.accepted_post is not None
    assert not thread.accepted_post.is_opening
    assert thread.reply_count >= 2


def test_the_unanswered_question_is_routed_to_an_expert_who_may_read_it(seeded):
    thread = Thread.objects.get(title="Fiktionsbescheinigung bei verspätetem Verlängerungsantrag")
    assert thread.reply_count == 0
    assert thread.accepted_post is None
    experts = [routed.expert for routed in thread.routed_experts.all()]
    assert experts
    assert all(can_view(expert, thread) for expert in experts)
    assert thread.author not in experts


def test_the_board_member_starts_the_feedback_thread(seeded):
    thread = Thread.objects.get(title="Feedback zur Wartezone im Bürgerbüro")
    assert thread.author == person(BOARD)


def test_discussions_in_two_categories_and_a_working_group_category(seeded):
    discussions = Thread.objects.filter(kind=ThreadKind.DISCUSSION, category__isnull=False)
    assert discussions.values("category").distinct().count() >= 2
    wg = Category.objects.get(working_group__name="Digitalisierung / elektronische Ausländerakte")
    assert wg.threads.exists()
    assert wg.thread_count == wg.threads.count()


def test_a_flagged_post_waits_in_the_moderation_queue(seeded):
    flag = Flag.objects.get(resolved_at__isnull=True)
    assert not flag.post.is_hidden
    assert can_view(person(MODERATOR), flag.post.thread)


def test_the_board_member_comments_under_the_guide_shared_with_the_board(seeded):
    page = Page.objects.live().get(title="Rückmeldung des Integrationsbeirats zum ServicePoint")
    board = person(BOARD)
    assert can_view(board, page.specific)
    comments = Post.objects.visible_to(board).filter(
        thread__target_object_id=page.pk, thread__category__isnull=True
    )
    assert comments.filter(author=board).exists()
    # the comments follow the page: who may not read the guide does not read them either
    assert (
        not Post.objects.visible_to(person(PARTNER))
        .exclude(pk__in=comments.values("pk"))
        .filter(thread__target_object_id=page.pk)
        .exists()
    )

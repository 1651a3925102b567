"""Expert routing: a new question on a topic goes to people who say "Fragen Sie mich zu …"."""

from django.conf import settings
from django.db.models import Case, IntegerField, Value, When

from abhnetz.accounts.models import User
from abhnetz.audiences.rules import readers_of
from abhnetz.notifications.registry import Delivery
from abhnetz.notifications.services import delivery_of, notify

from ..models import Post, RoutedExpert, Thread
from ..notification_kinds import QUESTION_ROUTED


def routing_limit() -> int:
    return int(getattr(settings, "FORUMS_EXPERTS_PER_QUESTION", 3))


def question_route(*, thread: Thread, post: Post) -> list[User]:
    """Ask at most ``routing_limit()`` experts on the question's topics who may read it,
    other organisations' first; an expert who turned the kind off is not asked."""
    from .writing import excerpt

    asker = thread.author
    experts = (
        User.objects.filter(expertise__in=thread.topics.all())
        .exclude(pk=asker.pk if asker else None)
        .distinct()
    )
    experts = readers_of(thread, User.objects.filter(pk__in=experts.values("pk")))
    experts = experts.annotate(_delivery=delivery_of(QUESTION_ROUTED)).exclude(
        _delivery=Delivery.OFF
    )
    same_org = asker.organisation_id if asker else None
    experts = experts.annotate(
        _same=Case(
            When(organisation_id=same_org, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by("_same", "last_name", "first_name", "pk")
    chosen = list(experts[: routing_limit()])
    RoutedExpert.objects.bulk_create(
        [RoutedExpert(thread=thread, expert=expert) for expert in chosen], ignore_conflicts=True
    )
    if chosen:
        notify(
            kind=QUESTION_ROUTED,
            target=thread,
            recipients=chosen,
            actor=asker,
            link=thread.get_absolute_url(),
            data={"comment": excerpt(post.body)},
        )
    return chosen

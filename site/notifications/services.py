"""Writes of notifications: the fan-out, reading, and each person's preferences.

``notify`` is what apps call where something happens, one line each:

    notify(kind="guides.approved", target=guide, recipients=[guide.owner], actor=by)
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.core.exceptions import EmptyResultSet, PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models import Case, CharField, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from abhnetz.accounts.models import User
from abhnetz.audiences.models import AudienceMixin
from abhnetz.audiences.rules import audience_content_type, readers_of
from abhnetz.core import fragments

from .models import MailState, Notification, NotificationPreference
from .registry import Delivery, get_kind


def _people(recipients) -> models.QuerySet:
    """Recipients as a user queryset without duplicates (a join may repeat a person)."""
    if isinstance(recipients, models.QuerySet):
        return User.objects.filter(pk__in=recipients.values("pk"))
    return User.objects.filter(pk__in=[person.pk for person in recipients if person is not None])


def delivery_of(kind_key: str):
    """Each person's delivery for ``kind_key`` as an expression (their row or the default)."""
    kind = get_kind(kind_key)
    chosen = NotificationPreference.objects.filter(person=OuterRef("pk"), kind=kind_key)
    return Coalesce(
        Subquery(chosen.values("delivery")[:1]),
        Value(kind.default_delivery),
        output_field=CharField(),
    )


def _safe_link(link: str) -> str:
    # only paths of this site: the open view redirects there
    if link and (not link.startswith("/") or link.startswith("//") or "\\" in link):
        raise ValueError("A notification link must be a path of this site.")
    return link


@transaction.atomic
def notify(
    *,
    kind: str,
    target,
    recipients: Iterable | models.QuerySet,
    actor: User | None = None,
    data: dict | None = None,
    link: str = "",
    once: bool = False,
) -> uuid.UUID:
    """Tell ``recipients`` that ``kind`` happened to ``target``; returns the batch id.

    Only those who may read ``target`` are told (``readers_of``; a target without an
    audience, such as an access request, goes to the recipients as named), never the
    actor themselves, nobody who turned the kind off. The rows are written by one
    INSERT … SELECT, so 500 followers cost what 5 do; those who want it at once get
    one mail task after commit, which checks the audience again when it sends.
    ``once`` leaves out whoever was already told of this kind for this target (a page
    published again).
    """
    spec = get_kind(kind)
    content_type = audience_content_type(target)
    people = _people(recipients)
    if actor is not None:
        people = people.exclude(pk=actor.pk)
    if once:
        told = Notification.objects.filter(
            kind=kind, target_content_type=content_type, target_object_id=target.pk
        )
        people = people.exclude(pk__in=told.values("recipient_id"))
    if isinstance(target, AudienceMixin):
        people = readers_of(target, people)
    else:
        people = people.filter(is_active=True)
    people = people.annotate(_delivery=delivery_of(kind))
    if spec.can_turn_off:
        people = people.exclude(_delivery=Delivery.OFF)

    batch = uuid.uuid4()
    extras = dict(data or {})
    if link:
        extras["link"] = _safe_link(link)
    columns = {
        "recipient_id": F("pk"),
        "kind": Value(kind),
        "target_content_type_id": Value(content_type.pk),
        "target_object_id": Value(target.pk),
        "actor_id": Value(actor.pk if actor else None, output_field=models.BigIntegerField()),
        "data": Value(extras, output_field=models.JSONField()),
        "created_at": Value(timezone.now(), output_field=models.DateTimeField()),
        "mail_state": Case(
            When(_delivery=Delivery.IMMEDIATE, then=Value(MailState.IMMEDIATE)),
            When(_delivery=Delivery.DIGEST, then=Value(MailState.DIGEST)),
            default=Value(MailState.NONE),
            output_field=CharField(),
        ),
        "batch": Value(batch, output_field=models.UUIDField()),
    }
    aliases = {f"_n_{name}": expression for name, expression in columns.items()}
    rows = people.annotate(**aliases).order_by().values_list(*aliases)
    try:
        select_sql, params = rows.query.sql_with_params()
    except EmptyResultSet:
        return batch  # nobody to tell
    table = connection.ops.quote_name(Notification._meta.db_table)
    names = ", ".join(connection.ops.quote_name(name) for name in columns)
    # table and column names are ours; every value is a query parameter
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({names}) {select_sql}", params)
    fragments.bump()  # past the ORM's signals: the recipients' counts

    from .tasks import send_notification_mails

    transaction.on_commit(lambda: send_notification_mails.enqueue(batch=str(batch)))
    return batch


def notification_open(*, user: User, notification: Notification) -> str:
    """Mark ``notification`` read and return where it leads (a path of this site)."""
    if notification.recipient_id != user.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk).update(read_at=notification.read_at)
        fragments.bump()  # the header's count
    link = notification.data.get("link") if isinstance(notification.data, dict) else ""
    if link:
        return _safe_link(link)
    target = notification.target
    if target is None:
        return "/"
    specific = getattr(target, "specific", target)
    if hasattr(specific, "get_url"):
        return specific.get_url() or "/"
    return specific.get_absolute_url()


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of ``user`` read; returns how many."""
    fragments.bump()  # the header's count
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def preference_set(*, person: User, kind: str, delivery: str) -> NotificationPreference:
    """``person`` chooses how they hear of ``kind``; only the person themselves may."""
    spec = get_kind(kind)
    if not spec.allows(delivery):
        if delivery == Delivery.OFF:
            raise ValidationError({kind: _("This kind of notification cannot be turned off.")})
        raise ValidationError({kind: _("This choice is not offered for this notification.")})
    preference, _created = NotificationPreference.objects.update_or_create(
        person=person, kind=kind, defaults={"delivery": delivery}
    )
    if delivery in (Delivery.INBOX, Delivery.OFF):
        # nothing still queued for a mail of that kind goes out any more
        Notification.objects.filter(recipient=person, kind=kind).exclude(
            mail_state=MailState.NONE
        ).update(mail_state=MailState.NONE)
    return preference


def preferences_of(person: User) -> dict[str, str]:
    """Each registered kind's delivery for ``person`` (their choice or the default)."""
    from .registry import kinds

    chosen = dict(
        NotificationPreference.objects.filter(person=person).values_list("kind", "delivery")
    )
    result = {}
    for kind in kinds():
        delivery = chosen.get(kind.key, kind.default_delivery)
        result[kind.key] = delivery if kind.allows(delivery) else kind.default_delivery
    return result

"""Sending what is pending: the mails of one fan-out, and the daily digests.

Both check again, at send time, that the recipient may still read each target
(their current keys against the target's current audience, liveness included) and
still wants the mail; what fails the check is dropped, never sent.
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from abhnetz.accounts.models import User
from abhnetz.audiences.models import AudienceMixin
from abhnetz.audiences.rules import readers_of
from abhnetz.core.mail import queue_after_commit, recipients_for

from .mails import digest_mail, notification_mails
from .models import DigestSent, MailState, Notification
from .registry import Delivery
from .services import preferences_of


def _targets(notifications) -> dict:
    """The specific targets of ``notifications`` keyed by (content type id, object id)."""
    wanted: dict[int, set[int]] = {}
    for notification in notifications:
        wanted.setdefault(notification.target_content_type_id, set()).add(
            notification.target_object_id
        )
    targets = {}
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for obj in model._default_manager.filter(pk__in=ids):
            targets[(content_type_id, obj.pk)] = getattr(obj, "specific", obj)
    return targets


@transaction.atomic
def deliver_immediately(*, batch: str) -> int:
    """Mail the pending immediate notifications of ``batch``; returns how many went out."""
    pending = Notification.objects.select_for_update().filter(
        batch=batch, mail_state=MailState.IMMEDIATE
    )
    ids = list(pending.values_list("pk", flat=True))
    if not ids:
        return 0
    Notification.objects.filter(pk__in=ids).update(mail_state=MailState.NONE)
    notifications = list(
        Notification.objects.filter(pk__in=ids).select_related(
            "recipient", "actor", "target_content_type"
        )
    )
    targets = _targets(notifications)
    deliverable = []
    for key in {(n.target_content_type_id, n.target_object_id) for n in notifications}:
        rows = [n for n in notifications if (n.target_content_type_id, n.target_object_id) == key]
        target = targets.get(key)
        if target is None:
            continue  # deleted meanwhile
        people = User.objects.filter(pk__in=[n.recipient_id for n in rows])
        # the recipients' current keys against the target's current audience, at once
        if isinstance(target, AudienceMixin):
            people = readers_of(target, people)
        allowed = set(people.filter(is_active=True).values_list("pk", flat=True))
        deliverable += [n for n in rows if n.recipient_id in allowed]
    if not deliverable:
        return 0
    messages = notification_mails(deliverable, targets)
    Notification.objects.filter(pk__in=[n.pk for n in deliverable]).update(
        emailed_at=timezone.now()
    )
    queue_after_commit(messages)
    return len(messages)


def digest_period(now=None) -> date:
    """The digest period: one calendar day in Europe/Berlin."""
    return timezone.localdate(now)


def send_digest(*, person: User, period: date) -> int:
    """Send ``person`` their digest for ``period`` once; returns the number of items.

    Idempotent per period: the ``DigestSent`` row is written in the same transaction,
    so a second run (or a parallel one) sends nothing.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                DigestSent.objects.create(person=person, period=period)
        except IntegrityError:
            return 0
        queued = Notification.objects.select_for_update().filter(
            recipient=person, mail_state=MailState.DIGEST
        )
        queued_ids = list(queued.values_list("pk", flat=True))
        wanted = {
            kind for kind, delivery in preferences_of(person).items() if delivery == Delivery.DIGEST
        }
        # still visible to them now, and still wanted in the digest
        items = list(
            Notification.objects.visible_to(person)
            .filter(pk__in=queued_ids, kind__in=wanted)
            .select_related("recipient", "actor", "target_content_type")
            .order_by("created_at", "pk")
        )
        Notification.objects.filter(pk__in=queued_ids).update(mail_state=MailState.NONE)
        targets = _targets(items) if items else {}
        pairs = [
            (n, targets[(n.target_content_type_id, n.target_object_id)])
            for n in items
            if (n.target_content_type_id, n.target_object_id) in targets
        ]
        recipient = recipients_for([person])
        if not pairs or not recipient:
            return 0
        Notification.objects.filter(pk__in=[n.pk for n, _t in pairs]).update(
            emailed_at=timezone.now()
        )
        queue_after_commit([digest_mail(person, pairs, recipient[0].language)])
        return len(pairs)


def people_with_digest_items():
    return User.objects.filter(
        is_active=True,
        pk__in=Notification.objects.filter(mail_state=MailState.DIGEST).values("recipient_id"),
    ).order_by("pk")

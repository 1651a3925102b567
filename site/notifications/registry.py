"""Notification kinds: apps register theirs in ``AppConfig.ready()``.

    from abhnetz.notifications.registry import Delivery, NotificationKind, register

    register(NotificationKind(
        key="guides.approved",
        label=_("A guide of mine was approved"),
        default_delivery=Delivery.IMMEDIATE,
    ))

See docs/notifications.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately by e-mail")
    DIGEST = "digest", _("In the daily e-mail digest")
    INBOX = "inbox", _("Only in the inbox")
    OFF = "off", _("Off")


@dataclass(frozen=True)
class NotificationKind:
    """What can happen to a person, and how they hear of it unless they choose otherwise.

    ``template`` names the mail templates (``<template>_subject.txt``, ``_message.txt``,
    optionally ``_message.html``), rendered with the notification's context (see
    ``abhnetz.notifications.mails.notification_context``); the generic one says the
    kind's label and the target's title. ``can_turn_off=False`` keeps a kind at least in the
    inbox (work that waits for the person). ``calendar_mail=True`` marks a kind whose only
    mail is the app's own calendar mail, sent whatever the setting (decision 0058): the
    person chooses only whether it also waits in the inbox.
    """

    key: str
    label: str | Promise
    default_delivery: str = Delivery.IMMEDIATE
    can_turn_off: bool = True
    template: str = "notifications/email/generic"
    calendar_mail: bool = False

    def deliveries(self) -> list[tuple[str, str]]:
        if self.calendar_mail:
            # "at once" or "in the digest" would promise a second mail that never comes
            options = [(Delivery.INBOX, _("As a calendar e-mail and in the inbox"))]
            if self.can_turn_off:
                options.append((Delivery.OFF, _("Only as a calendar e-mail")))
            return options
        return [
            (value, label)
            for value, label in Delivery.choices
            if value != Delivery.OFF or self.can_turn_off
        ]

    def allows(self, delivery: str) -> bool:
        return delivery in dict(self.deliveries())


_kinds: dict[str, NotificationKind] = {}


def register(kind: NotificationKind) -> NotificationKind:
    if kind.key in _kinds and _kinds[kind.key] != kind:
        raise ValueError(f"The notification kind {kind.key!r} is registered twice.")
    if kind.default_delivery == Delivery.OFF and not kind.can_turn_off:
        raise ValueError(f"{kind.key!r} cannot be turned off, so it cannot start off.")
    _kinds[kind.key] = kind
    return kind


def get_kind(key: str) -> NotificationKind:
    try:
        return _kinds[key]
    except KeyError:
        raise LookupError(f"No notification kind {key!r} is registered.") from None


def kinds() -> list[NotificationKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.key)

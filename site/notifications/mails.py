"""Notification mails: one per notification at once, or one digest a day.

Rendered through the one mail module (``abhnetz.core.mail``) in the recipient's
language, with ``List-Unsubscribe`` headers (RFC 8058) whose signed link turns the
kind off without a login. Nothing is rendered before the audience was checked again.
"""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

from abhnetz.core.mail import RenderedMail, absolute_url, recipients_for, render_mail, site_url

from .registry import get_kind

UNSUBSCRIBE_SALT = "abhnetz.notifications.unsubscribe"


def unsubscribe_token(*, person_id: int, kind: str) -> str:
    """A signed token for "turn ``kind`` off for this person" (no expiry: mails stay)."""
    return signing.dumps({"p": person_id, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(person id, kind) of a token; ``signing.BadSignature`` for anything forged."""
    value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(value, dict) or not isinstance(value.get("p"), int):
        raise signing.BadSignature("Malformed unsubscribe token.")
    return value["p"], str(value.get("k", ""))


def unsubscribe_url(*, person_id: int, kind: str) -> str:
    token = unsubscribe_token(person_id=person_id, kind=kind)
    return site_url(reverse("notifications:unsubscribe", kwargs={"token": token}))


def unsubscribe_headers(url: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _common_context() -> dict:
    return {
        "inbox_url": site_url(reverse("notifications:inbox")),
        "preferences_url": site_url(reverse("notifications:preferences")),
    }


def _target_url(target) -> str:
    if hasattr(target, "get_url_parts") or hasattr(target, "get_absolute_url"):
        return absolute_url(target)
    return ""


def notification_context(notification, target) -> dict:
    """What a kind's mail template may use; ``url`` opens it (and marks it read)."""
    data = notification.data if isinstance(notification.data, dict) else {}
    return {
        # where it leads, absolute (an ``edit_path`` in the data gives ``edit_url``)
        **{
            f"{key[:-5]}_url": site_url(value)
            for key, value in data.items()
            if key.endswith("_path") and isinstance(value, str) and value.startswith("/")
        },
        "notification": notification,
        "target_url": _target_url(target),
        # the path the notification opens, absolute (the target's own page by default)
        "link_url": site_url(data["link"]) if data.get("link") else _target_url(target),
        "recipient": notification.recipient,
        "target": target,
        "title": str(target),
        "actor": notification.actor,
        "data": data,
        "url": site_url(reverse("notifications:open", kwargs={"pk": notification.pk})),
    }


def notification_mails(notifications: list, targets: dict) -> list[RenderedMail]:
    """One mail per notification, each in its recipient's language.

    ``targets`` maps (content type id, object id) to the (specific) target object.
    """
    languages = {
        recipient.user_id: recipient.language
        for recipient in recipients_for([n.recipient for n in notifications])
    }
    messages = []
    for notification in notifications:
        if notification.recipient_id not in languages:
            continue  # no address, or no longer active
        target = targets[(notification.target_content_type_id, notification.target_object_id)]
        kind = get_kind(notification.kind)
        url = unsubscribe_url(person_id=notification.recipient_id, kind=kind.key)
        context = {
            **_common_context(),
            **notification_context(notification, target),
            "kind": kind,
            "unsubscribe_url": url,
        }
        message = render_mail(kind.template, context, language=languages[notification.recipient_id])
        message.to = [notification.recipient.email]
        message.headers = unsubscribe_headers(url)
        messages.append(message)
    return messages


def digest_mail(person, items: list[tuple], language: str) -> RenderedMail:
    """The digest of ``items`` ((notification, target) pairs) for ``person``."""
    # the digest's own link: every kind that comes in the digest goes to the inbox only
    url = unsubscribe_url(person_id=person.pk, kind="")
    context = {
        **_common_context(),
        "recipient": person,
        "items": [
            {**notification_context(notification, target), "kind": get_kind(notification.kind)}
            for notification, target in items
        ],
        "unsubscribe_url": url,
    }
    message = render_mail("notifications/email/digest", context, language=language)
    message.to = [person.email]
    message.headers = unsubscribe_headers(url)
    return message

from django.db import transaction

from .tasks import send_email


def send_after_commit(*, subject: str, body: str, to: list[str], html: str = "") -> None:
    """Queue an e-mail once the surrounding transaction commits (never for rolled-back work)."""
    if to:
        transaction.on_commit(
            lambda: send_email.enqueue(subject=subject, body=body, to=list(to), html=html)
        )

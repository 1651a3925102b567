from django_tasks import task


@task()
def send_notification_mails(*, batch: str) -> None:
    """Mail the notifications of one fan-out that their recipients want at once.

    Idempotent: a notification is mailed once (its ``mail_state`` is cleared), and the
    audience is checked again here, so a target narrowed meanwhile is not mailed.
    """
    from .delivery import deliver_immediately

    deliver_immediately(batch=batch)

from django.core import mail
from django.db import transaction

from abhnetz.core.mail import send_after_commit


def test_mail_leaves_after_commit_through_the_task(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send_after_commit(subject="Betreff", body="Text", to=["a@example.org"], html="<p>Text</p>")
        assert mail.outbox == []  # nothing before the commit
    assert len(callbacks) == 1
    assert mail.outbox[0].subject == "Betreff"
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_no_mail_for_rolled_back_work(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                send_after_commit(subject="Nie", body="x", to=["a@example.org"])
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []

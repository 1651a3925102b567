"""Marking a key pending from two transactions at once (PostgreSQL's row locks)."""

import threading
import time

import pytest
from django.db import connection, transaction

from search import replica
from search.models import ReplicaPending

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_transactions_marking_the_same_key_neither_fails_and_the_version_grows():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: concurrent transactions on one row")
    first_marked = threading.Event()
    errors, versions = [], {}

    def mark(name, wait=None, hold=0.0):
        try:
            if wait is not None:
                wait.wait(5)
            with transaction.atomic():
                replica.mark_pending(["guide:1"])
                versions[name] = ReplicaPending.objects.get(key="guide:1").version
                first_marked.set()
                # the other transaction now waits for this row (uncommitted)
                time.sleep(hold)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    # given one transaction has marked the key and not committed yet
    first = threading.Thread(target=mark, args=("first",), kwargs={"hold": 0.5})
    # when a second transaction marks the same key meanwhile (as a save would)
    second = threading.Thread(target=mark, args=("second",), kwargs={"wait": first_marked})
    first.start()
    second.start()
    first.join(10)
    second.join(10)
    # then neither raised (no IntegrityError inside the user's save), one row is left,
    # and its version is above the first transaction's
    assert errors == []
    (row,) = ReplicaPending.objects.filter(key="guide:1")
    assert row.version > versions["first"]
    assert row.version == versions["second"]

"""The last seat, taken by two people at the same moment (PostgreSQL, two transactions)."""

import os
import threading

import pytest
from django.db import connection

from events import services
from events.models import Answer, Rsvp
from events.services import rsvp_answer
from tests.factories import UserFactory

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL=postgres://...)"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_take_the_last_seat_at_once(network, publish_event, monkeypatch):
    # given an event with one seat left
    event = publish_event(capacity=2)
    rsvp_answer(event=event, person=network.office_staff, answer=Answer.YES)
    people = [UserFactory(organisation=network.office_b, roles=["office_staff"]) for _ in range(2)]
    barrier = threading.Barrier(2)
    # the worst moment, made certain: each waits after counting the seats until the other
    # has counted too. Without the row lock both count one free seat and both take it;
    # with it the second cannot count before the first commits (the wait times out).
    counted = threading.Barrier(2, timeout=1)
    count = services.seats_taken

    def seats_taken_then_wait(event):
        taken = count(event)
        try:
            counted.wait()
        except threading.BrokenBarrierError:
            pass
        return taken

    monkeypatch.setattr(services, "seats_taken", seats_taken_then_wait)
    errors = []

    def answer(person):
        try:
            barrier.wait()
            rsvp_answer(event=event, person=person, answer=Answer.YES)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    # when both answer in their own transaction at the same moment
    threads = [threading.Thread(target=answer, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then one has the seat and the other waits
    assert not errors
    answers = Rsvp.objects.filter(person__in=people)
    assert sorted(a.is_registered for a in answers) == [False, True]
    assert Rsvp.objects.filter(event=event, answer="yes", waitlisted_at__isnull=True).count() == 2

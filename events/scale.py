"""The events' part of ``manage.py seed_scale``: meetings, answers and date polls in bulk.

At factor 1: 6,000 events under /termine/ (pages, each with a live revision) over the
network's years and, every fifth, in the year after the day of the run; 60,000 RSVPs
by people the event's audience admits, under the seat limits (a Zusage beyond the
places waits on the waitlist, as ``rsvp_answer`` would put it there); 300 date polls
with their slots and answers. Times are aware, in Europe/Berlin. Registered for
``hooks.SEED_SCALE`` in events/wagtail_hooks.py; the shell builds the search index.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from abhnetz.core.scale import ScaleNetwork, chunks, store_pages

EVENTS = 6_000
RSVPS_PER_EVENT = 10
POLLS = 300
SLOTS_PER_POLL = 3
RESPONSES_PER_POLL = 8
LIMITED_SHARE = 0.4  # events with a number of places
EVENT_BATCH = 500


def seed(network: ScaleNetwork) -> None:
    from .models import EventIndexPage

    index = EventIndexPage.objects.first()
    if index is None:
        raise LookupError("No calendar page (/termine/): run the migrations first.")
    seed_events(network, index)
    seed_polls(network)


def seed_events(network: ScaleNetwork, index) -> None:
    from .models import Answer, EventKind, EventPage, Rsvp

    rng = network.rng
    total = network.scaled(EVENTS, minimum=3)
    progress = network.progress("events", total)
    kinds = list(EventKind)
    ahead = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    counts = {"events": 0, "rsvps": 0, "waitlisted": 0}
    for batch in chunks(range(total), EVENT_BATCH):
        pages, audiences, topics = [], [], []
        for number in batch:
            owner = rng.choice(network.authors)
            # the network's years of use, and every fifth event in the year after the
            # day of the run: whenever the benchmark runs, the calendar has a future
            if number % 5 == 0:
                start = ahead + timedelta(days=rng.randint(1, 365))
            else:
                start = network.moment(days=5 * 365)
            start = timezone.localtime(start).replace(
                hour=rng.choice([9, 10, 13, 14]), minute=0, second=0, microsecond=0
            )
            page = EventPage(
                title=f"{network.sentence(2, 5)[:-1]} ({number + 1})"[:255],
                slug=f"termin-{number + 1}",
                kind=rng.choice(kinds),
                series="Vernetzungstreffen" if rng.random() < 0.3 else "",
                summary=network.sentence(10, 30)[:500],
                start=start,
                end=start + timedelta(hours=rng.choice([1, 2, 3, 6])),
                place_address=f"Marktplatz {rng.randint(1, 30)}, {rng.randint(10000, 99999)}",
                place_room=f"Raum {rng.randint(1, 400)}",
                organisation_id=owner.organisation_id,
                owner=owner,
                capacity=rng.choice([8, 12, 20, 40]) if rng.random() < LIMITED_SHARE else None,
                first_published_at=start - timedelta(days=30),
                last_published_at=start - timedelta(days=30),
                latest_revision_created_at=start - timedelta(days=30),
            )
            audience = network.draw_audience(page)
            pages.append(page)
            audiences.append(audience)
            topics.append(rng.sample(network.topics, k=rng.randint(0, 2)))
        store_pages(network, index, pages, audiences, topics)
        rsvps = []
        for page, audience in zip(pages, audiences, strict=True):
            readers = network.readers(audience)
            people = rng.sample(readers, k=min(RSVPS_PER_EVENT, len(readers)))
            seats = 0
            for person in people:
                answered = page.start - timedelta(days=rng.randint(1, 28))
                answer = rng.choices([Answer.YES, Answer.NO, Answer.MAYBE], [6, 2, 2])[0]
                colleagues = rng.choice([0, 0, 0, 1]) if answer == Answer.YES else 0
                waiting = None
                if answer == Answer.YES and page.capacity is not None:
                    if seats + 1 + colleagues > page.capacity:
                        waiting = answered
                    else:
                        seats += 1 + colleagues
                rsvps.append(
                    Rsvp(
                        event=page,
                        person=person,
                        answer=answer,
                        colleagues=colleagues,
                        waitlisted_at=waiting,
                        answered_at=answered,
                    )
                )
                counts["waitlisted"] += waiting is not None
        Rsvp.objects.bulk_create(rsvps)
        counts["events"] += len(pages)
        counts["rsvps"] += len(rsvps)
        progress.advance(len(pages))
    progress.finish()
    network.counts.update(
        events=counts["events"],
        event_rsvps=counts["rsvps"],
        event_waitlisted=counts["waitlisted"],
    )
    network.documents += counts["events"]  # one search document per event


def seed_polls(network: ScaleNetwork) -> None:
    from .models import DatePoll, EventKind, PollAnswer, PollChoice, PollResponse, PollSlot

    rng = network.rng
    total = network.scaled(POLLS, minimum=1)
    polls, audiences = [], []
    for number in range(total):
        poll = DatePoll(
            title=f"Terminumfrage: {network.sentence(2, 4)[:-1]} ({number + 1})"[:255],
            description=network.sentence(8, 20),
            kind=rng.choice(list(EventKind)),
            created_by=rng.choice(network.authors),
            created_at=network.moment(),
        )
        audience = network.draw_audience(poll)
        polls.append(poll)
        audiences.append(audience)
    DatePoll.objects.bulk_create(polls)
    network.store_audiences(
        DatePoll, [(p, a, p.created_by_id) for p, a in zip(polls, audiences, strict=True)]
    )
    slots = []
    for poll in polls:
        first = poll.created_at + timedelta(days=rng.randint(14, 40))
        for day in range(SLOTS_PER_POLL):
            start = first.replace(hour=10, minute=0, second=0, microsecond=0)
            start += timedelta(days=7 * day)
            slots.append(PollSlot(poll=poll, start=start, end=start + timedelta(hours=2)))
    PollSlot.objects.bulk_create(slots)
    responses, answers = [], []
    slots_of: dict[int, list] = {}
    for slot in slots:
        slots_of.setdefault(slot.poll_id, []).append(slot)
    for poll, audience in zip(polls, audiences, strict=True):
        readers = network.readers(audience)
        for person in rng.sample(readers, k=min(RESPONSES_PER_POLL, len(readers))):
            responses.append(
                PollResponse(
                    poll=poll, person=person, answered_at=poll.created_at + timedelta(days=2)
                )
            )
    PollResponse.objects.bulk_create(responses)
    for response in responses:
        for slot in slots_of[response.poll_id]:
            answers.append(
                PollAnswer(response=response, slot=slot, choice=rng.choice(list(PollChoice)))
            )
    PollAnswer.objects.bulk_create(answers, batch_size=5000)
    network.counts["date_polls"] = len(polls)
    network.counts["poll_answers"] = len(answers)

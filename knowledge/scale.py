"""The knowledge base's part of ``manage.py seed_scale``: guides and minutes in bulk.

At factor 1: 20,000 guides (a live revision each) and 5,000 minutes with 40,000 action
items and 30,000 decisions, under /wissen/, with audiences drawn by the shell
(``abhnetz.core.scale.ScaleNetwork.audience``). Registered for ``hooks.SEED_SCALE`` in
knowledge/wagtail_hooks.py.
"""

from __future__ import annotations

from datetime import timedelta

from abhnetz.core.scale import (
    ScaleNetwork,
    bulk_parental_m2m,
    chunks,
    insert_pages,
    publish_revisions,
    stable_uuid,
    store_pages,
)

GUIDES = 20_000
MINUTES = 5_000
ACTION_ITEMS_PER_MINUTES = 8
DECISIONS_PER_MINUTES = 6
AGENDA_ITEMS_PER_MINUTES = 4
LAWS = ("aufenthg", "beschv", "aufenthv", "stag", "asylg")


def _block(network: ScaleNetwork, kind: str, value) -> dict:
    return {"type": kind, "value": value, "id": str(stable_uuid(network.rng))}


def guide_body(network: ScaleNetwork) -> list:
    """A body like the demo's guides: text, steps, a checklist, a legal reference, a hint."""
    rng = network.rng
    body = [_block(network, "rich_text", f"<p>{network.sentence(20, 60)}</p>")]
    body.append(
        _block(
            network,
            "steps",
            [
                {"title": network.sentence(3, 6)[:200], "text": f"<p>{network.sentence()}</p>"}
                for _ in range(rng.randint(2, 5))
            ],
        )
    )
    if rng.random() < 0.6:
        items = [network.sentence(3, 8)[:300] for _ in range(rng.randint(3, 6))]
        body.append(_block(network, "checklist", {"heading": "Unterlagen", "items": items}))
    body.append(
        _block(
            network,
            "legal_reference",
            {
                "law": rng.choice(LAWS),
                "paragraph": str(rng.randint(1, 105)),
                "subsection": str(rng.randint(1, 6)),
                "sentence": None,
                "note": f"<p>{network.sentence()}</p>",
            },
        )
    )
    body.append(
        _block(
            network,
            "callout",
            {"kind": rng.choice(["hint", "warning"]), "text": f"<p>{network.sentence()}</p>"},
        )
    )
    body.append(_block(network, "rich_text", f"<h2>Praxis</h2><p>{network.sentence(30, 90)}</p>"))
    return body


def seed(network: ScaleNetwork) -> None:
    from .models import KnowledgeIndexPage

    index = KnowledgeIndexPage.objects.first()
    if index is None:
        raise LookupError("No knowledge index page (/wissen/): run the migrations first.")
    seed_guides(network, index)
    seed_minutes(network, index)


def _page_audiences(network: ScaleNetwork, model, pages, audiences) -> None:
    network.store_audiences(
        model,
        [(page, audience, page.owner_id) for page, audience in zip(pages, audiences, strict=True)],
    )


def seed_guides(network: ScaleNetwork, index) -> None:
    from .guides.models import GuidePage

    rng = network.rng
    total = network.scaled(GUIDES, minimum=3)
    progress = network.progress("guides", total)
    made = 0
    for batch in chunks(range(total)):
        pages, audiences, topics = [], [], []
        for number in batch:
            owner = rng.choice(network.authors)
            published = network.moment()
            title = f"{network.sentence(3, 7)[:-1]} ({number + 1})"
            page = GuidePage(
                title=title[:255],
                slug=f"leitfaden-{number + 1}",
                summary=network.sentence(15, 40)[:500],
                organisation_id=owner.organisation_id,
                owner=owner,
                deputy=rng.choice(network.authors),
                body=guide_body(network),
                first_published_at=published,
                last_published_at=published,
                latest_revision_created_at=published,
                last_reviewed_on=(published + timedelta(days=30)).date()
                if rng.random() < 0.5
                else None,
                review_due_on=(published + timedelta(days=365)).date(),
            )
            audience = network.draw_audience(page)
            pages.append(page)
            audiences.append(audience)
            topics.append(rng.sample(network.topics, k=rng.randint(1, 3)))
        store_pages(network, index, pages, audiences, topics)
        made += len(pages)
        progress.advance(len(pages))
    progress.finish()
    network.counts["guides"] = made
    network.documents += made


def seed_minutes(network: ScaleNetwork, index) -> None:
    from .minutes.models import ActionItem, AgendaItem, Decision, MeetingType, MinutesPage

    rng = network.rng
    total = network.scaled(MINUTES, minimum=2)
    progress = network.progress("minutes", total)
    counts = {"minutes": 0, "decisions": 0, "action_items": 0}
    for batch in chunks(range(total), 200):
        pages, audiences, topics, participants = [], [], [], []
        for number in batch:
            owner = rng.choice(network.authors)
            meeting = network.moment()
            page = MinutesPage(
                title=f"Protokoll: {network.sentence(2, 5)[:-1]} ({number + 1})"[:255],
                slug=f"protokoll-{number + 1}",
                summary=network.sentence(10, 30)[:500],
                organisation_id=owner.organisation_id,
                owner=owner,
                meeting_date=meeting.date(),
                meeting_type=rng.choice(list(MeetingType)),
                place=f"Raum {rng.randint(1, 400)}, Marktplatz {rng.randint(1, 30)}",
                first_published_at=meeting + timedelta(days=2),
                last_published_at=meeting + timedelta(days=2),
                latest_revision_created_at=meeting + timedelta(days=2),
                last_decision_number=DECISIONS_PER_MINUTES,
            )
            audience = network.draw_audience(page)
            pages.append(page)
            audiences.append(audience)
            topics.append(rng.sample(network.topics, k=rng.randint(1, 2)))
            participants.append(rng.sample(network.organisations, k=rng.randint(2, 6)))
        insert_pages(index, pages)
        agenda, decisions, items = [], [], []
        for page in pages:
            for order in range(AGENDA_ITEMS_PER_MINUTES):
                agenda.append(
                    AgendaItem(
                        page_id=page.pk,
                        sort_order=order,
                        title=network.sentence(2, 5)[:200],
                        notes=network.sentence(15, 40),
                    )
                )
            for order in range(DECISIONS_PER_MINUTES):
                decisions.append(
                    Decision(
                        page_id=page.pk,
                        sort_order=order,
                        number=order + 1,
                        text=network.sentence(8, 25),
                        topic=rng.choice(network.topics) if rng.random() < 0.7 else None,
                    )
                )
            for order in range(ACTION_ITEMS_PER_MINUTES):
                person = rng.choice(network.people) if rng.random() < 0.7 else None
                items.append(
                    ActionItem(
                        page_id=page.pk,
                        sort_order=order,
                        uuid=stable_uuid(rng),
                        title=network.sentence(3, 8)[:300],
                        owner_person=person,
                        owner_organisation=None if person else rng.choice(network.organisations),
                        due_date=page.meeting_date + timedelta(days=rng.randint(7, 120)),
                    )
                )
        AgendaItem.objects.bulk_create(agenda)
        Decision.objects.bulk_create(decisions)
        ActionItem.objects.bulk_create(items)
        bulk_parental_m2m(
            MinutesPage,
            "topics",
            [(p.pk, t.pk) for p, chosen in zip(pages, topics, strict=True) for t in chosen],
        )
        bulk_parental_m2m(
            MinutesPage,
            "participants",
            [(p.pk, o.pk) for p, chosen in zip(pages, participants, strict=True) for o in chosen],
        )
        _page_audiences(network, MinutesPage, pages, audiences)
        publish_revisions(pages)
        counts["minutes"] += len(pages)
        counts["decisions"] += len(decisions)
        counts["action_items"] += len(items)
        progress.advance(len(pages))
    progress.finish()
    network.counts.update(counts)
    # the minutes, each decision and each action item are documents of their own
    network.documents += sum(counts.values())

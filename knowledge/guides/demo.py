"""Demo guides for seed_demo: realistic practice guides for every kind of audience.

Idempotent: a guide is found by its slug under /wissen/ and left alone if it is there.
Each guide records who approved it (demo_approval), one revised guide waits for approval.
One guide is overdue for review; the ServicePoint guide has two published versions so
the comparison of versions shows something. The search's relevance set
(tests/search/test_relevance.py) relies on the texts too: change them together.
"""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision, TaskState

from abhnetz.audiences.services import audience_assign
from knowledge.models import KnowledgeIndexPage

from .demo_approval import demo_approver, record_workflow
from .demo_texts import ADMIN, COORDINATOR, MODERATOR, PENDING_SLUG, guides
from .models import GuidePage


def seed_guides(demo) -> None:
    index = KnowledgeIndexPage.objects.get()
    existing = set(Page.objects.child_of(index).values_list("slug", flat=True))
    publisher = demo.people[COORDINATOR]
    # who approves, as the workflow would let them (decision 0019): the coordination, the
    # administration, or for an office's internal guide its moderator
    approvers = [demo.people.get(email) for email in (COORDINATOR, ADMIN, MODERATOR)]
    added = 0
    for spec in guides(demo):
        if spec["slug"] in existing:
            continue
        owner = demo.people[spec["owner"]]
        slug = spec["slug"]
        guide = GuidePage(
            title=spec["title"],
            slug=slug,
            summary=spec["summary"],
            organisation=demo.organisations[spec["organisation"]],
            owner=owner,
            deputy=demo.people[spec["deputy"]] if spec["deputy"] else None,
            last_reviewed_on=spec["reviewed"],
            review_due_on=spec["due"],
            body=spec["body"](slug),
        )
        guide.topics.set([demo.topics[key] for key in spec["topics"]])
        audience_assign(guide, spec["audience"])
        index.add_child(instance=guide)
        first = guide.save_revision(user=owner)
        approver = demo_approver(guide, first, approvers)
        first.publish(user=approver or publisher, skip_permission_checks=True)
        if approver is not None:
            record_workflow(guide, first, submitter=owner, approver=approver)
        if "revised_body" in spec:
            backdate(first, days=40)
            guide = GuidePage.objects.live().get(pk=guide.pk)
            guide.body = spec["revised_body"](slug)
            revised = guide.save_revision(user=owner)
            revised.publish(user=approver or publisher, skip_permission_checks=True)
            if approver is not None:
                record_workflow(guide, revised, submitter=owner, approver=approver)
        if slug == PENDING_SLUG:
            # a revised version waits for the coordination ("awaiting your review")
            guide = GuidePage.objects.live().get(pk=guide.pk)
            guide.summary += " Überarbeitet: mit den Regeln für Fristverlängerungen."
            record_workflow(guide, guide.save_revision(user=owner), submitter=owner)
        added += 1
    demo.stdout.write(f"Guides: {added} added.")


def backdate(revision: Revision, *, days: int) -> None:
    """Date the first version back, as if it had been published weeks ago."""
    when = timezone.now() - timedelta(days=days)
    Revision.objects.filter(pk=revision.pk).update(created_at=when)
    PageLogEntry.objects.filter(revision=revision).update(timestamp=when)
    TaskState.objects.filter(revision=revision).update(finished_at=when)

"""Who may write and who may approve guides: pure checks, no writes.

An approver of a ``GuideApprovalTask`` (models.py) must

- be in one of the task's groups, or be a superuser (the administrators), as in Wagtail;
  for content restricted to organisations or working groups, a moderator
  (``RESTRICTED_CONTENT_APPROVER_ROLES``) of their own organisation may approve as well,
  so an office's internal guide is approved inside the office;
- be allowed to read the page: its stored audience (what the lists and the admin's
  explorer use) and the audience of the submitted revision (what they would publish:
  a draft narrowed to one office is not shown to a coordinator outside it);
- not be its author: neither the page's owner, nor the person who submitted it, nor the
  one who wrote the submitted revision (four eyes, for superusers too).

docs/decisions/0019-guide-approval-four-eyes-and-audience.md says why.
"""

from __future__ import annotations

from django.db.models import CharField
from django.db.models.functions import Cast
from django.urls import reverse

from abhnetz.accounts.roles import RESTRICTED_CONTENT_APPROVER_ROLES, REVIEW_LIST_ROLES, Role
from abhnetz.audiences.models import AudienceMixin, AudienceScope
from abhnetz.audiences.rules import audience_group_ids, reader_keys, visible_pages

# Who else approves content restricted to organisations or working groups, which the
# coordinators often may not read (decision 0019); they must be in its audience too.


def in_approver_groups(user, *, task) -> bool:
    if not getattr(user, "is_active", False) or not user.is_authenticated:
        return False
    return user.is_superuser or task._user_in_groups(user)


def approves_restricted_content(user) -> bool:
    return getattr(user, "is_active", False) and user.has_role(*RESTRICTED_CONTENT_APPROVER_ROLES)


def is_restricted(content: dict) -> bool:
    """Whether a revision's content is for selected organisations or working groups."""
    return content.get("audience_scope") == AudienceScope.SELECTED


def may_approve_as(user, *, task, content: dict) -> bool:
    """Whether ``user``'s roles let them approve a revision with this ``content``."""
    if in_approver_groups(user, task=task):
        return True
    return is_restricted(content) and approves_restricted_content(user)


def is_author(user, *, page, task_state) -> bool:
    """Whether ``user`` wrote or submitted the page under review."""
    if page.owner_id == user.pk:
        return True
    if task_state is None:
        return False
    if task_state.workflow_state.requested_by_id == user.pk:
        return True
    return task_state.revision.user_id == user.pk


def revision_group_ids(contents: list[dict]) -> list[set[int]]:
    """The audience (group ids) each revision content stands for, in a fixed number of queries.

    A revision keeps the author's choice of audience in its content, so a draft's
    audience is known before it is published (the stored one follows the live row).
    """
    from abhnetz.organisations.models import Organisation, WorkingGroup

    organisation_ids = {pk for c in contents for pk in c.get("audience_organisations") or ()}
    group_ids = {pk for c in contents for pk in c.get("audience_working_groups") or ()}
    organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=organisation_ids)}
    working_groups = {g.pk: g for g in WorkingGroup.objects.filter(pk__in=group_ids)}
    role_ids: dict = {}  # each role set looked up once for all the revisions
    return [
        audience_group_ids(
            scope=content.get("audience_scope") or AudienceScope.NETWORK,
            organisations=[
                organisations[pk]
                for pk in content.get("audience_organisations") or ()
                if pk in organisations
            ],
            working_groups=[
                working_groups[pk]
                for pk in content.get("audience_working_groups") or ()
                if pk in working_groups
            ],
            advisory_board=bool(content.get("audience_advisory_board")),
            role_ids=role_ids,
        )
        for content in contents
    ]


def carries_audience(page) -> bool:
    model = page.specific_class if hasattr(page, "specific_class") else type(page)
    return model is not None and issubclass(model, AudienceMixin)


def reads_revision(user, *, page, revision) -> bool:
    if revision is None or not carries_audience(page):
        return True
    (groups,) = revision_group_ids([revision.content])
    return bool(reader_keys(user) & groups)


def may_approve(user, *, task, page, task_state=None) -> bool:
    """Whether ``user`` may approve or reject ``page`` on ``task`` (cached per request)."""
    if not in_approver_groups(user, task=task) and not approves_restricted_content(user):
        return False
    task_state = task_state or page.current_workflow_task_state
    cache = user.__dict__.setdefault("_guide_approval_checks", {})
    key = (task.pk, page.pk, getattr(task_state, "pk", None))
    if key not in cache:
        cache[key] = _may_approve(user, task=task, page=page, task_state=task_state)
    return cache[key]


def _may_approve(user, *, task, page, task_state) -> bool:
    from wagtail.models import Page

    revision = task_state.revision if task_state else page.get_latest_revision()
    content = revision.content if revision and carries_audience(page) else {}
    if not may_approve_as(user, task=task, content=content):
        return False
    if is_author(user, page=page, task_state=task_state):
        return False
    if not visible_pages(user, Page.objects.filter(pk=page.pk)).exists():
        return False
    return reads_revision(user, page=page, revision=revision)


def reviewable_task_states(user, *, task, states):
    """The in-progress ``states`` of ``task`` that ``user`` may approve ("Awaiting your review").

    The stored audience and the authorship are filtered in the query; the audience of
    each submitted revision in Python, over the few states that remain (three queries).
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, TaskState

    in_groups = in_approver_groups(user, task=task)
    if not in_groups and not approves_restricted_content(user):
        return TaskState.objects.none()
    readable = (
        visible_pages(user, Page.objects.exclude(owner=user))
        .annotate(key=Cast("pk", output_field=CharField()))
        .values("key")
    )
    candidates = list(
        states.filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id__in=readable,
        )
        .exclude(workflow_state__requested_by=user)
        .exclude(revision__user=user)
        .select_related("revision")
    )
    audiences = revision_group_ids([state.revision.content for state in candidates])
    keys = reader_keys(user)
    allowed = [
        state.pk
        for state, groups in zip(candidates, audiences, strict=True)
        if ("audience_scope" not in state.revision.content or keys & groups)
        and (in_groups or is_restricted(state.revision.content))
    ]
    return TaskState.objects.filter(pk__in=allowed)


def may_see_submission(user, *, page) -> bool:
    """Whether ``user`` may see ``page``'s submission at all in the workflow's admin views.

    Its authors always may (they keep sight of what they wrote); anyone else must be
    able to read both the page and the revision under review. Others get a 404.
    """
    from wagtail.models import Page

    if not getattr(user, "is_active", False):
        return False
    task_state = page.current_workflow_task_state
    if is_author(user, page=page, task_state=task_state):
        return True
    if not visible_pages(user, Page.objects.filter(pk=page.pk)).exists():
        return False
    revision = task_state.revision if task_state else page.get_latest_revision()
    return reads_revision(user, page=page, revision=revision)


def may_create_guide(user, parent) -> bool:
    """Whether ``user`` may add a guide below ``parent`` (the knowledge index, a space).

    Wagtail decides: the page type must be allowed there and the user needs the ``add``
    permission on the parent (office staff have it on /wissen/, decision 0011), plus
    access to the admin, where guides are written.
    """
    from .models import GuidePage

    if not getattr(user, "is_active", False) or parent is None:
        return False
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    if not GuidePage.can_create_at(parent):
        return False
    return parent.permissions_for_user(user).can_add_subpage()


def guide_add_url(parent) -> str:
    """The admin's "new guide" form below ``parent``."""
    from .models import GuidePage

    meta = GuidePage._meta
    return reverse("wagtailadmin_pages:add", args=(meta.app_label, meta.model_name, parent.pk))


def may_approve_guides(user) -> bool:
    """Whether ``user`` takes part in approving guides (the network coordination).

    Who may act on a single submission is Wagtail's task (``approvals_waiting_for``);
    this only says whether the inbox shows the approvals line at all.
    """
    return bool(getattr(user, "is_active", False)) and user.has_role(Role.COORDINATOR)


def may_see_review_list(user) -> bool:
    return user.is_active and user.has_role(*REVIEW_LIST_ROLES)

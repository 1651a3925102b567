"""Reads for working-group spaces and the toolkit, each through the audience rule.

Query counts do not grow with the number of members, items or sections: visibility
is resolved in bulk (one semi-join per kind), never per item.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from abhnetz.accounts.models import User
from abhnetz.audiences.models import AudienceMixin
from abhnetz.audiences.rules import reader_keys, visible_to
from abhnetz.core import hooks as shell_hooks
from knowledge.models import KnowledgePage

from . import permissions
from .models import JoinRequest, WorkingGroupPage

# Later apps (events, discussions) add their part of a space through this hook; see
# ``space_hook_sections`` and docs/decisions/0013-working-group-spaces.md.
SPACE_SECTIONS_HOOK = shell_hooks.SPACE_SECTION


@dataclass
class SpaceSummary:
    page: WorkingGroupPage
    is_member: bool


def space_overview(user, index) -> list[SpaceSummary]:
    """The live spaces under ``index`` with their groups; 1 query."""
    keys = reader_keys(user)
    spaces = (
        WorkingGroupPage.objects.live()
        .child_of(index)
        .select_related("working_group")
        .order_by("title")
    )
    return [SpaceSummary(page, page.working_group.group_id in keys) for page in spaces]


def space_members(working_group) -> list[User]:
    """Active members of the group (the users in its Django group), with organisations."""
    return list(
        User.objects.filter(is_active=True, groups=working_group.group_id)
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )


def space_pages(user, space: WorkingGroupPage):
    """Live knowledge pages of the group the reader may see: inside the space, or for it.

    "For it" means the group is named in the page's audience (wherever the page lives).
    """
    through = KnowledgePage.audience_working_groups.through
    names_group = Exists(
        through.objects.filter(
            knowledgepage_id=OuterRef("pk"), workinggroup_id=space.working_group_id
        )
    )
    pages = (
        KnowledgePage.objects.live()
        .filter(Q(path__startswith=space.path, depth__gt=space.depth) | names_group)
        .select_related("organisation", "content_type")
        .order_by("-last_published_at", "-pk")
    )
    return visible_to(user, pages).prefetch_related(
        "audience_organisations", "audience_working_groups"
    )


# How many of a group's documents its space lists.
SPACE_DOCUMENTS = 20


def space_documents(user, space: WorkingGroupPage) -> list:
    """Documents whose audience names the group and that ``user`` may download (1 query).

    Marked as checked for the reader, so ``{% document_link %}`` costs no query each.
    """
    from knowledge.documents.selectors import documents_for, mark_checked

    documents = list(
        documents_for(user)
        .filter(audience_working_groups=space.working_group_id)
        .order_by("title", "pk")[:SPACE_DOCUMENTS]
    )
    mark_checked(user, documents)
    return documents


@dataclass
class ContentGroup:
    """Pages of one kind (guides, minutes …) in a space."""

    heading: str
    items: list = field(default_factory=list)


def group_by_kind(pages) -> list[ContentGroup]:
    groups: dict[str, ContentGroup] = {}
    for page in pages:
        label = str(page.content_type.model_class()._meta.verbose_name_plural)
        groups.setdefault(label, ContentGroup(label)).items.append(page)
    return sorted(groups.values(), key=lambda group: group.heading)


def space_hook_sections(user, space: WorkingGroupPage) -> list[dict]:
    """What other apps add to a space (events, discussions …).

    Each function registered for ``abhnetz_working_group_space_sections`` is called as
    ``fn(user=user, working_group=wg, page=space)`` and returns ``None`` or a dict
    ``{"heading": str, "items": [{"title": str, "url": str, "meta": str}], "more_url": str}``
    with only what ``user`` may see (filtered with the audience rule in bulk).
    """
    return shell_hooks.collect_sections(
        SPACE_SECTIONS_HOOK, user=user, working_group=space.working_group, page=space
    )


def space_context(request, space: WorkingGroupPage) -> dict:
    """Everything the space's template shows, with the reader's may_* flags."""
    user = request.user
    working_group = space.working_group
    is_member = working_group.group_id in reader_keys(user)
    pending = JoinRequest.objects.pending().filter(working_group=working_group)
    may_decide = permissions.may_decide(user, working_group)
    own_request = None if is_member else pending.filter(user=user).first()
    return {
        "working_group": working_group,
        "coordinator": working_group.coordinator,
        "members": space_members(working_group),
        "content_groups": group_by_kind(space_pages(user, space)),
        "documents": space_documents(user, space),
        "hook_sections": space_hook_sections(user, space),
        "is_member": is_member,
        "own_request": own_request,
        "may_join": own_request is None and permissions.may_ask_to_join(user, working_group),
        "join_blocked_for_board": permissions.board_may_not_join(user, working_group),
        "may_decide": may_decide,
        "pending_count": pending.count() if may_decide else 0,
        "manage_members_url": (
            reverse("wagtailsnippets_organisations_workinggroup:edit", args=[working_group.pk])
            if user.has_perm("organisations.change_workinggroup")
            else ""
        ),
    }


def decidable_requests(user, *, working_group=None):
    """Pending requests ``user`` may decide, oldest first (optionally of one group)."""
    requests = JoinRequest.objects.pending().for_listing()
    if working_group is not None:
        requests = requests.filter(working_group=working_group)
    if not permissions.is_network_coordinator(user):
        requests = requests.filter(working_group__coordinator=user)
    return requests


# --- the toolkit ---------------------------------------------------------------------


@dataclass
class ToolkitItem:
    kind: str  # "page" or "document"
    title: str
    url: str
    label: str
    summary: str = ""


@dataclass
class ToolkitSection:
    heading: str
    text: str
    items: list[ToolkitItem]


def _raw_sections(toolkit) -> list[dict]:
    return [child["value"] for child in toolkit.sections.raw_data if child["type"] == "section"]


def visible_documents(user, ids) -> dict:
    """The documents among ``ids`` that ``user`` may see, by id, in one query.

    The documents app answers when it offers its helper; otherwise the rule is applied
    here: ``visible_to`` when the document model carries an audience, else only
    documents outside any private collection.
    """
    try:
        from knowledge.documents.selectors import visible_documents as documents_app_helper
    except ImportError:
        documents_app_helper = None
    if documents_app_helper is not None:
        return documents_app_helper(user, ids)

    from wagtail.documents import get_document_model
    from wagtail.models import CollectionViewRestriction

    document_model = get_document_model()
    documents = document_model.objects.filter(pk__in=ids).select_related("collection")
    if issubclass(document_model, AudienceMixin):
        return {document.pk: document for document in visible_to(user, documents)}
    # a restriction on a collection covers its descendants too
    restricted = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    return {
        document.pk: document
        for document in documents
        if not any(document.collection.path.startswith(path) for path in restricted)
    }


def toolkit_sections(request, toolkit) -> list[ToolkitSection]:
    """The toolkit's sections with only the items the reader may see; fixed queries.

    Reads the stream's raw ids, so no block fetches its item on its own: one query for
    the visible pages, one for the visible documents.
    """
    user = request.user
    raw = _raw_sections(toolkit)
    wanted: dict[str, set[int]] = defaultdict(set)
    for section in raw:
        for item in section.get("items") or []:
            if item.get("value"):
                wanted[item["type"]].add(item["value"])
    pages = {}
    if wanted["page"]:
        pages = visible_to(
            user,
            KnowledgePage.objects.live()
            .filter(pk__in=wanted["page"])
            .select_related("content_type"),
        ).in_bulk()
    documents = visible_documents(user, wanted["document"]) if wanted["document"] else {}
    sections = []
    for section in raw:
        items = []
        for item in section.get("items") or []:
            if item["type"] == "page" and (page := pages.get(item["value"])):
                items.append(
                    ToolkitItem(
                        "page", page.title, page.get_url(request), page.kind_label, page.summary
                    )
                )
            elif item["type"] == "document" and (document := documents.get(item["value"])):
                items.append(
                    ToolkitItem("document", document.title, document.url, _document_label(document))
                )
        heading = step_heading(section.get("heading", ""))
        sections.append(ToolkitSection(heading, section.get("text", ""), items))
    return sections


# "1. ", "2) ", "Schritt 3: " typed at the start of a heading: the list numbers the steps.
STEP_NUMBER = re.compile(r"^\s*(?:schritt\s+)?\d+\s*[.):]\s*", re.IGNORECASE)


def step_heading(heading: str) -> str:
    """A step's heading without the number an editor typed (the toolkit's list numbers it)."""
    return STEP_NUMBER.sub("", heading, count=1) or heading


def _document_label(document) -> str:
    from django.utils.translation import gettext

    extension = document.file_extension.upper()
    if not extension:
        return gettext("Document")
    return gettext("Document (%(type)s)") % {"type": extension}

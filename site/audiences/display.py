"""Words for an audience: what the badge and the preview say.

The badge is the same wherever it appears: a list or page renders it from the object's
fields (``badge_for_object``), the search from the keys its index stored for the hit
(``badges_for_keys``); both end in ``describe`` and ``audiences/badge.html``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from .models import AudienceScope


def describe(*, scope: str, organisations, working_groups, advisory_board: bool) -> str:
    if scope == AudienceScope.NETWORK:
        if advisory_board:
            return _("the whole network, including the integration advisory board")
        return _("the whole network (without the integration advisory board)")
    if scope == AudienceScope.OFFICES:
        return _("foreign nationals offices and network coordination only")
    names = [str(o) for o in organisations] + [str(w) for w in working_groups]
    text = ", ".join(names) if names else _("nobody yet")
    if advisory_board:
        return str(format_lazy("{} {}", text, _("and the integration advisory board")))
    return text


def describe_object(obj) -> str:
    """Uses prefetched relations when the queryset brought them (no query per item)."""
    return describe(
        scope=obj.audience_scope,
        organisations=obj.audience_organisations.all(),
        working_groups=obj.audience_working_groups.all(),
        advisory_board=obj.audience_advisory_board,
    )


@dataclass(frozen=True)
class Badge:
    """ "Sichtbar für: …": the words and whether the audience is narrower than the network."""

    description: str
    restricted: bool


def badge_for_object(obj) -> Badge:
    return Badge(
        description=describe_object(obj),
        restricted=obj.audience_scope != AudienceScope.NETWORK,
    )


def badges_for_keys(audiences: dict) -> dict:
    """``{ref: (scope, stored keys)}`` → ``{ref: Badge}``, for search hits (3 queries).

    The keys are what ``audience_store`` stored ("g<group id>", "u<user id>"), so the
    organisations, working groups and board flag read from them are the object's own.
    Scopes that are not an audience (people, organisations: "member") get no badge.
    """
    from abhnetz.accounts.roles import Role
    from abhnetz.organisations.models import Organisation, WorkingGroup

    from .rules import role_group_ids

    def group_ids(keys) -> set[int]:
        return {int(key[1:]) for key in keys if key.startswith("g") and key[1:].isdigit()}

    groups = set().union(*(group_ids(keys) for _scope, keys in audiences.values()))
    board, organisations, working_groups = set(), [], []
    if groups:
        board = set(role_group_ids(Role.ADVISORY_BOARD))
        organisations = list(Organisation.objects.filter(group_id__in=groups))
        working_groups = list(WorkingGroup.objects.filter(group_id__in=groups))
    badges = {}
    for ref, (scope, keys) in audiences.items():
        if scope not in AudienceScope.values:
            continue
        ids = group_ids(keys)
        badges[ref] = badge_for_scope(
            scope,
            [org for org in organisations if org.group_id in ids],
            [group for group in working_groups if group.group_id in ids],
            bool(ids & board),
        )
    return badges


def badge_for_scope(scope, organisations, working_groups, advisory_board) -> Badge:
    return Badge(
        description=describe(
            scope=scope,
            organisations=organisations if scope == AudienceScope.SELECTED else (),
            working_groups=working_groups if scope == AudienceScope.SELECTED else (),
            advisory_board=advisory_board and scope != AudienceScope.OFFICES,
        ),
        restricted=scope != AudienceScope.NETWORK,
    )

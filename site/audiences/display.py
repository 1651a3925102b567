"""Words for an audience: what the badge and the preview say."""

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

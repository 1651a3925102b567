"""May this person write or approve guides? Pure checks (no writes) on Wagtail's rights."""

from django.urls import reverse

from abhnetz.accounts.roles import Role

from .models import GuidePage


def may_create_guide(user, parent) -> bool:
    """Whether ``user`` may add a guide below ``parent`` (the knowledge index, a space).

    Wagtail decides: the page type must be allowed there and the user needs the ``add``
    permission on the parent (office staff have it on /wissen/, decision 0011), plus
    access to the admin, where guides are written.
    """
    if not getattr(user, "is_active", False) or parent is None:
        return False
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    if not GuidePage.can_create_at(parent):
        return False
    return parent.permissions_for_user(user).can_add_subpage()


def guide_add_url(parent) -> str:
    """The admin's "new guide" form below ``parent``."""
    meta = GuidePage._meta
    return reverse("wagtailadmin_pages:add", args=(meta.app_label, meta.model_name, parent.pk))


def may_approve_guides(user) -> bool:
    """Whether ``user`` takes part in approving guides (the network coordination).

    Who may act on a single submission is Wagtail's task (``approvals_waiting_for``);
    this only says whether the inbox shows the approvals line at all.
    """
    return bool(getattr(user, "is_active", False)) and user.has_role(Role.COORDINATOR)

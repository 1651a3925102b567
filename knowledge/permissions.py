"""May this person do X with a knowledge page? Pure checks (no writes), from Wagtail's rights."""


def may_edit_page(user, page) -> bool:
    """The page's "Bearbeiten" link: Wagtail lets ``user`` edit it in the admin they may reach.

    Office staff may edit the pages they own (the ``add`` permission on /wissen/),
    coordinators those under their ``publish`` permission; partners and the advisory
    board never reach the admin (docs/decisions/0011).
    """
    if not getattr(user, "is_active", False):
        return False
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    return page.permissions_for_user(user).can_edit()

"""The audience rule in Wagtail's admin: editors find only pages they may read.

Superusers administer everything and are not narrowed; everyone else (office staff
writing guides, coordinators, moderators) sees in the explorer, the page chooser and
the admin search only pages whose audience admits them.
"""

from wagtail import hooks

from .rules import visible_pages


def _narrowed(pages, user):
    return pages if user.is_superuser else visible_pages(user, pages)


@hooks.register("construct_explorer_page_queryset")
def narrow_explorer(parent_page, pages, request):
    return _narrowed(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def narrow_page_chooser(pages, request):
    return _narrowed(pages, request.user)

"""Wagtail's bulk actions (publish, unpublish, move, delete, tags, collections) by the rule.

A bulk action names its objects as ``?id=1&id=2`` (the gate checks those) or as
``?id=all&childOf=<parent>``: every child of the parent, or with ``?q=`` every matching
descendant, or every document in the listing. Wagtail's actions then list and act on
them by its page permissions only, so an editor could publish, unpublish, move or
delete pages outside their audience and read their titles on the confirmation page;
"include descendants" reached further still. Each registered action is therefore
replaced by a subclass (same URL, same templates) that:

- finds its objects only among those the editor may read (pages by ``narrow_pages``,
  audience-carrying models such as documents and forms by ``visible_to``);
- publishes or unpublishes only readable descendants, and counts only those;
- deletes or moves a page only when the editor may read its whole subtree, since the
  subtree goes with it (the others are listed as "no permission", with their titles,
  which the editor may read);
- offers and accepts only readable destinations for a move.

Superusers administer everything and get Wagtail's actions unchanged.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_list_or_404
from wagtail import hooks
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from .admin_gate import narrow_images, narrow_pages, readable_page_ids
from .models import AudienceMixin
from .rules import visible_to

# After Wagtail's own registrations, so ours replace them in the bulk action registry.
LATER = 100


def narrow_objects(user, queryset):
    """``queryset`` narrowed to what ``user`` may read in the admin."""
    if user.is_superuser:
        return queryset
    model = queryset.model
    if issubclass(model, Page):
        return narrow_pages(user, queryset)
    if issubclass(model, AudienceMixin):
        return queryset.filter(pk__in=visible_to(user, model.objects.all()).values("pk"))
    if issubclass(model, AbstractImage):
        return narrow_images(user, queryset)
    return queryset  # users, tags, collections: no audience, Wagtail's permissions decide


class NarrowedBulkAction:
    """Finds the objects of any bulk action among those the editor may read."""

    def get_queryset(self, model, object_ids):
        # an instance method in front of Wagtail's classmethod (it is called on the view)
        objects = model.objects.filter(pk__in=object_ids)
        return get_list_or_404(narrow_objects(self.request.user, objects))


class NarrowedPageBulkAction(NarrowedBulkAction):
    """Page actions: readable descendants only, counted and acted on."""

    def readable(self, pages):
        return narrow_objects(self.request.user, pages)

    def whole_subtree_readable(self, page) -> bool:
        if self.request.user.is_superuser:
            return True
        hidden = page.get_descendants().exclude(pk__in=readable_page_ids(self.request.user))
        return not hidden.exists()


class NarrowedPublish(NarrowedPageBulkAction):
    def object_context(self, obj):
        context = super().object_context(obj)
        drafts = context["item"].get_descendants().not_live()
        context["draft_descendant_count"] = self.readable(drafts).count()
        return context

    @classmethod
    def execute_action(cls, objects, include_descendants=False, user=None, **kwargs):
        num_parents, _ = super().execute_action(objects, user=user, **kwargs)
        num_children = 0
        if not include_descendants:
            return num_parents, num_children
        for page in objects:
            drafts = page.get_descendants().not_live()
            if user is not None:
                drafts = narrow_objects(user, drafts)
            for draft in drafts.defer_streamfields().specific().iterator():
                if user is None or draft.permissions_for_user(user).can_publish():
                    revision = draft.get_latest_revision() or draft.save_revision(user=user)
                    revision.publish(user=user)
                    num_children += 1
        return num_parents, num_children


class NarrowedUnpublish(NarrowedPageBulkAction):
    def check_perm(self, page):
        # also Wagtail's check for each live descendant under "include descendants"
        return super().check_perm(page) and self.readable(Page.objects.filter(pk=page.pk)).exists()

    def object_context(self, page):
        context = super().object_context(page)
        context["live_descendant_count"] = self.readable(page.get_descendants().live()).count()
        return context


class NarrowedSubtreeAction(NarrowedPageBulkAction):
    """Delete, move and unknown page actions: the subtree goes along, so all of it."""

    def check_perm(self, page):
        return super().check_perm(page) and self.whole_subtree_readable(page)


class NarrowedMove(NarrowedSubtreeAction):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        chosen = kwargs.get("data", {}).get("chooser")
        if chosen:
            # a destination outside the audience is "not found", as the gate says for
            # ``destination_id``; a form error would show its title in the chooser
            if not str(chosen).isdigit():
                raise Http404
            if not self.readable(Page.objects.filter(pk=int(chosen))).exists():
                raise Http404
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        chooser = form.fields["chooser"]
        chooser.queryset = self.readable(chooser.queryset)
        return form


PAGE_ACTIONS = {
    "publish": NarrowedPublish,
    "unpublish": NarrowedUnpublish,
    "move": NarrowedMove,
    "delete": NarrowedSubtreeAction,
}


def narrowed(action_class: type[BulkAction]) -> type[BulkAction]:
    """The audience-narrowed subclass of one of Wagtail's bulk action classes."""
    if issubclass(action_class, PageBulkAction):
        mixin = PAGE_ACTIONS.get(action_class.action_type, NarrowedSubtreeAction)
    else:
        mixin = NarrowedBulkAction
    return type(f"Audience{action_class.__name__}", (mixin, action_class), {})


_registered = False


def register_narrowed_bulk_actions() -> None:
    """Replace every registered bulk action by its narrowed subclass (once).

    Called when the admin URLs are built, after every ``wagtail_hooks`` module has
    registered its actions; Wagtail's registry reads the hooks at the first request and
    keeps the last class per model and action, which is ours (``LATER``).
    """
    global _registered
    if _registered:
        return
    _registered = True
    for action_class in list(hooks.get_hooks("register_bulk_action")):
        if not issubclass(action_class, NarrowedBulkAction):
            hooks.register("register_bulk_action", narrowed(action_class), order=LATER)

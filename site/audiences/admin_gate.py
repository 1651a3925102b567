"""The audience rule for every Wagtail admin address that names a page, document or image.

Wagtail's admin has dozens of views taking a page id (edit, preview, view draft, history,
revisions, compare, usage, workflow history and actions, lock, copy, move, delete, the
chooser's parent browsing, the admin API's detail and actions, bulk actions) and a few
taking a document or an image id. Wagtail offers ``before_*_page`` hooks for only some
of them, and a view added by the next Wagtail release would slip past a list of hooks.
So one gate looks at the resolved URL instead: whatever view answers, a page or
document outside the editor's audience (an image: outside where it is used,
decisions/0070) is "not found", exactly like a missing one. Lists are narrowed by hooks
and narrowed views (wagtail_hooks.py, admin_views.py); this gate covers addresses.

Superusers administer everything and pass (docs/decisions/0009).
"""

from __future__ import annotations

from django.apps import apps
from django.http import Http404
from django.views.defaults import page_not_found
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from .rules import visible_images, visible_pages, visible_to

ADMIN_PREFIX = "/admin/"

# URL keyword arguments of Wagtail's admin that carry a page id.
PAGE_KWARGS = frozenset(
    {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}
)
# ... and those that carry a document id (in the documents' own URL namespaces).
DOCUMENT_KWARGS = frozenset({"document_id", "doc_id"})
# ... and those that carry an image id.
IMAGE_KWARGS = frozenset({"image_id"})
# Views whose ``pk`` is a document. (The admin API's detail and action views find their
# object in the narrowed API querysets and answer the API's own 404.)
DOCUMENT_PK_VIEWS = ("wagtaildocs_chooser:chosen",)
IMAGE_PK_VIEWS = ("wagtailimages_chooser:chosen",)
# Views that take the ids as ``?id=1&id=2`` (multiple choice, bulk actions).
PAGE_ID_LIST_VIEWS = frozenset({"wagtailadmin_choose_page_chosen_multiple"})
DOCUMENT_ID_LIST_VIEWS = frozenset({"wagtaildocs_chooser:chosen_multiple"})
IMAGE_ID_LIST_VIEWS = frozenset({"wagtailimages_chooser:chosen_multiple"})
# Views that name their object by model and id (``app_label``/``model_name``).
MODEL_VIEWS = frozenset({"wagtail_bulk_action", "wagtailadmin_editing_sessions:ping"})


def readable_page_ids(user):
    """The ids of the pages ``user`` may read, as a subquery.

    A ``pk__in`` subquery rather than ``visible_pages``' EXISTS, because Wagtail's search
    backends (admin search, choosers, the API's ``?search=``) cannot filter by EXISTS.
    """
    return visible_pages(user, Page.objects.all()).values("pk")


def narrow_pages(user, pages):
    """``pages`` as the admin may list them to ``user`` (search backends included)."""
    if user.is_superuser:
        return pages
    return pages.filter(pk__in=readable_page_ids(user))


def narrow_documents(user, documents):
    """``documents`` narrowed to their own audience (search backends included)."""
    if user.is_superuser:
        return documents
    return documents.filter(pk__in=visible_to(user, documents.model.objects.all()).values("pk"))


def narrow_images(user, images):
    """``images`` narrowed to where they are used (search backends included)."""
    if user.is_superuser:
        return images
    return images.filter(pk__in=visible_images(user, images.model.objects.all()).values("pk"))


def _ids(values) -> set[int]:
    ids = set()
    for value in values:
        try:
            ids.add(int(value))
        except (TypeError, ValueError):
            raise Http404 from None
    return ids


def _require(user, queryset, ids: set[int]) -> None:
    """404 unless every id names an object ``user`` may read (missing ones included)."""
    if ids and queryset.filter(pk__in=ids).count() != len(ids):
        raise Http404


def _named_model(kwargs):
    try:
        return apps.get_model(kwargs.get("app_label", ""), kwargs.get("model_name", ""))
    except (LookupError, ValueError):
        return None


def guard(request, view_args, view_kwargs) -> None:
    """Raise 404 when the admin address names a page, document or image outside the audience."""
    match = request.resolver_match
    user = request.user
    if match is None or not user.is_authenticated or user.is_superuser:
        return
    if not user.has_perm("wagtailadmin.access_admin"):
        return  # Wagtail turns them away alike, whatever the address names
    name = match.view_name or ""
    page_ids = _ids(value for key, value in view_kwargs.items() if key in PAGE_KWARGS)
    document_ids = _ids(value for key, value in view_kwargs.items() if key in DOCUMENT_KWARGS)
    image_ids = _ids(value for key, value in view_kwargs.items() if key in IMAGE_KWARGS)
    if name.startswith(DOCUMENT_PK_VIEWS) and "pk" in view_kwargs:
        document_ids |= _ids([view_kwargs["pk"]])
    if name.startswith(IMAGE_PK_VIEWS) and "pk" in view_kwargs:
        image_ids |= _ids([view_kwargs["pk"]])
    if name == "wagtailadmin_pages:revisions_compare" and view_args:
        page_ids |= _ids(view_args[:1])  # a regex route: the page id comes first
    if name in PAGE_ID_LIST_VIEWS:
        page_ids |= _ids(request.GET.getlist("id"))
    if name in DOCUMENT_ID_LIST_VIEWS:
        document_ids |= _ids(request.GET.getlist("id"))
    if name in IMAGE_ID_LIST_VIEWS:
        image_ids |= _ids(request.GET.getlist("id"))
    model = _named_model(view_kwargs) if name in MODEL_VIEWS else None
    if model is not None and issubclass(model, (Page, get_document_model(), get_image_model())):
        if "object_id" in view_kwargs:
            ids = _ids([view_kwargs["object_id"]])
        else:  # bulk actions: ``id=all`` acts on the children of ``childOf``
            listed = [value for value in request.GET.getlist("id") if value != "all"]
            ids = _ids(listed + request.GET.getlist("childOf"))
        if issubclass(model, Page):
            page_ids |= ids
        elif issubclass(model, get_image_model()):
            image_ids |= ids
        else:
            document_ids |= ids
    _require(user, narrow_pages(user, Page.objects.all()), page_ids)
    document_model = get_document_model()
    _require(user, narrow_documents(user, document_model.objects.all()), document_ids)
    image_model = get_image_model()
    _require(user, narrow_images(user, image_model.objects.all()), image_ids)


class AdminAudienceGateMiddleware:
    """Runs ``guard`` before every admin view (after login and the second factor)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(ADMIN_PREFIX):
            return None
        try:
            guard(request, view_args, view_kwargs)
        except Http404:
            # the very answer Wagtail's admin gives for a missing page or document
            return page_not_found(request, "", template_name="wagtailadmin/404.html")
        return None

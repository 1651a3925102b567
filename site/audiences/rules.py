"""The audience rule: the one place that answers "who may read this?".

Nothing else in the code answers it. Every list, count, feed, e-mail and search
query goes through ``visible_to`` or ``reader_keys``; every single object through
``can_view`` or ``access_or_404``.

An audience is stored as a set of group ids (see ``audience_group_ids``); a reader's
keys are the ids of their groups: their roles, their organisation and their working
groups. A reader sees an object when one of their keys is in its audience, or when
they wrote it.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

# who "the whole network" and "offices only" are (abhnetz.accounts.roles)
from abhnetz.accounts.roles import NETWORK_ROLES, OFFICE_ROLES, Role

from .models import AudienceEntry, AudienceMixin, AudienceScope


def audience_content_type(model_or_obj) -> ContentType:
    """The content type audience entries are stored under (pages share Page's)."""
    from wagtail.models import Page

    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    if issubclass(model, Page):
        model = Page
    return ContentType.objects.get_for_model(model)


def role_group_ids(*roles: Role) -> list[int]:
    from abhnetz.accounts.models import RoleGroup

    return list(RoleGroup.objects.filter(slug__in=roles).values_list("group_id", flat=True))


def reader_keys(user) -> frozenset[int]:
    """The group ids that open content to ``user``; empty for anonymous or inactive users.

    One query, cached on the user object for the request.
    """
    if user is None or isinstance(user, AnonymousUser) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_audience_reader_keys", None)
    if cached is None:
        # two indexed lookups in a UNION: one filter with OR joined every membership and
        # every member of every organisation (4 ms at 3,000 people, on every page)
        cached = frozenset(
            # their roles and working groups (Django group membership) ...
            Group.objects.filter(user=user)
            .values_list("id", flat=True)
            # ... and the group of the organisation they work for
            .union(Group.objects.filter(organisation__members=user).values_list("id", flat=True))
        )
        user._audience_reader_keys = cached
    return cached


def forget_reader_keys(user) -> None:
    """Drop the cached keys after a membership change within the same request."""
    user.__dict__.pop("_audience_reader_keys", None)
    user.__dict__.pop("_role_slugs", None)


def _entries_for(user, content_type: ContentType) -> models.QuerySet:
    keys = reader_keys(user)
    # a key of theirs is in the audience ...
    condition = Q(group_id__in=keys)
    # ... or they wrote it
    condition |= Q(user_id=user.pk)
    return AudienceEntry.objects.filter(condition, content_type=content_type)


def visible_to(user, queryset: models.QuerySet) -> models.QuerySet:
    """``queryset`` narrowed to what ``user`` may read, in one semi-join."""
    if not issubclass(queryset.model, AudienceMixin):
        raise TypeError(f"{queryset.model.__name__} carries no audience.")
    if not getattr(user, "is_active", False):
        return queryset.none()
    entries = _entries_for(user, audience_content_type(queryset.model))
    return queryset.filter(Exists(entries.filter(object_id=OuterRef("pk"))))


def visible_to_groups(group_ids, queryset: models.QuerySet) -> models.QuerySet:
    """``queryset`` narrowed to what the groups ``group_ids`` open, for fragments shared by
    everyone with those groups (abhnetz.core.fragments): without the author's own
    admission, which belongs to one person only."""
    if not issubclass(queryset.model, AudienceMixin):
        raise TypeError(f"{queryset.model.__name__} carries no audience.")
    if not group_ids:
        return queryset.none()
    entries = AudienceEntry.objects.filter(
        content_type=audience_content_type(queryset.model),
        group_id__in=sorted(group_ids),
        object_id=OuterRef("pk"),
    )
    return queryset.filter(Exists(entries))


def authored_by(user, queryset: models.QuerySet) -> models.QuerySet:
    """What ``user`` may read as its author (the stored audience names them): the
    person's own part beside a fragment shared through ``visible_to_groups``."""
    if not issubclass(queryset.model, AudienceMixin):
        raise TypeError(f"{queryset.model.__name__} carries no audience.")
    if not getattr(user, "is_active", False):
        return queryset.none()
    entries = AudienceEntry.objects.filter(
        content_type=audience_content_type(queryset.model),
        user_id=user.pk,
        object_id=OuterRef("pk"),
    )
    return queryset.filter(Exists(entries))


# Audience keys as the search index stores them: "g<group id>" for a group,
# "u<user id>" for the author, "member" for what every signed-in member may find
# (organisations, people). The index filters by these inside the backend.
MEMBER_KEY = "member"


def entry_key(group_id: int | None, user_id: int | None) -> str:
    return f"g{group_id}" if group_id else f"u{user_id}"


def search_reader_keys(user) -> frozenset[str]:
    """The index keys that open documents to ``user``; empty for anonymous or inactive."""
    if not getattr(user, "is_active", False):
        return frozenset()
    return frozenset(
        {MEMBER_KEY, f"u{user.pk}"} | {f"g{group_id}" for group_id in reader_keys(user)}
    )


def document_keys(obj: AudienceMixin) -> frozenset[str]:
    """The stored audience of ``obj`` as index keys (nothing stored: nobody)."""
    return document_keys_many([obj])[obj.pk]


def document_keys_many(objs) -> dict[int, frozenset[str]]:
    """``document_keys`` of many objects of one content type, in one query: {pk: keys}.

    For the index build (``Indexer.documents_many``); pages share Page's content type,
    so pages of different types may be mixed.
    """
    objs = list(objs)
    if not objs:
        return {}
    content_types = {audience_content_type(obj) for obj in objs}
    if len(content_types) > 1:
        raise ValueError("document_keys_many takes objects of one content type.")
    keys: dict[int, set[str]] = {obj.pk: set() for obj in objs}
    for object_id, group_id, user_id in AudienceEntry.objects.filter(
        content_type=content_types.pop(), object_id__in=list(keys)
    ).values_list("object_id", "group_id", "user_id"):
        keys[object_id].add(entry_key(group_id, user_id))
    return {pk: frozenset(found) for pk, found in keys.items()}


def audience_source(obj: AudienceMixin) -> tuple[int, int]:
    """Where ``obj``'s stored audience lives: (content type id, object id)."""
    return (audience_content_type(obj).pk, obj.pk)


def visible_pages(user, pages: models.QuerySet) -> models.QuerySet:
    """Any Wagtail page queryset (mixed types) narrowed to what ``user`` may read.

    Pages without a stored audience (index pages, legal pages) stay; pages with one
    must admit the reader. For the admin's explorer, chooser and search, which list
    pages of every type together.
    """
    from wagtail.models import Page

    if not getattr(user, "is_active", False):
        return pages.none()
    content_type = audience_content_type(Page)
    stored = AudienceEntry.objects.filter(content_type=content_type, object_id=OuterRef("pk"))
    admitted = _entries_for(user, content_type).filter(object_id=OuterRef("pk"))
    return pages.filter(~Exists(stored) | Exists(admitted))


def can_view(user, obj: AudienceMixin) -> bool:
    if not isinstance(obj, AudienceMixin):
        raise TypeError(f"{type(obj).__name__} carries no audience.")
    if obj.pk is None or not getattr(user, "is_active", False):
        return False
    return _entries_for(user, audience_content_type(obj)).filter(object_id=obj.pk).exists()


def access_or_404(user, queryset: models.QuerySet, **lookup):
    """The object if ``user`` may read it; the same 404 whether missing or not allowed."""
    try:
        return visible_to(user, queryset).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def audience_group_ids(
    *,
    scope: str,
    organisations=(),
    working_groups=(),
    advisory_board: bool = False,
    role_ids: dict | None = None,
) -> set[int]:
    """The groups that make up an audience chosen with these fields.

    ``role_ids``: a dict the caller keeps while resolving many audiences at once, so
    each role set is looked up once, not once per audience.
    """

    def roles(*wanted: Role) -> set[int]:
        if role_ids is None:
            return set(role_group_ids(*wanted))
        if wanted not in role_ids:
            role_ids[wanted] = set(role_group_ids(*wanted))
        return set(role_ids[wanted])

    if scope == AudienceScope.NETWORK:
        groups = roles(*NETWORK_ROLES)
    elif scope == AudienceScope.OFFICES:
        # the board flag does not apply: offices-only is never for the board
        return roles(*OFFICE_ROLES)
    else:
        groups = {org.group_id for org in organisations}
        groups |= {wg.group_id for wg in working_groups}
    if advisory_board:
        groups |= roles(Role.ADVISORY_BOARD)
    return groups


def audience_of(obj: AudienceMixin) -> set[int]:
    return audience_group_ids(
        scope=obj.audience_scope,
        organisations=obj.audience_organisations.all(),
        working_groups=obj.audience_working_groups.all(),
        advisory_board=obj.audience_advisory_board,
    )


def readers(group_ids: set[int]):
    """Active people whose keys meet ``group_ids`` (for the preview and for mailing)."""
    from abhnetz.accounts.models import User

    return User.objects.filter(is_active=True).filter(
        Exists(Group.objects.filter(user=OuterRef("pk"), id__in=group_ids))
        | Q(organisation__group_id__in=group_ids)
    )


def readers_of(target: AudienceMixin, people: models.QuerySet) -> models.QuerySet:
    """Those of ``people`` (a user queryset) who may read ``target``: one query, any number.

    For fan-out (notifications to every follower of a topic): the same rule as
    ``can_view``, asked once for all of them instead of once per person. A page that is
    not live has no readers (an unpublished page hides what hangs under it), except that
    the author keeps sight of their draft that was never published.
    """
    from wagtail.models import Page

    from abhnetz.accounts.models import User

    if not isinstance(target, AudienceMixin):
        raise TypeError(f"{type(target).__name__} carries no audience.")
    if target.pk is None:
        return people.none()
    entries = AudienceEntry.objects.filter(
        content_type=audience_content_type(target), object_id=target.pk
    )
    if isinstance(target, Page) and not target.live:
        if target.first_published_at is not None:
            return people.none()  # unpublished
        # a draft never published: its author only
        authors = entries.filter(user__isnull=False).values("user_id")
        return people.filter(is_active=True, pk__in=authors)
    groups = entries.filter(group__isnull=False).values("group_id")
    memberships = User.groups.through.objects.filter(user_id=OuterRef("pk"), group_id__in=groups)
    return people.filter(is_active=True).filter(
        # one of their groups (role, working group) is in the audience ...
        Exists(memberships)
        # ... or their organisation's group is ...
        | Q(organisation__group_id__in=groups)
        # ... or they wrote it
        | Q(pk__in=entries.filter(user__isnull=False).values("user_id"))
    )


def audience_content_type_ids() -> frozenset[int]:
    """The content types audience entries are stored under (every page under Page's)."""
    from django.apps import apps

    return frozenset(
        audience_content_type(model).pk
        for model in apps.get_models()
        if issubclass(model, AudienceMixin)
    )


def visible_via(
    user,
    queryset: models.QuerySet,
    *,
    target: str | None = None,
    content_type_field: str = "target_content_type",
    object_id_field: str = "target_object_id",
) -> models.QuerySet:
    """Rows that inherit their target's audience, narrowed to what ``user`` may read.

    For things without an audience of their own (answers, comments, RSVPs, poll votes,
    notifications): a row is visible when its target is, in one semi-join, with
    liveness folded in (a page that is unpublished or deleted hides its rows; a draft
    never published shows them to its author only).

    ``target`` names how a row reaches its target:

    - a foreign key (or a path of them, ``"answer__thread"``) to an
      ``AudienceMixin`` model or to a Wagtail page (any page type): an answer under
      its thread, an RSVP under its event page. A row without a target (a null key)
      is hidden;
    - a ``GenericForeignKey``; or, without ``target``, the generic pair
      ``content_type_field``/``object_id_field`` (notifications). Generic targets that
      carry no audience at all (an access request) are left to the row's own rule,
      e.g. a notification's recipient.
    """
    if not getattr(user, "is_active", False):
        return queryset.none()
    if target is not None:
        generic = _generic_foreign_key(queryset.model, target)
        if generic is None:
            return queryset.filter(_target_admits(user, queryset.model, target))
        content_type_field, object_id_field = generic.ct_field, generic.fk_field
    return queryset.filter(_generic_target_admits(user, content_type_field, object_id_field))


def under_page(
    user,
    queryset: models.QuerySet,
    page,
    *,
    content_type_field: str = "target_content_type",
    object_id_field: str = "target_object_id",
) -> models.QuerySet:
    """The rows of ``queryset`` whose generic target is ``page``, when ``user`` may read
    the page: ``visible_via`` for one known page (a page's comment footer), the page's
    rule asked once instead of as a semi-join per row."""
    from wagtail.models import Page

    if not getattr(user, "is_active", False):
        return queryset.none()
    readable = Page.objects.filter(pk=page.pk).filter(_page_admits(user, OuterRef("pk")))
    if not readable.exists():
        return queryset.none()
    return queryset.filter(
        **{
            f"{content_type_field}_id": audience_content_type(Page).pk,
            object_id_field: page.pk,
        }
    )


def _generic_foreign_key(model, name: str):
    from django.contrib.contenttypes.fields import GenericForeignKey

    for field in model._meta.private_fields:
        if isinstance(field, GenericForeignKey) and field.name == name:
            return field
    return None


def _target_model(model, path: str):
    """The model a foreign-key path (``"answer__thread"``) ends at."""
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if not field.many_to_one:
            raise TypeError(f"{model.__name__}.{name} is not a foreign key.")
        model = field.related_model
    return model


def _target_admits(user, model, path: str) -> Q:
    """A row whose foreign key ``path`` names a target ``user`` may read."""
    from wagtail.models import Page

    target_model = _target_model(model, path)
    # OuterRef("thread") is the key's column; "answer__thread" joins the answer first
    target_id = OuterRef(path)
    if issubclass(target_model, Page):
        return _page_admits(user, target_id)
    if not issubclass(target_model, AudienceMixin):
        raise TypeError(f"{target_model.__name__} carries no audience.")
    admitted = _entries_for_any_type(user).filter(
        content_type=audience_content_type(target_model), object_id=target_id
    )
    return Q(Exists(admitted))


def _page_admits(user, page_id) -> Q:
    """The page ``page_id`` is live and open to ``user`` (no stored audience, or one
    admitting them), or a draft never published that they wrote."""
    from wagtail.models import Page

    page_type = audience_content_type(Page)
    stored = AudienceEntry.objects.filter(content_type=page_type, object_id=page_id)
    admitted = _entries_for_any_type(user).filter(content_type=page_type, object_id=page_id)
    live_page = Page.objects.filter(pk=page_id, live=True)
    draft = Page.objects.filter(pk=page_id, live=False, first_published_at__isnull=True)
    own = stored.filter(user_id=user.pk)
    return (
        # live, and open to all (no stored audience) or admitting them ...
        Q(Exists(live_page)) & (~Exists(stored) | Exists(admitted))
        # ... or a draft never published, for its author
        | Q(Exists(draft)) & Q(Exists(own))
    )


def _generic_target_admits(user, content_type_field: str, object_id_field: str) -> Q:
    from wagtail.models import Page

    page_type = audience_content_type(Page).pk
    audience_types = audience_content_type_ids()
    content_type = OuterRef(f"{content_type_field}_id")
    object_id = OuterRef(object_id_field)
    admitted = _entries_for_any_type(user).filter(content_type=content_type, object_id=object_id)
    return (
        # a page: live, and open to all or admitting them, or their own first draft ...
        Q(**{f"{content_type_field}_id": page_type}) & _page_admits(user, object_id)
        # ... another audience-carrying object admitting them ...
        | Q(**{f"{content_type_field}_id__in": audience_types - {page_type}}) & Q(Exists(admitted))
        # ... a target without an audience
        | ~Q(**{f"{content_type_field}_id__in": audience_types})
    )


def _entries_for_any_type(user) -> models.QuerySet:
    keys = getattr(user, "_audience_reader_keys", None)
    if keys is None:
        # not asked yet in this request: the keys as a subquery (the header's count on
        # every page then costs one query, not two)
        keys = Group.objects.filter(Q(user=user) | Q(organisation__members=user)).values("id")
    # a key of theirs is in the audience, or they wrote it
    return AudienceEntry.objects.filter(Q(group_id__in=keys) | Q(user_id=user.pk))


def visible_images(user, images: models.QuerySet) -> models.QuerySet:
    """Images follow where they are used (docs/decisions/0070).

    An image carries no audience of its own: it may be seen by whoever may read
    something that uses it (Wagtail's reference index: a page by the page rule, an
    audience-carrying object by its audience, a use without an audience, such as an
    organisation's logo, by every member), by its uploader and by superusers. An image
    used nowhere yet (just uploaded) stays open to members, as before. One queryset for
    the rendition view, the admin's image library, its chooser and the admin API.
    """
    from django.db.models import BigIntegerField, Case, CharField, When
    from django.db.models.functions import Cast
    from wagtail.models import ReferenceIndex

    if not getattr(user, "is_active", False):
        return images.none()
    if user.is_superuser:
        return images
    uses = ReferenceIndex.objects.filter(
        to_content_type=ReferenceIndex._get_base_content_type(images.model),
        to_object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    # the index keeps object ids as text; the rule compares them with integer keys (a
    # non-numeric id, say a UUID, names no page and no audience-carrying object)
    readable = uses.annotate(
        object_key=Case(
            When(object_id__regex=r"^[0-9]+$", then=Cast("object_id", BigIntegerField()))
        )
    ).filter(_generic_target_admits(user, "base_content_type", "object_key"))
    return images.filter(Q(uploaded_by_user=user) | ~Exists(uses) | Exists(readable))


def can_view_image(user, image) -> bool:
    """``visible_images`` for one image."""
    return visible_images(user, type(image)._default_manager.filter(pk=image.pk)).exists()

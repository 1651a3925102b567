from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField


class AudienceScope(models.TextChoices):
    NETWORK = "network", _("Whole network")
    OFFICES = "offices", _("Foreign nationals offices only")
    SELECTED = "selected", _("Selected organisations and working groups")


class AudienceMixin(models.Model):
    """Gives a piece of content an audience (Zielgruppe): the one way to carry one.

    The fields say what the author chose; the effective audience is stored as
    ``AudienceEntry`` rows (see ``abhnetz.audiences.services.audience_store``) so that
    lists, counts and search filter with one indexed semi-join. The concrete model must
    be a ``ClusterableModel`` (every Wagtail page is one) so the choices survive
    revisions and previews.

    The stored rows are refreshed here, in ``save()``, in the same transaction as the
    row, whoever saves it (our services, Wagtail's editor, workflows, scheduled
    publishing, the snippet and document views): a narrowed audience is in force before
    the author is told "saved". A save of a few bookkeeping fields (``update_fields``
    without ``audience_scope``: Wagtail's draft revisions, a document's size and hash)
    leaves the audience alone, because the object in memory may hold a draft.
    ``abhnetz.audiences.checks`` fails for a model that carries an audience another way.
    """

    audience_scope = models.CharField(
        _("visible to"),
        max_length=10,
        choices=AudienceScope.choices,
        default=AudienceScope.NETWORK,
    )
    audience_organisations = ParentalManyToManyField(
        "organisations.Organisation",
        verbose_name=_("organisations"),
        blank=True,
        related_name="+",
    )
    audience_working_groups = ParentalManyToManyField(
        "organisations.WorkingGroup",
        verbose_name=_("working groups"),
        blank=True,
        related_name="+",
    )
    audience_advisory_board = models.BooleanField(
        _("the integration advisory board may read it"),
        default=False,
    )

    class Meta:
        abstract = True

    # Set by models whose author always keeps sight of what they wrote: the name of a
    # foreign key to the user model.
    audience_author_field: str | None = None

    def save(self, *args, **kwargs):
        from .services import audience_store

        update_fields = kwargs.get("update_fields")
        partial = update_fields is not None and "audience_scope" not in update_fields
        with transaction.atomic():
            result = super().save(*args, **kwargs)
            if not partial:
                audience_store(self)
        return result


class PageAudienceMixin(AudienceMixin):
    """The audience of a Wagtail page: what its row says (the live version, or the
    first draft of a page never published).

    Wagtail, not our services, writes pages (editing, publishing, workflows, scheduled
    publishing all end in ``save()`` of the page row), which is where the mixin stores
    the audience. Later drafts and revisions do not touch it (they save the live row
    with ``update_fields``). The page's owner keeps sight of it.
    """

    audience_author_field = "owner"

    class Meta:
        abstract = True


class AudienceEntry(models.Model):
    """One key of one object's effective audience: a group, or the author.

    ``content_type`` is the concrete model's, except for Wagtail pages, which all use
    ``wagtailcore.Page`` so one page id answers whatever its specific type.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("audience entry")
        verbose_name_plural = _("audience entries")
        indexes = [
            models.Index(fields=["content_type", "group", "object_id"], name="audience_by_group"),
            models.Index(fields=["content_type", "user", "object_id"], name="audience_by_user"),
            models.Index(fields=["content_type", "object_id"], name="audience_by_object"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(group__isnull=False) | models.Q(user__isnull=False),
                name="audience_entry_has_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} → {self.group_id or self.user_id}"


class Audience:
    """An audience as chosen in a form or by a service caller, not yet stored."""

    __slots__ = ("advisory_board", "organisations", "scope", "working_groups")

    def __init__(
        self, scope=AudienceScope.NETWORK, organisations=(), working_groups=(), advisory_board=False
    ):
        self.scope = scope
        self.organisations = list(organisations)
        self.working_groups = list(working_groups)
        self.advisory_board = bool(advisory_board)

    @classmethod
    def network(cls, *, advisory_board: bool = False) -> "Audience":
        return cls(AudienceScope.NETWORK, advisory_board=advisory_board)

    @classmethod
    def offices(cls) -> "Audience":
        return cls(AudienceScope.OFFICES)

    @classmethod
    def selected(cls, *, organisations=(), working_groups=(), advisory_board=False) -> "Audience":
        return cls(AudienceScope.SELECTED, organisations, working_groups, advisory_board)

    def as_kwargs(self) -> dict:
        return {
            "scope": self.scope,
            "organisations": self.organisations,
            "working_groups": self.working_groups,
            "advisory_board": self.advisory_board,
        }

from django.contrib.auth.models import AbstractUser, Group
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from abhnetz.core import limits

from .roles import Role


class UserManager(DjangoUserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A member of the network: an account and the person's directory profile.

    Profile fields live here rather than in a second table: every page that shows an
    author shows the profile, and deleting the account deletes the profile with it.
    """

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    function = models.CharField(_("function"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    expertise = models.ManyToManyField(
        "topics.Topic",
        verbose_name=_("ask me about"),
        blank=True,
        related_name="experts",
    )
    expertise_note = models.CharField(
        _("ask me about (free text)"),
        max_length=250,
        blank=True,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        # the people directory's order, walked to its page instead of sorting everyone
        # (issue #15: 3,000 people at factor 1)
        indexes = [
            models.Index(
                fields=["last_name", "first_name", "id"],
                name="people_directory_order",
                condition=models.Q(is_active=True),
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_absolute_url(self) -> str:
        return reverse("people:detail", kwargs={"pk": self.pk})

    def has_role(self, *roles: Role) -> bool:
        """Whether the user holds any of ``roles`` (cached per user object)."""
        return bool(self.role_slugs & set(roles))

    @property
    def role_slugs(self) -> set[str]:
        if not hasattr(self, "_role_slugs"):
            self._role_slugs = set(
                RoleGroup.objects.filter(group__user=self).values_list("slug", flat=True)
            )
        return self._role_slugs


class RoleGroup(models.Model):
    """Ties a role to its Django group, so renaming the group in the admin breaks nothing."""

    slug = models.CharField(_("role"), max_length=30, choices=Role.choices, unique=True)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="role")

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.get_slug_display()


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Invitations that can still be accepted."""
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A single-use link that lets one e-mail address create an account.

    Only the SHA-256 hash of the token is stored: the link itself exists only in the
    e-mail, so a database leak does not hand out accounts.
    """

    email = models.EmailField(_("e-mail address"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.OneToOneField(
        User,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitation",
    )
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["email"])]

    def __str__(self) -> str:
        return self.email

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired


class AccessRequestStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    APPROVED = "approved", _("approved")
    DECLINED = "declined", _("declined")


class AccessRequest(models.Model):
    """Someone from a participating organisation asks for an account; a coordinator decides."""

    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_requests",
    )
    message = models.TextField(_("message"), blank=True, max_length=limits.SHORT_TEXT)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AccessRequestStatus.choices,
        default=AccessRequestStatus.PENDING,
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.TextField(
        _("reason for declining"), blank=True, max_length=limits.SHORT_TEXT
    )
    invitation = models.OneToOneField(
        Invitation,
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_request",
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} <{self.email}>"

    def get_absolute_url(self) -> str:
        return reverse("access_request_detail", kwargs={"pk": self.pk})

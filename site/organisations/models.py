from django.contrib.auth.models import Group
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from abhnetz.core import limits
from abhnetz.core.slugs import slugify


class OrganisationKind(models.TextChoices):
    OFFICE = "abh", _("Foreign nationals office")
    INTEGRATION_OFFICE = "integration", _("Integration office / commissioner")
    JOBCENTER = "jobcenter", _("Jobcenter")
    YOUTH_OFFICE = "youth", _("Youth welfare office")
    SOCIAL_OFFICE = "social", _("Social welfare office")
    HOUSING_OFFICE = "housing", _("Housing office")
    MINISTRY = "ministry", _("Ministry")
    CONSULTANCY = "consultancy", _("Consultancy / project sponsor")
    ADVISORY_BOARD = "board", _("Integration advisory board")


class State(models.TextChoices):
    BW = "BW", "Baden-Württemberg"
    BY = "BY", "Bayern"
    BE = "BE", "Berlin"
    BB = "BB", "Brandenburg"
    HB = "HB", "Bremen"
    HH = "HH", "Hamburg"
    HE = "HE", "Hessen"
    MV = "MV", "Mecklenburg-Vorpommern"
    NI = "NI", "Niedersachsen"
    NW = "NW", "Nordrhein-Westfalen"
    RP = "RP", "Rheinland-Pfalz"
    SL = "SL", "Saarland"
    SN = "SN", "Sachsen"
    ST = "ST", "Sachsen-Anhalt"
    SH = "SH", "Schleswig-Holstein"
    TH = "TH", "Thüringen"


class GroupBacked(models.Model):
    """Organisations and working groups *are* Django groups (architecture.md).

    The group is what audiences store and what a reader's keys are made of, and what
    Wagtail's page and collection privacy understand. It is created with the row so
    no organisation or working group can exist without it.
    """

    group = models.OneToOneField(Group, on_delete=models.PROTECT, editable=False, related_name="+")

    class Meta:
        abstract = True

    group_prefix = ""

    def save(self, *args, **kwargs):
        group_name = f"{self.group_prefix}{self.name}"[:150]
        if self.group_id is None:
            self.group, _created = Group.objects.get_or_create(name=group_name)
        elif self.group.name != group_name:
            Group.objects.filter(pk=self.group_id).update(name=group_name)
        super().save(*args, **kwargs)


class Organisation(GroupBacked):
    """A participating office or a partner agency; its staff are its members."""

    group = models.OneToOneField(
        Group, on_delete=models.PROTECT, editable=False, related_name="organisation"
    )
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    state = models.CharField(_("federal state"), max_length=2, choices=State.choices)
    street = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    email_domains = models.CharField(
        _("e-mail domains"),
        max_length=500,
        blank=True,
        help_text=_(
            "Comma-separated domains whose owners may request access, e.g. stadt-beispiel.de."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True, max_length=limits.TEXT)

    group_prefix = "Organisation: "

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, max_length=200)
        self.email_domains = ",".join(
            d.strip().lower().lstrip("@") for d in self.email_domains.split(",") if d.strip()
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    @property
    def is_office(self) -> bool:
        return self.kind == OrganisationKind.OFFICE

    @property
    def domain_list(self) -> list[str]:
        return [d for d in self.email_domains.split(",") if d]

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.street, f"{self.postcode} {self.city}".strip()) if line]


class WorkingGroupStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    PAUSED = "paused", _("paused")
    CLOSED = "closed", _("closed")


class WorkingGroup(GroupBacked):
    """A sub-project working group (Teilprojektgruppe); its members form its audience."""

    group = models.OneToOneField(
        Group, on_delete=models.PROTECT, editable=False, related_name="working_group"
    )
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    goal = models.TextField(_("goal"), blank=True, max_length=limits.SHORT_TEXT)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=WorkingGroupStatus.choices,
        default=WorkingGroupStatus.ACTIVE,
    )
    coordinator = models.ForeignKey(
        "accounts.User",
        verbose_name=_("coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_working_groups",
    )
    is_advisory_board = models.BooleanField(
        _("advisory board working group"),
        default=False,
        help_text=_("Members of the integration advisory board work in this group."),
    )

    group_prefix = "Arbeitsgruppe: "

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, max_length=200)
        super().save(*args, **kwargs)

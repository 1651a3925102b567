"""Factories for the test suite. Content is made through the real services."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from abhnetz.accounts.models import RoleGroup, User
from abhnetz.accounts.roles import Role
from abhnetz.audiences.models import Audience
from abhnetz.organisations.models import Organisation, OrganisationKind, State, WorkingGroup
from abhnetz.topics.models import Topic

PASSWORD = "a-long-test-password"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Ausländerbehörde Teststadt {n}")
    kind = OrganisationKind.OFFICE
    state = State.HE
    city = "Teststadt"
    email_domains = factory.Sequence(lambda n: f"teststadt{n}.example")


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    name = factory.Sequence(lambda n: f"Arbeitsgruppe {n}")
    goal = "Gemeinsam besser arbeiten."


def role_group(role: Role) -> Group:
    return RoleGroup.objects.select_related("group").get(slug=role).group


class UserFactory(factory.django.DjangoModelFactory):
    """A member with a verified e-mail address; ``role`` puts them in its group."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@teststadt.example")
    first_name = factory.Sequence(lambda n: f"Vorname{n}")
    last_name = factory.Sequence(lambda n: f"Nachname{n}")
    function = "Sachbearbeitung"
    # a member who has signed in before (a first login leads to the profile form)
    last_login = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            self.groups.add(role_group(role))

    @factory.post_generation
    def working_groups(self, create, extracted, **kwargs):
        for working_group in extracted or ():
            self.groups.add(working_group.group)


def make_announcement(
    author, *, title="Neue Öffnungszeiten", body="Ab **Montag** gilt:", audience=None
):
    from abhnetz.announcements.services import announcement_create

    return announcement_create(
        author=author, title=title, body=body, audience=audience or Audience.network()
    )

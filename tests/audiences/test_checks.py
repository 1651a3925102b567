"""The system check that every audience is carried through ``AudienceMixin``.

Forums and events add models next; the check catches one that forgets the mixin or
drops what it needs. The models here exist only inside the test (``isolate_apps``).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core import checks
from django.db import models
from django.test.utils import isolate_apps
from modelcluster.models import ClusterableModel

from abhnetz.audiences.checks import check_audience_models
from abhnetz.audiences.models import AudienceMixin, AudienceScope


class _Config:
    """Enough of an app config for the check: the models of an isolated app."""

    def __init__(self, *models):
        self.models = models

    def get_models(self):
        return self.models


def errors_for(*models) -> list[checks.CheckMessage]:
    return check_audience_models(app_configs=[_Config(*models)])


def ids(errors) -> list[str]:
    return [error.id for error in errors]


def test_the_installed_models_pass():
    assert check_audience_models() == []


@isolate_apps("abhnetz.audiences")
def test_a_model_with_the_mixin_passes():
    class Thread(AudienceMixin, ClusterableModel):
        class Meta:
            app_label = "audiences"

        author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
        audience_author_field = "author"

    class Answer(models.Model):
        class Meta:
            app_label = "audiences"

        # hangs under its thread: no audience of its own (rules.visible_via)
        thread = models.ForeignKey(Thread, on_delete=models.CASCADE)

    assert errors_for(Thread, Answer) == []


@isolate_apps("abhnetz.audiences")
def test_a_scope_field_of_its_own_fails():
    class Event(models.Model):
        class Meta:
            app_label = "audiences"

        visibility = models.CharField(max_length=10, choices=AudienceScope.choices)

    errors = errors_for(Event)
    assert ids(errors) == ["audiences.E001"]
    assert "visibility" in errors[0].msg
    assert errors[0].obj is Event


@isolate_apps("abhnetz.audiences")
def test_organisations_chosen_as_readers_fail():
    class Poll(models.Model):
        class Meta:
            app_label = "audiences"

        audience_organisations = models.ManyToManyField(
            "organisations.Organisation", related_name="+"
        )
        audience_advisory_board = models.BooleanField(default=False)

    errors = errors_for(Poll)
    assert ids(errors) == ["audiences.E001"]
    assert "audience_organisations" in errors[0].msg
    assert "audience_advisory_board" in errors[0].msg


@isolate_apps("abhnetz.audiences")
def test_a_relation_to_the_stored_entries_fails():
    class Forum(models.Model):
        class Meta:
            app_label = "audiences"

        audience_entry = models.ForeignKey("audiences.AudienceEntry", on_delete=models.CASCADE)

    class Board(models.Model):
        class Meta:
            app_label = "audiences"

        entries = GenericRelation("audiences.AudienceEntry")

    assert ids(errors_for(Forum, Board)) == ["audiences.E001", "audiences.E001"]


@isolate_apps("abhnetz.audiences")
def test_a_plain_model_with_the_mixin_fails():
    # the audience's organisations and groups are parental relations: modelcluster needed
    class Rsvp(AudienceMixin, models.Model):
        class Meta:
            app_label = "audiences"

    errors = errors_for(Rsvp)
    assert ids(errors) == ["audiences.E002"]
    assert "ClusterableModel" in errors[0].msg


@isolate_apps("abhnetz.audiences")
def test_dropping_or_redefining_a_field_of_the_mixin_fails():
    class Question(AudienceMixin, ClusterableModel):
        class Meta:
            app_label = "audiences"

        audience_advisory_board = None
        audience_working_groups = models.ManyToManyField(
            "organisations.WorkingGroup", related_name="+"
        )

    messages = " ".join(error.msg for error in errors_for(Question))
    assert "has no field 'audience_advisory_board'" in messages
    assert "redefines 'audience_working_groups'" in messages


@isolate_apps("abhnetz.audiences")
def test_an_author_field_that_is_no_user_fails():
    class Comment(AudienceMixin, ClusterableModel):
        class Meta:
            app_label = "audiences"

        written_by = models.CharField(max_length=100)
        audience_author_field = "written_by"

    class Note(AudienceMixin, ClusterableModel):
        class Meta:
            app_label = "audiences"

        audience_author_field = "nobody"

    errors = errors_for(Comment, Note)
    assert ids(errors) == ["audiences.E002", "audiences.E002"]
    assert all("audience_author_field" in error.msg for error in errors)

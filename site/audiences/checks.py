"""System check: every audience is carried through ``AudienceMixin`` (architecture.md,
"The second wave").

The audience rule can only answer for what it knows: ``visible_to``, the search index,
the fan-out and the page gate all ask ``issubclass(model, AudienceMixin)``. A model
that stores an audience its own way (a scope field of its own, a relation to the
stored entries) would be shown to everyone; one that subclasses the mixin but drops
what it needs would store nothing or the wrong thing. ``manage.py check`` (and so the
test run, ``migrate`` and ``runserver``) fails for both.
"""

from django.apps import apps
from django.conf import settings
from django.core import checks
from modelcluster.models import ClusterableModel

from .models import AudienceEntry, AudienceMixin, AudienceScope

MIXIN_FIELDS = {field.name: type(field) for field in AudienceMixin._meta.get_fields()}


# Who an audience is made of: a relation named audience… to one of these is one.
AUDIENCE_MEMBERS = {"organisations.organisation", "organisations.workinggroup", "auth.group"}


def _label(related) -> str:
    """``app_label.model`` of a relation's target, also when it is still a string."""
    if related is None:
        return ""
    if isinstance(related, str):
        return related.lower()
    return related._meta.label_lower


def _carries_audience_another_way(model) -> list[str]:
    """The fields through which ``model`` holds an audience without the mixin.

    A copy of stored keys kept for an index (the search entry's plain
    ``audience_scope`` string) is not an audience of its own and is not caught.
    """
    found = []
    for field in model._meta.get_fields():
        if field.auto_created and not field.concrete:
            continue  # reverse relations: named by the other model
        related = getattr(field, "related_model", None)
        label = _label(related)
        if label == AudienceEntry._meta.label_lower:
            # a relation to the stored entries (also a GenericRelation)
            found.append(field.name)
        elif list(getattr(field, "choices", None) or ()) == list(AudienceScope.choices):
            # a scope field of its own
            found.append(field.name)
        elif field.name.startswith("audience") and (
            label in AUDIENCE_MEMBERS or field.name == "audience_advisory_board"
        ):
            # the mixin's fields copied, or organisations/groups chosen as readers
            found.append(field.name)
    return found


def _misses_what_the_mixin_needs(model) -> list[str]:
    problems = []
    if not issubclass(model, ClusterableModel):
        problems.append(
            "is not a ClusterableModel (the audience's relations are ParentalManyToManyFields)"
        )
    for name, field_class in MIXIN_FIELDS.items():
        try:
            field = model._meta.get_field(name)
        except Exception:  # FieldDoesNotExist: removed by setting it to None
            problems.append(f"has no field {name!r}")
            continue
        if not isinstance(field, field_class):
            problems.append(f"redefines {name!r} as {type(field).__name__}")
    author = model.audience_author_field
    if author is not None:
        try:
            field = model._meta.get_field(author)
        except Exception:
            field = None
        if (
            field is None
            or not field.many_to_one
            or _label(field.related_model) != settings.AUTH_USER_MODEL.lower()
        ):
            problems.append(
                f"audience_author_field {author!r} is not a foreign key to the user model"
            )
    return problems


@checks.register(checks.Tags.models)
def check_audience_models(app_configs=None, **kwargs):
    configs = app_configs or apps.get_app_configs()
    errors = []
    for config in configs:
        for model in config.get_models():
            if model is AudienceEntry or model._meta.proxy:
                continue
            if issubclass(model, AudienceMixin):
                for problem in _misses_what_the_mixin_needs(model):
                    errors.append(
                        checks.Error(
                            f"{model._meta.label} carries an audience but {problem}.",
                            hint="Keep AudienceMixin's fields and subclass ClusterableModel "
                            "(every Wagtail page is one).",
                            obj=model,
                            id="audiences.E002",
                        )
                    )
                continue
            fields = _carries_audience_another_way(model)
            if fields:
                errors.append(
                    checks.Error(
                        f"{model._meta.label} carries an audience without AudienceMixin "
                        f"({', '.join(fields)}).",
                        hint="Subclass abhnetz.audiences.models.AudienceMixin (or "
                        "PageAudienceMixin for pages), or, for content that hangs under a "
                        "target, keep no audience and read it with rules.visible_via.",
                        obj=model,
                        id="audiences.E001",
                    )
                )
    return errors

from django.db.models import Q

from abhnetz.organisations.models import Organisation

from .display import describe
from .forms import AudiencePreviewForm
from .rules import audience_group_ids, readers


def preview_context(data) -> dict:
    """What the audience preview shows for submitted form data, before anything is saved."""
    form = AudiencePreviewForm(data)
    if not form.is_valid():
        errors = [str(e) for errs in form.errors.values() for e in errs]
        return {"errors": errors}
    fields = form.audience().as_kwargs()
    group_ids = audience_group_ids(**fields)
    people = readers(group_ids)
    organisation_names = list(
        Organisation.objects.filter(Q(members__in=people)).distinct().values_list("name", flat=True)
    )
    return {
        "description": describe(**fields),
        "reader_count": people.count(),
        "organisation_names": organisation_names,
    }

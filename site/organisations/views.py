from django.shortcuts import get_object_or_404, render

from . import selectors
from .forms import OrganisationFilterForm
from .permissions import may_see_domains


def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    filters = form.filters()
    organisations = list(selectors.organisation_directory(**filters))
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "form": form,
            "organisations": organisations,
            "is_filtered": any(filters.values()),
        },
    )


def organisation_detail(request, slug):
    organisation = get_object_or_404(selectors.organisation_for_page(), slug=slug)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "members": selectors.organisation_members(organisation),
            "show_domains": may_see_domains(request.user),
        },
    )

from django.shortcuts import get_object_or_404, render

from abhnetz.core.pagination import paginate

from . import selectors
from .forms import OrganisationFilterForm
from .permissions import may_see_domains


def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    filters = form.filters()
    # a page at a time (issue #15): a state's whole network is 60 organisations or more,
    # and the page grew with each one; each page is grouped by kind on its own
    page = paginate(request, selectors.organisation_directory(**filters))
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "form": form,
            "page": page,
            "organisations": page.object_list,
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

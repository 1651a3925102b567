from django.shortcuts import get_object_or_404, render

from abhnetz.core.pagination import paginate

from .people_forms import PersonFilterForm
from .people_selectors import people_directory, person_for_profile


def person_list(request):
    form = PersonFilterForm(request.GET or None)
    filters = form.filters()
    return render(
        request,
        "people/person_list.html",
        {
            "form": form,
            "page": paginate(request, people_directory(**filters)),
            "is_filtered": any(filters.values()),
        },
    )


def person_detail(request, pk):
    person = get_object_or_404(person_for_profile(), pk=pk)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            # the whole site asks for a login; this keeps contact data off any public copy
            "show_contact": request.user.is_authenticated,
            "is_self": person.pk == request.user.pk,
        },
    )

from django.shortcuts import get_object_or_404, render

from .models import Organisation


def organisation_list(request):
    organisations = Organisation.objects.all()
    return render(request, "organisations/organisation_list.html", {"organisations": organisations})


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    members = organisation.members.filter(is_active=True)
    return render(
        request,
        "organisations/organisation_detail.html",
        {"organisation": organisation, "members": members},
    )

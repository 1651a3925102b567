from django.shortcuts import get_object_or_404, render

from abhnetz.core.pagination import paginate

from .models import User


def person_list(request):
    people = User.objects.filter(is_active=True).select_related("organisation")
    return render(request, "people/person_list.html", {"page": paginate(request, people)})


def person_detail(request, pk):
    person = get_object_or_404(User.objects.select_related("organisation"), pk=pk, is_active=True)
    return render(request, "people/person_detail.html", {"person": person})

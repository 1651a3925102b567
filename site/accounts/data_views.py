"""My data (Meine Daten): what ABH-Netz stores about me, my profile, export and deletion."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import data_services
from .data_forms import AccountDeleteForm, ProfileForm
from .models import User


def my_data(request):
    return render(request, "accounts/my_data.html", {"person": request.user})


def profile_edit(request):
    # a copy of its own, so an invalid entry never shows up in the page header's name
    form = ProfileForm(request.POST or None, instance=User.objects.get(pk=request.user.pk))
    if request.method == "POST" and form.is_valid():
        data_services.profile_update(
            user=request.user,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            function=form.cleaned_data["function"],
            phone=form.cleaned_data["phone"],
            expertise=form.cleaned_data["expertise"],
            expertise_note=form.cleaned_data["expertise_note"],
        )
        messages.success(request, _("Your profile was saved."))
        return redirect("people:detail", pk=request.user.pk)
    return render(request, "accounts/profile_form.html", {"form": form})


@require_GET
def my_data_export(request):
    data = data_services.user_data_export(user=request.user)
    filename = f"abhnetz-meine-daten-{timezone.localdate():%Y-%m-%d}.json"
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # personal data: no shared cache may keep a copy
    response["Cache-Control"] = "private, no-store"
    return response


def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data_services.user_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account and your profile were deleted."))
        return redirect("/")
    return render(request, "accounts/my_data_delete.html", {"form": form})

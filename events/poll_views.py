"""Date polls on the front end: propose (coordinators), answer, see the matrix, close."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from abhnetz.accounts.mfa import mfa_gate
from abhnetz.audiences.rules import access_or_404

from . import poll_services
from .display import event_when
from .models import DatePoll, PollAnswer, PollResponse
from .permissions import may_coordinate
from .poll_forms import PollAnswerForm, PollCreateForm


def _slot_label(slot) -> str:
    # a slot reads like an event: 18.04.2026, 10:00–15:30 Uhr
    slot.all_day = False
    return event_when(slot)


def poll_create(request):
    if not may_coordinate(request.user):
        raise PermissionDenied
    if (response := mfa_gate(request)) is not None:
        return response
    form = PollCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        poll = poll_services.poll_create(
            by=request.user,
            title=data["title"],
            kind=data["kind"],
            series=data["series"],
            description=data["description"],
            place_address=data["place_address"],
            slots=data["slots"],
            audience=form.audience(),
            organisations=data["organisations"],
            working_groups=data["working_groups"],
        )
        messages.success(request, _("The date poll is open; those asked were told."))
        return redirect(poll.get_absolute_url())
    return render(request, "events/poll_create.html", {"form": form})


def poll_detail(request, pk: int):
    poll = access_or_404(request.user, DatePoll.objects.all(), pk=pk)
    slots = list(poll.slots.all())
    labels = {slot.pk: _slot_label(slot) for slot in slots}
    mine = PollResponse.objects.filter(poll=poll, person=request.user).first()
    initial = {}
    if mine:
        initial = {f"slot_{a.slot_id}": a.choice for a in PollAnswer.objects.filter(response=mine)}
        initial["comment"] = mine.comment
    form = PollAnswerForm(request.POST or None, slots=slots, labels=labels, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                poll_services.poll_answer(
                    poll=poll,
                    person=request.user,
                    choices=form.choices(),
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your answers are saved."))
                return redirect(poll.get_absolute_url())
        status = 400
    coordinator = may_coordinate(request.user)
    context = {"poll": poll, "form": form, "mine": mine, "may_coordinate": coordinator}
    if coordinator:
        responses, results, ranked = poll_services.poll_matrix(poll)
        for result in results:
            result.label = labels[result.slot.pk]
        context.update(responses=responses, results=results, ranked=ranked[:3])
    return render(request, "events/poll_detail.html", context, status=status)


@require_POST
def poll_close(request, pk: int):
    poll = access_or_404(request.user, DatePoll.objects.all(), pk=pk)
    if not may_coordinate(request.user):
        raise PermissionDenied
    if (response := mfa_gate(request)) is not None:
        return response
    slot = get_object_or_404(poll.slots, pk=request.POST.get("slot") or 0)
    try:
        event = poll_services.poll_close(poll=poll, slot=slot, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(poll.get_absolute_url())
    messages.success(request, _("The event is published and the invitations are sent."))
    return redirect(event.url)

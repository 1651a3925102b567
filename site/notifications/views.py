from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from abhnetz.accounts.models import User
from abhnetz.core.pagination import paginate

from .forms import PreferencesForm
from .mails import read_unsubscribe_token
from .models import Notification
from .registry import Delivery, get_kind, kinds
from .services import (
    notification_open,
    notifications_mark_all_read,
    preference_set,
    preferences_of,
)


def inbox(request):
    notifications = (
        Notification.objects.visible_to(request.user)
        .select_related("actor")
        .prefetch_related("target")
    )
    page = paginate(request, notifications)
    labels = {kind.key: kind.label for kind in kinds()}
    rows = [(n, labels.get(n.kind, n.kind)) for n in page]
    return render(request, "notifications/inbox.html", {"page": page, "rows": rows})


def open_notification(request, pk: int):
    # the same 404 for someone else's notification and one whose target I cannot read
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    return redirect(notification_open(user=request.user, notification=notification))


@require_POST
def mark_all_read(request):
    notifications_mark_all_read(user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:inbox")


@require_http_methods(["GET", "POST"])
def preferences(request):
    current = preferences_of(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        for key, delivery in form.cleaned_data.items():
            if delivery != current.get(key):
                preference_set(person=request.user, kind=key, delivery=delivery)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def _unsubscribe_target(token: str):
    try:
        person_id, key = read_unsubscribe_token(token)
    except signing.BadSignature:
        raise Http404 from None
    person = User.objects.filter(pk=person_id, is_active=True).first()
    if person is None:
        raise Http404
    if key:
        try:
            return person, [get_kind(key)]
        except LookupError:
            raise Http404 from None
    # the digest's link: every kind that comes in the digest
    digest = {k for k, delivery in preferences_of(person).items() if delivery == Delivery.DIGEST}
    return person, [kind for kind in kinds() if kind.key in digest]


# The link in the mail is the authorisation: mail programs send the one-click POST of
# RFC 8058 without a session or a CSRF token, and the only thing it can do is stop mail.
@csrf_exempt
@login_not_required
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    person, selected = _unsubscribe_target(token)
    if request.method == "POST":
        for kind in selected:
            delivery = Delivery.OFF if kind.can_turn_off else Delivery.INBOX
            preference_set(person=person, kind=kind.key, delivery=delivery)
        return render(request, "notifications/unsubscribe.html", {"kinds": selected, "done": True})
    return render(request, "notifications/unsubscribe.html", {"kinds": selected, "done": False})

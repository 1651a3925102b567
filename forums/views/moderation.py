"""Moderation on the front end: flags, the queue, hiding, locking, pinning, moving, the log.

Every moderator action needs the second factor (docs/decisions/0021): the permission
check first (404/403 for who may not act at all), then ``mfa_gate``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from abhnetz.accounts.mfa import mfa_gate
from abhnetz.core.pagination import paginate

from .. import permissions, selectors, services
from ..forms import FlagForm, MoveForm, ReasonForm
from ..models import Flag, ModerationLogEntry, Post, Thread
from .access import post_or_404, thread_or_404


def _gate(request, thread):
    if not permissions.may_moderate(request.user, thread, visible=True):
        raise PermissionDenied
    return mfa_gate(request)


def flag(request, pk):
    post = post_or_404(request.user, pk)
    if not permissions.may_flag(request.user, post, visible=True):
        raise PermissionDenied
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_create(post=post, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error.messages)
        else:
            messages.success(request, _("Thank you. A moderator will look at the post."))
            return redirect(post.get_absolute_url())
    return render(request, "forums/flag_form.html", {"form": form, "post": post})


def queue(request):
    """Open flags on posts the moderator may read."""
    if not permissions.is_moderator(request.user):
        raise PermissionDenied
    if (response := mfa_gate(request)) is not None:
        return response
    visible = Post.objects.visible_to(request.user)
    flags = (
        Flag.objects.filter(resolved_at__isnull=True, post__in=visible.values("pk"))
        .select_related("post", "post__thread", "post__author", "reporter")
        .order_by("created_at", "pk")
    )
    actions = [("hide", _("Hide")), ("dismiss", _("Dismiss the reports"))]
    return render(
        request,
        "forums/moderation_queue.html",
        {"page": paginate(request, flags), "actions": actions},
    )


def moderation_log(request):
    if not permissions.may_read_moderation_log(request.user):
        raise PermissionDenied
    if (response := mfa_gate(request)) is not None:
        return response
    threads = Thread.objects.visible_to(request.user)
    entries = ModerationLogEntry.objects.filter(thread__in=threads.values("pk")).select_related(
        "actor", "thread", "post"
    )
    return render(request, "forums/moderation_log.html", {"page": paginate(request, entries)})


@require_POST
def post_moderate(request, pk, action):
    post = post_or_404(request.user, pk)
    if (response := _gate(request, post.thread)) is not None:
        return response
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if action not in ("hide", "restore", "dismiss"):
        raise PermissionDenied
    if action == "hide":
        services.post_hide(post=post, by=request.user, reason=reason)
        messages.success(request, _("The post is hidden."))
    elif action == "restore":
        services.post_restore(post=post, by=request.user, reason=reason)
        messages.success(request, _("The post is shown again."))
    else:
        services.flag_dismiss(post=post, by=request.user, reason=reason)
        messages.success(request, _("The reports were dismissed."))
    if request.POST.get("from") == "queue":
        return redirect("forums:queue")
    return redirect(post.get_absolute_url())


THREAD_ACTIONS = {
    "lock": ("is_locked", True),
    "unlock": ("is_locked", False),
    "pin": ("is_pinned", True),
    "unpin": ("is_pinned", False),
}


@require_POST
def thread_moderate(request, pk, action):
    thread = thread_or_404(request.user, pk)
    if action not in THREAD_ACTIONS:
        raise PermissionDenied
    if (response := _gate(request, thread)) is not None:
        return response
    field, value = THREAD_ACTIONS[action]
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.thread_set_flag(
        thread=thread, by=request.user, field=field, value=value, reason=reason
    )
    messages.success(request, _("The thread was changed."))
    return redirect(thread)


def thread_move(request, pk):
    thread = thread_or_404(request.user, pk)
    if thread.is_comments:
        raise PermissionDenied
    if (response := _gate(request, thread)) is not None:
        return response
    categories = selectors.categories_for(request.user).exclude(pk=thread.category_id)
    form = MoveForm(request.POST or None, categories=categories)
    if request.method == "POST" and form.is_valid():
        services.thread_move(
            thread=thread,
            to=form.cleaned_data["category"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("The thread was moved."))
        return redirect(thread)
    return render(request, "forums/thread_move.html", {"form": form, "thread": thread})


def post_history(request, pk):
    post = post_or_404(request.user, pk)
    if (response := _gate(request, post.thread)) is not None:
        return response
    revisions = post.revisions.select_related("edited_by")
    return render(request, "forums/post_history.html", {"post": post, "revisions": revisions})

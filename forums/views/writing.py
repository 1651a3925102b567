"""Writing: new threads, replies, edits, accepting, helpful votes, following, previews."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from abhnetz.accounts.mfa import mfa_gate
from abhnetz.audiences.rules import access_or_404

from .. import permissions, services
from ..context import forum_crumbs
from ..forms import EditForm, ReplyForm, ThreadForm
from ..mentions import audience_target, scope_query, unheard_mentions
from ..models import Category
from ..services.writing import notify_target, render_post
from .access import post_or_404, thread_or_404
from .reading import thread_context


def _form_errors_from(form, error: ValidationError) -> None:
    """A service's refusal (rate limit, empty text) next to the field it concerns."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error("body", error)


def _preview(target, body: str, *, narrowed_to=()) -> dict:
    """The rendered text, and the mentioned addresses that will not be told."""
    return {
        "preview": render_post(body, target=target),
        "unheard": unheard_mentions(target, body, narrowed_to=narrowed_to),
    }


def thread_create(request, slug):
    category = access_or_404(request.user, Category.objects.all(), slug=slug)
    if not permissions.may_start_thread(request.user, category):
        raise PermissionDenied
    form = ThreadForm(
        request.POST or None,
        initial={"kind": request.GET.get("art", "question")},
        mention_scope=scope_query(category=category),
    )
    preview = {}
    if request.method == "POST":
        if "preview" in request.POST:
            preview = _preview(category, request.POST.get("body", ""))
        elif form.is_valid():
            try:
                thread = services.thread_create(
                    author=request.user,
                    category=category,
                    kind=form.cleaned_data["kind"],
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    topics=form.cleaned_data["topics"],
                )
            except ValidationError as error:
                _form_errors_from(form, error)
            else:
                messages.success(request, _("Your thread was published."))
                return redirect(thread)
    return render(
        request,
        "forums/thread_form.html",
        {
            "form": form,
            "category": category,
            "forum_crumbs": forum_crumbs(category),
            **preview,
        },
    )


@require_POST
def reply(request, pk):
    thread = thread_or_404(request.user, pk)
    form = ReplyForm(request.POST, mention_scope=scope_query(thread=thread))
    if thread.is_locked:
        # also when the form was opened before the thread was locked: the text stays
        form.is_valid()
        form.add_error(None, _("This thread is locked: it takes no more replies."))
    elif not permissions.may_reply(request.user, thread, visible=True):
        raise PermissionDenied
    elif "preview" in request.POST:
        context = thread_context(request, thread, reply_form=form)
        context.update(_preview(notify_target(thread), request.POST.get("body", "")))
        return render(request, "forums/thread_detail.html", context)
    elif form.is_valid():
        try:
            post = services.post_create(
                thread=thread, author=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Your reply was published."))
            return redirect(post.get_absolute_url())
    context = thread_context(request, thread, reply_form=form)
    # the form is on the last page
    context["page"] = context["page"].paginator.get_page(context["page"].paginator.num_pages)
    return render(request, "forums/thread_detail.html", context, status=400)


def post_edit(request, pk):
    post = post_or_404(request.user, pk)
    if not permissions.may_edit_post(request.user, post, visible=True):
        raise PermissionDenied
    if permissions.is_moderation_edit(request.user, post):
        if (response := mfa_gate(request)) is not None:
            return response
    form = EditForm(
        request.POST or None,
        initial={"body": post.body},
        mention_scope=scope_query(thread=post.thread),
    )
    preview = {}
    if request.method == "POST":
        if "preview" in request.POST:
            target = notify_target(post.thread)
            narrowed = post.narrowed_to.all() if post.is_narrowed else ()
            preview = _preview(target, request.POST.get("body", ""), narrowed_to=narrowed)
        elif form.is_valid():
            try:
                services.post_edit(post=post, by=request.user, body=form.cleaned_data["body"])
            except ValidationError as error:
                _form_errors_from(form, error)
            else:
                messages.success(request, _("The post was saved."))
                return redirect(post.get_absolute_url())
    return render(request, "forums/post_form.html", {"form": form, "post": post, **preview})


@require_POST
def answer_accept(request, pk):
    post = post_or_404(request.user, pk)
    thread = post.thread
    if not permissions.may_accept(request.user, thread, post, visible=True):
        raise PermissionDenied
    if "clear" in request.POST:
        services.answer_clear(thread=thread, by=request.user)
        messages.success(request, _("The answer is no longer marked as accepted."))
    else:
        services.answer_accept(thread=thread, post=post, by=request.user)
        messages.success(request, _("The answer was marked as accepted."))
    return redirect(post.get_absolute_url())


@require_POST
def helpful(request, pk):
    post = post_or_404(request.user, pk)
    if "withdraw" in request.POST:
        services.helpful_withdraw(post=post, by=request.user)
    else:
        if not permissions.may_vote(request.user, post, visible=True):
            raise PermissionDenied
        services.helpful_vote(post=post, by=request.user)
    return redirect(post.get_absolute_url())


@require_POST
def thread_follow(request, pk):
    thread = thread_or_404(request.user, pk)
    if "unfollow" in request.POST:
        services.thread_unfollow(thread=thread, person=request.user)
        messages.success(request, _("You no longer follow this thread."))
    else:
        services.thread_follow(thread=thread, person=request.user)
        messages.success(request, _("You follow this thread."))
    return redirect(thread)


@require_POST
def category_follow(request, slug):
    category = access_or_404(request.user, Category.objects.all(), slug=slug)
    follow = "unfollow" not in request.POST
    services.category_follow(category=category, person=request.user, follow=follow)
    return redirect(category)


@login_not_required  # checked inside: htmx would swap the login page in
@require_POST
def preview(request):
    """The rendered Markdown for the preview under a form (htmx)."""
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    # where the text is written (the form's query string), through the audience rule
    target = audience_target(request.user, request.GET)
    narrowed_to = ()
    if request.GET.get("seite") and target is not None:
        # a comment narrowed to some of the page's groups: only those are told
        chosen = set(request.POST.getlist("narrowed_to"))
        narrowed_to = [g for g in services.narrowing_choices(target) if str(g.pk) in chosen]
    return render(
        request,
        "forums/partials/preview.html",
        _preview(target, request.POST.get("body", "")[:20_000], narrowed_to=narrowed_to),
    )

"""Comments under pages: the form posts here; the list is the content footer's."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from abhnetz.audiences.rules import visible_pages

from .. import permissions, services
from ..forms import CommentForm
from ..mentions import scope_query
from ..models import Post


def _page_or_404(user, page_id):
    page = visible_pages(user, Page.objects.live()).filter(pk=page_id).first()
    if page is None or not getattr(page.specific_class, "comments_enabled", False):
        raise Http404
    return page.specific


def footer_context(request, page, form=None) -> dict:
    user = request.user
    thread = services.comment_thread_of(page, user)
    posts = []
    if thread is not None:
        posts = (
            Post.objects.in_thread(user, thread)
            .select_related("author", "author__organisation")
            .prefetch_related("narrowed_to")
            .order_by("created_at", "pk")
        )
    groups = services.narrowing_choices(page)
    return {
        "page": page,
        "thread": thread,
        "comments": posts,
        "may_comment": permissions.may_comment(user, page),
        "moderator": thread is not None and permissions.may_moderate(user, thread, visible=True),
        "form": form or CommentForm(groups=groups, mention_scope=scope_query(page=page)),
        "request": request,
    }


def render_footer(request, page, form=None) -> str:
    return render_to_string(
        "forums/comments_footer.html", footer_context(request, page, form), request=request
    )


@require_POST
def comment_create(request, page_id):
    page = _page_or_404(request.user, page_id)
    if not permissions.may_comment(request.user, page):
        raise PermissionDenied
    form = CommentForm(
        request.POST,
        groups=services.narrowing_choices(page),
        mention_scope=scope_query(page=page),
    )
    if form.is_valid():
        try:
            post = services.comment_create(
                page=page,
                author=request.user,
                body=form.cleaned_data["body"],
                narrowed_to=form.chosen_groups(),
            )
        except ValidationError as error:
            for field, errors in getattr(error, "error_dict", {"body": error}).items():
                form.add_error(field if field in form.fields else "body", errors)
        else:
            messages.success(request, _("Your comment was published."))
            return redirect(f"{page.url}#beitrag-{post.pk}")
    # the form with its errors and the typed text, on a page of its own
    return render(
        request,
        "forums/comment_form_page.html",
        {"footer": render_footer(request, page, form), "target_page": page},
        status=400,
    )

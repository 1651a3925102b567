"""Single objects through the audience rule: the same 404 for missing and not allowed."""

from django.http import Http404

from ..models import Post, Thread


def thread_or_404(user, pk, *, related=("category", "author", "organisation")) -> Thread:
    thread = Thread.objects.visible_to(user).select_related(*related).filter(pk=pk).first()
    if thread is None:
        raise Http404
    return thread


def post_or_404(user, pk) -> Post:
    post = (
        Post.objects.visible_to(user)
        .select_related("thread", "thread__category", "author")
        .filter(pk=pk)
        .first()
    )
    if post is None:
        raise Http404
    return post

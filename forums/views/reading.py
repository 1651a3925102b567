"""The forum's pages: index, lists, a thread, a post's permalink."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse

from abhnetz.audiences.rules import access_or_404
from abhnetz.core.pagination import paginate
from abhnetz.organisations.models import Organisation
from abhnetz.topics.models import Topic

from .. import permissions, selectors
from ..context import forum_crumbs
from ..forms import ReplyForm
from ..mentions import scope_query
from ..models import POSTS_PER_PAGE, Category, RoutedExpert, Thread, ThreadFollow
from .access import post_or_404, thread_or_404


def forum_index(request):
    categories = list(selectors.categories_for(request.user))
    return render(
        request,
        "forums/index.html",
        {
            "categories": categories,
            # the denormalised counts of what was loaded anyway: no extra query
            "has_threads": any(category.thread_count for category in categories),
            "open_questions": selectors.open_questions(request.user),
        },
    )


def _list_context(request, *, category=None):
    choice = selectors.ListChoice.from_query(request.GET)
    threads = selectors.thread_list(request.user, choice, category=category)
    return {
        "page": paginate(
            request, threads, count=selectors.listed_count(request.user, choice, category)
        ),
        "choice": choice,
        "filters": selectors.FILTERS,
        "sorts": {key: label for key, (label, _order) in selectors.SORTS.items()},
        # the options' two columns: every organisation is one
        "topics": Topic.objects.values("slug", "name"),
        "organisations": Organisation.objects.values("slug", "name"),
        "categories": selectors.categories_for(request.user) if category is None else (),
        "category": category,
        "forum_crumbs": forum_crumbs(),
    }


def thread_list(request):
    return render(request, "forums/thread_list.html", _list_context(request))


def category_detail(request, slug):
    category = access_or_404(request.user, Category.objects.all(), slug=slug)
    context = _list_context(request, category=category)
    context["may_start"] = permissions.may_start_thread(request.user, category)
    context["following"] = category.follows.filter(person=request.user).exists()
    return render(request, "forums/thread_list.html", context)


def thread_context(request, thread: Thread, *, reply_form=None) -> dict:
    user = request.user
    moderator = permissions.may_moderate(user, thread, visible=True)
    posts = selectors.thread_posts(user, thread, moderator=moderator)
    # the question (opening post) heads every page, then its accepted answer, then
    # the replies, 30 a page
    replies = posts.filter(is_opening=False)
    page = Paginator(replies, POSTS_PER_PAGE).get_page(request.GET.get("seite"))
    accepted = None
    if thread.accepted_post_id:
        accepted = replies.filter(pk=thread.accepted_post_id).first()
    opening = posts.filter(is_opening=True).first()
    asker = thread.author_id == user.pk
    return {
        "thread": thread,
        "page": page,
        "opening": opening,
        "accepted": accepted,
        "moderator": moderator,
        "may_reply": permissions.may_reply(user, thread, visible=True),
        "may_accept": thread.is_question and (asker or moderator),
        "following": ThreadFollow.objects.filter(thread=thread, person=user).exists(),
        "routed": (
            RoutedExpert.objects.filter(thread=thread).select_related("expert")
            if asker or moderator
            else ()
        ),
        "reply_form": reply_form or ReplyForm(mention_scope=scope_query(thread=thread)),
        "forum_crumbs": forum_crumbs(thread.category),
    }


def thread_detail(request, pk):
    thread = thread_or_404(request.user, pk)
    if thread.is_comments:
        return redirect(_page_url(thread))
    if thread.is_hidden and not permissions.may_moderate(request.user, thread, visible=True):
        return render(request, "forums/thread_hidden.html", {"thread": thread}, status=410)
    return render(request, "forums/thread_detail.html", thread_context(request, thread))


def _page_url(thread: Thread) -> str:
    from wagtail.models import Page

    page = Page.objects.get(pk=thread.target_object_id)
    return f"{page.url}#kommentare"


def post_permalink(request, pk):
    """A post's address: its thread's page on which it is shown, scrolled to it."""
    post = post_or_404(request.user, pk)
    if post.thread.is_comments:
        return redirect(_page_url(post.thread).replace("#kommentare", f"#beitrag-{post.pk}"))
    number = selectors.page_of_post(request.user, post)
    url = reverse("forums:thread", kwargs={"pk": post.thread_id})
    query = f"?seite={number}" if number > 1 else ""
    return redirect(f"{url}{query}#beitrag-{post.pk}")

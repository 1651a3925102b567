"""The forum in the shell's slots: admin, content footer, dashboard, topic and space
sections, my data, the demo."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from abhnetz.accounts.data_services import (
    BEFORE_USER_DELETE_HOOK,
    USER_DATA_EXPORT_HOOK,
    exports,
)
from abhnetz.core import fragments
from abhnetz.core import hooks as shell_hooks
from abhnetz.core.dashboard import DashboardSection

from .models import Category


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "comment"
    menu_label = _("Forum categories")
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["name", "audience_scope", "working_group", "thread_count", "position"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("position"),
        MultiFieldPanel(
            [
                FieldPanel("audience_scope"),
                FieldPanel("audience_organisations"),
                FieldPanel("audience_working_groups"),
                FieldPanel("audience_advisory_board"),
            ],
            heading=_("Visible to"),
        ),
    ]


register_snippet(CategoryViewSet)


@hooks.register(shell_hooks.CONTENT_FOOTER)
def comments_under_page(*, request, page):
    from .views.comments import render_footer

    return render_footer(request, page)


@hooks.register(shell_hooks.DASHBOARD_SECTION)
def open_questions_section(request):
    from .selectors import open_questions

    user = request.user

    def questions() -> list[dict]:
        return [
            {
                "title": thread.title,
                "url": thread.get_absolute_url(),
                "category": thread.category.name,
                "routed_to_me": thread.routed_to_me,
            }
            for thread in open_questions(user)
        ]

    return DashboardSection(
        key="questions",
        title=_("Open questions"),
        template="forums/includes/dashboard_questions.html",
        context={"questions": fragments.for_person("open_questions", user, questions)},
        empty_text=_("No open questions. Ask the network yours in the forum."),
        more_url=reverse("forums:list") + "?filter=unbeantwortet",
    )


def _thread_items(threads) -> list[dict]:
    from django.utils.translation import gettext as _g

    items = []
    for thread in threads:
        meta = _g("solved") if thread.is_solved else _g("open")
        items.append({"title": thread.title, "url": thread.get_absolute_url(), "meta": meta})
    return items


@hooks.register(shell_hooks.TOPIC_PAGE_SECTION)
def questions_on_topic(*, user, topic):
    from .models import Thread, ThreadKind

    threads = (
        Thread.objects.listed_for(user)
        .filter(kind=ThreadKind.QUESTION, topics=topic)
        .order_by("-last_activity_at", "-pk")[:5]
    )
    items = _thread_items(threads)
    if not items:
        return None
    return {
        "heading": _("Questions on this topic"),
        "items": items,
        "more_url": reverse("forums:list") + f"?thema={topic.slug}",
    }


@hooks.register(shell_hooks.SPACE_SECTION)
def working_group_category(*, user, working_group, page):
    from abhnetz.audiences.rules import visible_to

    from .models import Thread

    category = visible_to(user, Category.objects.all()).filter(working_group=working_group).first()
    if category is None:
        return None
    threads = Thread.objects.listed_for(user).filter(category=category)[:5]
    return {
        "heading": _("Forum of the working group"),
        "items": _thread_items(threads),
        "more_url": category.get_absolute_url(),
    }


@hooks.register(USER_DATA_EXPORT_HOOK)
@exports(
    "forums.Thread.author",
    "forums.Post.author",
    "forums.PostRevision.edited_by",
    "forums.HelpfulVote.person",
    "forums.ThreadFollow.person",
    "forums.CategoryFollow.person",
    "forums.RoutedExpert.expert",
    "forums.Flag.reporter",
    "forums.Flag.resolved_by",
    "forums.ModerationLogEntry.actor",
)
def export_forum(user):
    from .data import forum_export

    return "forum", forum_export(user)


@hooks.register(BEFORE_USER_DELETE_HOOK)
def forget_forum_votes(user):
    from .data import forum_forget

    forum_forget(user)


@hooks.register(shell_hooks.SEED_DEMO, order=60)
def seed_demo_forum(demo):
    from .demo import seed_forum

    seed_forum(demo)


@hooks.register(shell_hooks.SEED_SCALE)
def seed_scale(network):
    """Categories, threads and posts of the benchmark network (manage.py seed_scale)."""
    from .scale import seed

    seed(network)


@hooks.register(shell_hooks.BENCH_PAGES)
def bench_pages(context) -> list[dict]:
    """The benchmark's forum pages (bench/pages.py): a long thread, a category, a reply."""
    from abhnetz.audiences.rules import visible_to

    from .models import Thread

    office = context["people"]["office"]
    threads = visible_to(office, Thread.objects.filter(category__isnull=False, is_locked=False))
    thread = threads.filter(reply_count__gte=29).order_by("pk").first() or threads.first()
    if thread is None:
        return []
    return [
        {"name": "forum index", "path": reverse("forums:index"), "role": "office"},
        {"name": "category list", "path": thread.category.get_absolute_url(), "role": "office"},
        {"name": "thread page (30 posts)", "path": thread.get_absolute_url(), "role": "office"},
        {
            "name": "posting a reply",
            "path": reverse("forums:reply", args=[thread.pk]),
            "form": thread.get_absolute_url(),
            "method": "POST",
            "data": {"body": "Danke, so machen wir es bei uns auch: Termin vorab bestätigen."},
            "ok": [302],
            "role": "office",
        },
    ]

"""The forum: categories, threads (discussions and questions), posts, and what hangs on them.

Visibility (docs/forums.md):
- a category carries an audience (``AudienceMixin``); a thread in it carries the same
  audience, copied when it is started or moved and when the category's audience changes,
  so lists, counts and search filter threads with one semi-join;
- a thread under a page (the comments under a guide or minutes) has no category; it
  follows its page (``target``, stored as the page's audience source) through
  ``visible_via``, so it is hidden with the page when that is unpublished or narrowed;
- posts inherit their thread's audience; a comment may be narrowed further to some
  groups (never wider: the thread's rule applies as well).
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel

from abhnetz.audiences.models import AudienceMixin
from abhnetz.core import limits
from abhnetz.core.slugs import slugify

from .querysets import PostQuerySet, ThreadQuerySet

POSTS_PER_PAGE = 30
POST_LIMIT = 10_000
REASON_LIMIT = 500


class Category(AudienceMixin, ClusterableModel):
    """A forum category (Aufenthaltsrecht in der Praxis, Digitalisierung, …) for an audience.

    ``thread_count``, ``open_question_count`` and ``last_activity_at`` are kept by
    ``category_refresh_counts`` after every post, hide, move and delete, so the index
    reads them without counting.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=limits.SHORT_TEXT)
    position = models.PositiveIntegerField(_("position"), default=100)
    working_group = models.OneToOneField(
        "organisations.WorkingGroup",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forum_category",
        help_text=_("The working group's own category, visible to its members."),
    )
    thread_count = models.PositiveIntegerField(default=0, editable=False)
    open_question_count = models.PositiveIntegerField(default=0, editable=False)
    last_activity_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:category", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        from .services.counts import category_audience_changed

        if not self.slug:
            self.slug = slugify(self.name, max_length=120)
        # the admin (snippets) saves categories: their stored audience and that of
        # their threads change in the same transaction
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "audience_scope" not in update_fields:
            return super().save(*args, **kwargs)  # the counts
        with transaction.atomic():
            super().save(*args, **kwargs)
            category_audience_changed(category=self)


class ThreadKind(models.TextChoices):
    DISCUSSION = "discussion", _("Discussion")
    QUESTION = "question", _("Question")


class Thread(AudienceMixin, ClusterableModel):
    """A discussion or a question; or the comments under a page (no category, a target)."""

    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="threads",
    )
    # the page a comment thread hangs under, stored as its audience source (Page's type)
    target_content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_object_id = models.PositiveBigIntegerField(null=True, blank=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=ThreadKind.choices, default=ThreadKind.DISCUSSION
    )
    title = models.CharField(_("title"), max_length=limits.TITLE)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_threads",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_threads",
    )
    topics = models.ManyToManyField(
        "topics.Topic", verbose_name=_("topics"), blank=True, related_name="forum_threads"
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now, db_index=True)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    # replies (not the opening post) that others see: "unbeantwortet" is zero
    reply_count = models.PositiveIntegerField(default=0, editable=False)
    helpful_count = models.PositiveIntegerField(default=0, editable=False)
    accepted_post = models.ForeignKey(
        "Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)

    audience_author_field = "author"

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at", "-pk"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            # a category's list in its order (Meta.ordering, read backwards): its first
            # page is the first 20 rows, each checked against the rule, not a sort of all
            models.Index(
                fields=["category", "is_pinned", "last_activity_at", "id"], name="thread_listing"
            ),
            models.Index(fields=["target_content_type", "target_object_id"], name="thread_target"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["target_content_type", "target_object_id"],
                condition=models.Q(target_object_id__isnull=False),
                name="one_comment_thread_per_target",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:thread", kwargs={"pk": self.pk})

    @property
    def is_question(self) -> bool:
        return self.kind == ThreadKind.QUESTION

    @property
    def is_solved(self) -> bool:
        return self.accepted_post_id is not None

    @property
    def is_comments(self) -> bool:
        return self.category_id is None


class Post(models.Model):
    """One contribution to a thread; the first one opens it (the question itself)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_posts",
    )
    body = models.TextField(_("text"), max_length=POST_LIMIT)
    body_html = models.TextField(editable=False, default="")
    is_opening = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(_("written"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    helpful_count = models.PositiveIntegerField(default=0, editable=False)
    # a comment narrowed to part of its page's audience (the groups of these)
    is_narrowed = models.BooleanField(default=False, editable=False)
    narrowed_to = models.ManyToManyField(Group, blank=True, related_name="+")

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return f"{self.thread} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("forums:post", kwargs={"pk": self.pk})


class PostRevision(models.Model):
    """The text of a post before an edit (moderators see the history)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(max_length=POST_LIMIT)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_post_revisions",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")


class HelpfulVote(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="helpful_votes")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_helpful_votes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("helpful vote")
        verbose_name_plural = _("helpful votes")
        constraints = [
            models.UniqueConstraint(fields=["post", "person"], name="helpful_once"),
        ]


class ThreadFollow(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_thread_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("followed thread")
        verbose_name_plural = _("followed threads")
        constraints = [
            models.UniqueConstraint(fields=["thread", "person"], name="thread_follow_once"),
        ]


class CategoryFollow(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_category_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("followed category")
        verbose_name_plural = _("followed categories")
        constraints = [
            models.UniqueConstraint(fields=["category", "person"], name="category_follow_once"),
        ]


class RoutedExpert(models.Model):
    """A person a new question was routed to (Gefragt bei …)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="routed_experts")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_routed_questions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("routed expert")
        verbose_name_plural = _("routed experts")
        constraints = [
            models.UniqueConstraint(fields=["thread", "expert"], name="route_once"),
        ]


class Flag(models.Model):
    """A member reports a post to the moderators, with a reason."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_flags",
    )
    reason = models.CharField(_("reason"), max_length=REASON_LIMIT)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_flags_resolved",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")


class ModerationAction(models.TextChoices):
    HIDE = "hide", _("hidden")
    RESTORE = "restore", _("restored")
    LOCK = "lock", _("locked")
    UNLOCK = "unlock", _("unlocked")
    PIN = "pin", _("pinned")
    UNPIN = "unpin", _("unpinned")
    MOVE = "move", _("moved")
    EDIT = "edit", _("edited")
    DISMISS = "dismiss", _("flag dismissed")


class ModerationLogEntry(models.Model):
    """Who did what to which thread or post, when and why (moderators and coordinators)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_moderation_entries",
    )
    action = models.CharField(max_length=10, choices=ModerationAction.choices)
    thread = models.ForeignKey(Thread, null=True, on_delete=models.SET_NULL, related_name="+")
    post = models.ForeignKey(Post, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("reason"), max_length=REASON_LIMIT, blank=True)
    details = models.CharField(max_length=limits.SUMMARY, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")

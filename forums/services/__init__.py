"""Writes of the forum. Views call these; they check permission themselves."""

from .comments import comment_create, comment_thread_of, narrowing_choices
from .counts import category_audience_changed, category_refresh_counts, thread_refresh_counts
from .moderation import (
    flag_create,
    flag_dismiss,
    post_hide,
    post_restore,
    thread_move,
    thread_set_flag,
)
from .ratelimit import PostingTooFast
from .routing import question_route
from .working_groups import category_for_working_group
from .writing import (
    answer_accept,
    answer_clear,
    category_follow,
    helpful_vote,
    helpful_withdraw,
    post_create,
    post_edit,
    thread_create,
    thread_follow,
    thread_unfollow,
)

__all__ = [
    "PostingTooFast",
    "answer_accept",
    "answer_clear",
    "category_audience_changed",
    "category_follow",
    "category_for_working_group",
    "category_refresh_counts",
    "comment_create",
    "comment_thread_of",
    "flag_create",
    "flag_dismiss",
    "helpful_vote",
    "helpful_withdraw",
    "narrowing_choices",
    "post_create",
    "post_edit",
    "post_hide",
    "post_restore",
    "question_route",
    "thread_create",
    "thread_follow",
    "thread_move",
    "thread_refresh_counts",
    "thread_set_flag",
    "thread_unfollow",
]

"""What the forum tells people (registered in ``ready()``); sent through ``notify``,
which tells only those who may read the thread (or the page a comment hangs under)."""

from django.utils.translation import gettext_lazy as _

from abhnetz.notifications.registry import Delivery, NotificationKind, register

REPLY_IN_FOLLOWED_THREAD = "forums.reply_in_followed_thread"
MENTIONED = "forums.mentioned"
ANSWER_ACCEPTED = "forums.answer_accepted"
QUESTION_ROUTED = "forums.question_routed"
NEW_THREAD_FOLLOWED = "forums.new_thread_followed"
COMMENT_ON_MY_PAGE = "forums.comment_on_my_page"


def register_notification_kinds() -> None:
    register(
        NotificationKind(
            key=REPLY_IN_FOLLOWED_THREAD,
            label=_("A reply in a thread I follow"),
            default_delivery=Delivery.IMMEDIATE,
        )
    )
    register(NotificationKind(key=MENTIONED, label=_("Someone mentioned me in the forum")))
    register(NotificationKind(key=ANSWER_ACCEPTED, label=_("My answer was accepted")))
    register(
        NotificationKind(
            key=QUESTION_ROUTED,
            # turning it off is how an expert stops being asked (Fragen Sie mich zu …)
            label=_("A new question on a topic I know about was routed to me"),
        )
    )
    register(
        NotificationKind(
            key=NEW_THREAD_FOLLOWED,
            label=_("A new thread in a category or topic I follow"),
            default_delivery=Delivery.DIGEST,
        )
    )
    register(
        NotificationKind(key=COMMENT_ON_MY_PAGE, label=_("A comment on a guide or minutes I own"))
    )

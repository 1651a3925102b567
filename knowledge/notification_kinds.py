"""What knowledge tells readers when a page is published (registered in ``ready()``).

- followers of a topic hear of each page on it once, when it is first published for
  them (``once``: a later revision tells nobody again);
- owners of action items (the person, or everyone of the organisation) hear of the
  minutes that assign them;
- members of a working group hear of minutes published for their group (the group
  is in the audience, or the minutes live in its space).

Each goes through ``notify``, which tells only those who may read the page.
"""

from django.utils.translation import gettext_lazy as _

from abhnetz.notifications.registry import Delivery, NotificationKind, register

NEW_IN_FOLLOWED_TOPIC = "knowledge.new_in_followed_topic"
ACTION_ITEM_ASSIGNED = "minutes.action_item_assigned"
MINUTES_OF_MY_GROUP = "minutes.published_for_my_group"


def register_notification_kinds() -> None:
    register(
        NotificationKind(
            key=NEW_IN_FOLLOWED_TOPIC,
            label=_("New content in a topic I follow"),
            default_delivery=Delivery.DIGEST,
        )
    )
    register(
        NotificationKind(
            key=ACTION_ITEM_ASSIGNED,
            label=_("An action item was assigned to me or my organisation"),
        )
    )
    register(
        NotificationKind(
            key=MINUTES_OF_MY_GROUP,
            label=_("Minutes of a meeting of my working group were published"),
        )
    )


def page_published_notify(*, page, by=None) -> None:
    """Tell followers, action item owners and group members of a page just published."""
    from django.db.models import Q

    from abhnetz.accounts.models import User
    from abhnetz.notifications.services import notify

    from .minutes.models import MinutesPage
    from .models import KnowledgePage
    from .spaces.signal_handlers import enclosing_space

    page = page.specific
    if not isinstance(page, KnowledgePage):
        return
    followers = User.objects.filter(topic_follows__topic__in=page.topics.all())
    notify(kind=NEW_IN_FOLLOWED_TOPIC, target=page, recipients=followers, actor=by, once=True)
    if not isinstance(page, MinutesPage):
        return
    items = list(page.action_items.values_list("owner_person_id", "owner_organisation_id"))
    owners = Q(pk__in=[p for p, _o in items if p]) | Q(organisation__in=[o for _p, o in items if o])
    notify(
        kind=ACTION_ITEM_ASSIGNED,
        target=page,
        recipients=User.objects.filter(owners),
        actor=by,
        once=True,
    )
    groups = [wg.group_id for wg in page.audience_working_groups.all()]
    space = enclosing_space(page.get_parent())
    groups += [space.working_group.group_id] if space else []
    members = User.objects.filter(groups__in=groups)
    notify(kind=MINUTES_OF_MY_GROUP, target=page, recipients=members, actor=by, once=True)

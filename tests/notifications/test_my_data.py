"""My data: notifications and preferences are exported and deleted with the account."""

from abhnetz.accounts.data_services import user_data_export, user_delete
from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign
from abhnetz.notifications.models import Notification, NotificationPreference
from abhnetz.notifications.registry import Delivery
from abhnetz.notifications.services import notify, preference_set

from .conftest import DIGEST_KIND, KIND


def test_the_export_has_my_notifications_and_preferences(network, publish):
    # given a notification about a page, later narrowed away from the partner, and one
    # they still see, and a preference
    hidden = publish("Später geheim")
    shown = publish("Offen")
    notify(kind=KIND, target=hidden, recipients=[network.partner])
    notify(kind=KIND, target=shown, recipients=[network.partner, network.office_staff])
    preference_set(person=network.partner, kind=DIGEST_KIND, delivery=Delivery.OFF)
    audience_assign(hidden, Audience.selected(organisations=[network.office_a]))
    hidden.save_revision().publish()

    # when the partner exports their data
    section = user_data_export(user=network.partner)["notifications"]

    # then both notifications are there, but only the visible one names its target
    assert [n["about"] for n in section["notifications"]] == [None, "Offen"]
    assert {n["label"] for n in section["notifications"]} == {"Etwas Neues"}
    assert section["preferences"] == {DIGEST_KIND: Delivery.OFF}
    assert "Später geheim" not in str(section)


def test_deleting_my_account_deletes_my_notifications(network, publish):
    page = publish()
    notify(kind=KIND, target=page, recipients=[network.partner, network.office_staff])
    preference_set(person=network.partner, kind=KIND, delivery=Delivery.INBOX)

    user_delete(user=network.partner)

    assert list(Notification.objects.values_list("recipient", flat=True)) == [
        network.office_staff.pk
    ]
    assert not NotificationPreference.objects.exists()

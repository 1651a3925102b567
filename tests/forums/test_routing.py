"""Expert routing: at most the configured number, other organisations first, only readers,
never the asker, and an expert who turned it off is not asked."""

from abhnetz.accounts.roles import Role
from abhnetz.audiences.models import Audience
from abhnetz.notifications.models import Notification
from abhnetz.notifications.registry import Delivery
from abhnetz.notifications.services import preference_set
from forums.notification_kinds import QUESTION_ROUTED
from tests.factories import TopicFactory, UserFactory


def expert(organisation, topic, name):
    person = UserFactory(organisation=organisation, roles=[Role.OFFICE_STAFF], last_name=name)
    person.expertise.add(topic)
    return person


def test_routing_asks_at_most_the_limit_and_prefers_other_organisations(
    network, make_category, ask, settings
):
    # given four experts on the topic: two in the asker's office (sorted first by name),
    # two in another office
    settings.FORUMS_EXPERTS_PER_QUESTION = 2
    topic = TopicFactory(name="Terminvergabe")
    same = [expert(network.office_a, topic, "Aalders"), expert(network.office_a, topic, "Abel")]
    other = [expert(network.office_b, topic, "Zander"), expert(network.office_b, topic, "Zorn")]
    category = make_category("Organisation & Abläufe", Audience.offices())
    # when office A asks
    thread = ask(network.office_staff, category, topics=[topic])
    # then only two are asked, both from the other office, and told so
    routed = {r.expert for r in thread.routed_experts.all()}
    assert routed == set(other)
    notified = set(
        Notification.objects.filter(kind=QUESTION_ROUTED).values_list("recipient", flat=True)
    )
    assert notified == {person.pk for person in other}
    assert not routed & set(same)


def test_routing_falls_back_to_the_asker_s_organisation_within_the_limit(
    network, make_category, ask, settings
):
    settings.FORUMS_EXPERTS_PER_QUESTION = 3
    topic = TopicFactory(name="Aufenthaltsrecht")
    same = expert(network.office_a, topic, "Albers")
    other = expert(network.office_b, topic, "Brandt")
    thread = ask(network.office_staff, make_category(), topics=[topic])
    assert {r.expert for r in thread.routed_experts.all()} == {same, other}


def test_routing_skips_the_asker_outsiders_and_who_turned_it_off(
    network, make_category, ask, settings
):
    settings.FORUMS_EXPERTS_PER_QUESTION = 5
    topic = TopicFactory(name="E-Akte")
    network.office_staff.expertise.add(topic)  # the asker
    network.partner.expertise.add(topic)  # may not read an offices-only question
    network.board_member.expertise.add(topic)
    quiet = expert(network.office_b, topic, "Still")
    preference_set(person=quiet, kind=QUESTION_ROUTED, delivery=Delivery.OFF)
    asked = expert(network.office_b, topic, "Gern")
    thread = ask(network.office_staff, make_category("Recht", Audience.offices()), topics=[topic])
    assert {r.expert for r in thread.routed_experts.all()} == {asked}
    assert not Notification.objects.filter(
        kind=QUESTION_ROUTED, recipient__in=[network.partner, network.board_member, quiet]
    ).exists()


def test_a_question_without_topics_and_a_discussion_are_not_routed(network, make_category, ask):
    topic = TopicFactory(name="Raumkonzept")
    expert(network.office_b, topic, "Raum")
    category = make_category()
    assert not ask(network.office_staff, category).routed_experts.exists()
    discussion = ask(network.office_staff, category, kind="discussion", topics=[topic])
    assert not discussion.routed_experts.exists()

"""The demo network's people and organisations, for the apps' demo-seeding tests."""

import io

from abhnetz.core.management.commands.seed_demo import Command, DemoNetwork


def demo_network() -> DemoNetwork:
    """What ``seed_demo`` builds before the apps' seeders run (topics, organisations,
    working groups, people), with its output swallowed."""
    command = Command(stdout=io.StringIO())
    topics = command.seed_topics()
    organisations = command.seed_organisations()
    working_groups = command.seed_working_groups()
    people = command.seed_people(organisations, working_groups, topics)
    return DemoNetwork(topics, organisations, working_groups, people, io.StringIO())

from wagtail import hooks

from .demo import seed_minutes

# after the organisations, people and topics; guides and documents may come first
hooks.register("abhnetz_seed_demo", seed_minutes, order=30)

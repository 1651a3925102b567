from wagtail import hooks

from .demo import seed_spaces

hooks.register("abhnetz_seed_demo", seed_spaces, order=40)

from wagtail import hooks


@hooks.register("abhnetz_seed_demo", order=1000)
def index_demo_content(demo):
    """After every app has seeded its demo content: index all of it (also content
    seeded before the search existed)."""
    from .services import rebuild

    count = rebuild()
    demo.stdout.write(f"Search index: {count} objects indexed.")

def seed_forum(demo):
    """Demo content (filled in below)."""

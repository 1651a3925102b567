"""Pure "may this person …" and "does this account …" checks of the accounts app."""


def profile_incomplete(user) -> bool:
    """The profile lacks the function or what colleagues may ask about (directory)."""
    if not user.function.strip():
        return True
    return not user.expertise_note.strip() and not user.expertise.exists()

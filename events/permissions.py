"""May this person do that with events? Pure checks, no writes."""

from abhnetz.accounts.roles import EVENT_COORDINATOR_ROLES


def may_coordinate(user) -> bool:
    """Invite, see the participant list, export it (with the second factor)."""
    return bool(
        getattr(user, "is_active", False)
        and (user.is_superuser or user.has_role(*EVENT_COORDINATOR_ROLES))
    )


def may_see_video_link(*, invited: bool, rsvp) -> bool:
    """The video call link is for invitees and registered participants only."""
    return invited or bool(rsvp and rsvp.is_registered)

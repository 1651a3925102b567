"""Who may see what of the organisations' directory: pure checks, no writes."""

from abhnetz.accounts.roles import Role


def may_see_domains(user) -> bool:
    """E-mail domains steer access requests; only administrators need to see them."""
    return user.is_superuser or user.has_role(Role.ADMINISTRATOR)

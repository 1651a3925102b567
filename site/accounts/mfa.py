from allauth.mfa.models import Authenticator

from .roles import MFA_REQUIRED_ROLES


def needs_mfa_setup(user) -> bool:
    """A signed-in coordinator or administrator without a TOTP authenticator."""
    if not user.is_authenticated:
        return False
    if not (user.is_superuser or user.has_role(*MFA_REQUIRED_ROLES)):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

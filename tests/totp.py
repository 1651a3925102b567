"""Codes of an authenticator app, as the person's phone would show them."""

from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)


def with_totp(user) -> str:
    """Set up an authenticator app for the user; returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_code(secret: str, steps: int = 0) -> str:
    """The code for now, or for `steps` 30-second steps from now (negative: earlier)."""
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2] + steps))

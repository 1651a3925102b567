"""Length limits of user-editable text, and the guard that holds them for every write.

Model ``TextField(max_length=...)`` only sets the form field's limit (the database does
not check it), so forms show the error next to the field and keep the input, and
``guard_text_limits`` (a ``pre_save`` receiver for the site's own models) refuses what
bypassed a form: services, imports, the shell. tests/core/test_limits.py fails for a
TextField without a limit.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from wagtail.fields import RichTextField

# Pick per field; these are the usual sizes.
TITLE = 200
SUMMARY = 500
SHORT_TEXT = 2_000  # descriptions, goals, messages, introductions
TEXT = 5_000  # a decision's text, an organisation's description
BODY = 20_000  # announcements, agenda notes
LEGAL = 100_000  # legal pages (a privacy statement is long)

# the site's apps (their models' modules); Wagtail's, Django's and allauth's own models
# keep their own limits
OWN_MODULE_PREFIXES = ("abhnetz.", "knowledge.", "forums.", "events.")


def text_limit_errors(instance: models.Model) -> dict[str, str]:
    """The text fields of ``instance`` longer than their ``max_length``, with the message."""
    errors = {}
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or not field.max_length:
            continue
        # Wagtail counts a rich text's limit in text, not HTML, in its own form field
        if isinstance(field, RichTextField):
            continue
        value = getattr(instance, field.attname, None)
        if isinstance(value, str) and len(value) > field.max_length:
            errors[field.name] = _(
                "Please shorten this text to at most %(limit)s characters (it has %(length)s)."
            ) % {"limit": field.max_length, "length": len(value)}
    return errors


def guard_text_limits(sender, instance, raw=False, **kwargs):
    """Refuse to store over-long text, however the write came (forms check first)."""
    if raw or not sender.__module__.startswith(OWN_MODULE_PREFIXES):
        return
    errors = text_limit_errors(instance)
    if errors:
        raise ValidationError(errors)

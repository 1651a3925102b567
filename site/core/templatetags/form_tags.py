from django import template
from django.utils.translation import gettext as _

register = template.Library()

WIDGET_CLASSES = {"select": "kern-form-input__select"}
# Django's empty choice (BLANK_CHOICE_DASH, ModelChoiceField.empty_label) is not
# translatable; every front-end select is drawn here, so it is replaced here, once.
DJANGO_EMPTY_LABEL = "---------"


def please_choose(field) -> None:
    """Say „Bitte wählen“ where Django would show its dashes as the empty choice."""
    if getattr(field, "empty_label", None) == DJANGO_EMPTY_LABEL:
        field.empty_label = _("Please choose")
    choices = getattr(field, "choices", None)
    if isinstance(choices, list) and any(label == DJANGO_EMPTY_LABEL for _v, label in choices):
        field.choices = [
            (value, _("Please choose") if label == DJANGO_EMPTY_LABEL else label)
            for value, label in choices
        ]


@register.filter
def kern_widget(field):
    """The field's widget with KERN's class and the error and hint tied to it for screen readers."""
    please_choose(field.field)
    widget = field.field.widget
    css = WIDGET_CLASSES.get(getattr(widget, "input_type", None) or "", "kern-form-input__input")
    if widget.__class__.__name__ in {"Select", "SelectMultiple"}:
        css = "kern-form-input__select"
    if field.errors:
        css += f" {css}--error"
    described_by = []
    if field.help_text:
        described_by.append(f"{field.id_for_label}-hint")
    if field.errors:
        described_by.append(f"{field.id_for_label}-error")
    attrs = {"class": css}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)

from django import template

register = template.Library()

WIDGET_CLASSES = {"select": "kern-form-input__select"}


@register.filter
def kern_widget(field):
    """The field's widget with KERN's class and the error and hint tied to it for screen readers."""
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

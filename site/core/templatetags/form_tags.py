from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
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
    if type(widget) in (forms.Select, forms.SelectMultiple) and not widget.is_hidden:
        return _select_html(field, attrs)
    return field.as_widget(attrs=attrs)


def _attrs_html(attrs: dict) -> str:
    # as django/forms/widgets/attrs.html: False leaves the attribute out, True names it
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def _select_html(field, attrs: dict) -> str:
    """Django's select.html drawn in Python: the template renders each option through two
    includes, which made a select of 60 organisations the most expensive part of a
    directory page (docs/performance.md). Same markup, as tests/core/test_form_tags.py
    checks against Django's own templates."""
    widget = field.field.widget
    attrs = field.build_widget_attrs(dict(attrs), widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    parts = [format_html('<select name="{}"{}>', context["name"], _attrs_html(context["attrs"]))]
    for group_name, options, _index in context["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in options:
            parts.append(
                format_html(
                    '\n  <option value="{}"{}>{}</option>',
                    str(option["value"]),
                    _attrs_html(option["attrs"]),
                    option["label"],
                )
            )
        if group_name:
            parts.append(mark_safe("\n  </optgroup>"))
    parts.append(mark_safe("\n</select>"))
    return format_html_join("", "{}", ((part,) for part in parts))

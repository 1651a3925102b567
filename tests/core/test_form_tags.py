"""kern_widget draws selects in Python: the markup must be Django's own."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test.html import parse_html

from abhnetz.core.templatetags.form_tags import kern_widget


class Choices(forms.Form):
    kind = forms.ChoiceField(
        choices=[("", "---------"), ("a", "Amt & Behörde"), ("b", '"Jobcenter"')],
        required=False,
    )
    grouped = forms.ChoiceField(
        choices=[("Ämter", [("1", "Eins"), ("2", "Zwei")]), ("Partner", [("3", "Drei <b>")])],
        help_text="Hinweis",
    )
    many = forms.MultipleChoiceField(
        choices=[(1, "Eins"), (2, "Zwei"), (3, "Drei")], required=False
    )
    off = forms.ChoiceField(choices=[("x", "X")], disabled=True)
    numbers = forms.TypedChoiceField(choices=[(1, "1"), (2, "2")], coerce=int)


def _django(bound, css):
    attrs = {"class": css}
    if bound.help_text:
        attrs["aria-describedby"] = f"{bound.id_for_label}-hint"
    if bound.errors:
        attrs["aria-describedby"] = " ".join(
            filter(None, [attrs.get("aria-describedby"), f"{bound.id_for_label}-error"])
        )
    return bound.as_widget(attrs=attrs)


class NoTemplates(DjangoTemplates):
    def get_template(self, template_name):
        raise AssertionError(f"rendered {template_name}")


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"kind": "a", "grouped": "3", "many": ["1", "3"], "numbers": "2"},
        {"kind": "zzz", "grouped": "<script>", "many": ["9"]},
    ],
)
@pytest.mark.parametrize("name", ["kind", "grouped", "many", "off", "numbers"])
def test_select_is_drawn_as_django_draws_it(data, name):
    def form(**kwargs):
        made = (
            Choices(data=data, **kwargs)
            if data is not None
            else Choices(initial={"kind": "b"}, **kwargs)
        )
        made.is_valid()
        return made

    # no template per option (the reason for drawing it in Python): this form refuses them
    ours = str(kern_widget(form(renderer=NoTemplates())[name]))
    bound = form()[name]
    kern_widget(bound)  # the same empty-choice label as ours
    css = "kern-form-input__select" + (" kern-form-input__select--error" if bound.errors else "")
    assert parse_html(ours) == parse_html(str(_django(bound, css)))
    # labels and values escaped
    assert "<b>" not in ours
    assert "<script>" not in ours

"""Forms of key figures: the month form (one field per figure), import, sharing, filters."""

import csv
import datetime
import io

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import FigureDefinition, FigureGroup, Sharing
from .numbers import NumberError, parse_month, parse_number
from .validation import validate_month

MAX_IMPORT_BYTES = 512 * 1024
MAX_IMPORT_ROWS = 240


class GermanNumberField(forms.CharField):
    """A text field that accepts 1.234 and 12,5 and keeps what was typed on errors."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def clean(self, value):
        text = super().clean(value)
        try:
            return parse_number(text)
        except NumberError as error:
            raise forms.ValidationError(str(error)) from error


class MonthField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 7)
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"autocomplete": "off"})

    def clean(self, value):
        text = super().clean(value)
        try:
            return parse_month(text)
        except NumberError as error:
            raise forms.ValidationError(str(error)) from error


def today() -> datetime.date:
    return timezone.localdate()


class FigureMonthForm(forms.Form):
    """One month of an office: the month, then one field per figure valid in it."""

    month = MonthField(
        label=gettext_lazy("Month"), help_text=gettext_lazy("For example 03.2026 or 2026-03.")
    )

    def __init__(self, *args, definitions: list[FigureDefinition], submit: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.definitions = definitions
        self.submit = submit
        for definition in definitions:
            label = definition.label
            if definition.unit:
                label = _("%(label)s (%(unit)s)") % {"label": label, "unit": definition.unit}
            self.fields[definition.key] = GermanNumberField(
                label=label, help_text=definition.help_text
            )
            self.fields[definition.key].definition = definition

    def groups(self):
        """The bound fields under their group headings, in the schema's order."""
        grouped: dict[int, tuple[FigureGroup, list]] = {}
        for definition in self.definitions:
            grouped.setdefault(definition.group_id, (definition.group, []))[1].append(
                self[definition.key]
            )
        return list(grouped.values())

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            # a field that did not parse has no value to cross-check
            return cleaned
        errors = validate_month(
            definitions=self.definitions,
            values={d.key: cleaned.get(d.key) for d in self.definitions},
            month=cleaned.get("month"),
            today=today(),
            submit=self.submit,
        )
        for key, messages in errors.items():
            for message in messages:
                self.add_error(key, message)
        return cleaned


class SharingForm(forms.Form):
    sharing = forms.ChoiceField(
        label=gettext_lazy("Who sees our figures by name?"),
        choices=Sharing.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "The coordination always sees them. Anonymous figures count only in network totals."
        ),
    )


class ComparisonFilterForm(forms.Form):
    figure = forms.ModelChoiceField(
        label=gettext_lazy("Figure"), queryset=FigureDefinition.objects.none(), required=False
    )
    group = forms.ModelChoiceField(
        label=gettext_lazy("Figure group"), queryset=FigureGroup.objects.all(), required=False
    )
    office = forms.TypedChoiceField(
        label=gettext_lazy("Office"), coerce=int, required=False, empty_value=None
    )
    start = MonthField(label=gettext_lazy("From month"), required=False)
    end = MonthField(label=gettext_lazy("To month"), required=False)

    def __init__(self, *args, offices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["figure"].queryset = FigureDefinition.objects.select_related("group")
        # only offices the reader sees by name can be chosen (``offices``: (id, name))
        self.fields["office"].choices = [("", _("All offices"))] + list(offices)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end month must not be before the start month."))
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "The layout of the export: semicolons, one row per month, decimal commas."
        ),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.row_errors: list[tuple[int, str, str]] = []
        self.months: dict = {}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 512 KB."))
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        self.row_errors, self.months = parse_import(text, organisation=self.organisation)
        if self.row_errors:
            raise forms.ValidationError(
                _("Nothing was imported: the file has %(count)s errors, listed below.")
                % {"count": len(self.row_errors)}
            )
        if not self.months:
            raise forms.ValidationError(_("The file has no rows."))
        return upload


OFFICE_COLUMN, MONTH_COLUMN = "behoerde", "monat"


def parse_import(text: str, *, organisation):
    """Rows of an import checked one by one: (errors as (row, column, message), months)."""
    errors: list[tuple[int, str, str]] = []
    months: dict = {}
    reader = csv.reader(io.StringIO(text), delimiter=";")
    header = [cell.strip().lower() for cell in next(reader, [])]
    if header[:2] != [OFFICE_COLUMN, MONTH_COLUMN]:
        return [(1, "", _("The first row must start with „behoerde;monat“."))], {}
    definitions = {d.key: d for d in FigureDefinition.objects.select_related("group")}
    for column in header[2:]:
        if column not in definitions:
            errors.append((1, column, _("This column is not a figure of the schema.")))
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if number > MAX_IMPORT_ROWS + 1:
            errors.append((number, "", _("The file has too many rows.")))
            break
        cells = dict(zip(header, row, strict=False))
        if cells.get(OFFICE_COLUMN, "").strip() != organisation.name:
            errors.append((number, OFFICE_COLUMN, _("You can import only your own office.")))
        try:
            month = parse_month(cells.get(MONTH_COLUMN))
        except NumberError as error:
            errors.append((number, MONTH_COLUMN, str(error)))
            continue
        if month is None:
            errors.append((number, MONTH_COLUMN, _("The month is missing.")))
            continue
        if month in months:
            errors.append((number, MONTH_COLUMN, _("This month appears twice in the file.")))
            continue
        valid = list(FigureDefinition.objects.valid_in(month).select_related("group"))
        values, unreadable = {}, set()
        for definition in valid:
            try:
                values[definition.key] = parse_number(cells.get(definition.key))
            except NumberError as error:
                errors.append((number, definition.key, str(error)))
                unreadable.add(definition.key)
        # the cross-checks run on what could be read, so every error is listed at once
        checks = validate_month(
            definitions=valid, values=values, month=month, today=today(), submit=True
        )
        for key, messages in checks.items():
            if key in unreadable:
                continue
            column = MONTH_COLUMN if key == "month" else key
            errors.extend((number, column, message) for message in messages)
        months[month] = values
    return errors, months


def export_header(definitions) -> list[str]:
    return [OFFICE_COLUMN, MONTH_COLUMN] + [d.key for d in definitions]

"""Key figure views: thin; reads through selectors, writes through services."""

import csv
import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import selectors
from .charts import Series, bar_chart, line_chart
from .forms import ComparisonFilterForm, FigureMonthForm, ImportForm, SharingForm, export_header
from .forms import today as local_today
from .models import FigureCheck, FigureDefinition, FigureMonth, FigureSharing, Sharing
from .numbers import NumberError, add_months, format_number, month_key, months_between, parse_month
from .ods import ods_bytes
from .permissions import (
    MIN_OFFICES_FOR_TOTALS,
    may_enter_figures,
    may_oversee_figures,
    may_set_sharing,
)
from .services import figure_month_save, figure_months_import, figure_sharing_set


def _last_month() -> datetime.date:
    return add_months(local_today().replace(day=1), -1)


def _period(form: ComparisonFilterForm) -> list[datetime.date]:
    data = form.cleaned_data if form.is_valid() else {}
    end = data.get("end") or _last_month()
    start = data.get("start") or add_months(end, -11)
    return months_between(start, end)


def _figure(form: ComparisonFilterForm) -> FigureDefinition | None:
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("figure"):
        return data["figure"]
    definitions = FigureDefinition.objects.select_related("group")
    if data.get("group"):
        definitions = definitions.filter(group=data["group"])
    return definitions.filter(check_as=FigureCheck.VISITS).first() or definitions.first()


def _own_office(user):
    organisation = getattr(user, "organisation", None)
    return organisation if may_enter_figures(user, organisation) else None


def _filter_form(request) -> ComparisonFilterForm:
    return ComparisonFilterForm(
        request.GET or None, offices=selectors.named_office_choices(request.user)
    )


def index(request):
    form = _filter_form(request)
    months = _period(form)
    definition = _figure(form)
    office = _own_office(request.user)
    chosen = form.cleaned_data.get("office") if form.is_valid() else None
    context = {
        "form": form,
        "months": months,
        "definition": definition,
        "office": office,
        "may_oversee": may_oversee_figures(request.user),
        "query": request.GET.urlencode(),
        "min_offices": MIN_OFFICES_FOR_TOTALS,
    }
    if definition is not None:
        table = selectors.comparison(request.user, definition, months)
        if chosen:
            table.rows = [row for row in table.rows if row.organisation_id == chosen]
        context["table"] = table
        series = []
        own_row = next((r for r in table.rows if office and r.organisation_id == office.pk), None)
        if own_row is not None:
            series.append(Series(label=own_row.name, values=own_row.cells))
        series.append(Series(label=_("Network median"), values=table.medians))
        context["trend"] = line_chart(months, series)
        context["trend_rows"] = [
            (month, [s.values[i] for s in series]) for i, month in enumerate(months)
        ]
    concerns = selectors.concerns_per_office(request.user, months, _("Network total"), only=chosen)
    context["concerns"] = concerns
    context["concern_chart"] = bar_chart(concerns)
    return render(request, "figures/figures_index.html", context)


def _values_initial(figure_month: FigureMonth | None) -> dict:
    if figure_month is None:
        return {}
    return {
        v.definition.key: format_number(v.value)
        for v in figure_month.values.select_related("definition")
    }


@require_http_methods(["GET", "POST"])
def entry(request):
    office = _own_office(request.user)
    if office is None:
        raise Http404
    if request.method == "POST":
        submit = "submit" in request.POST
        try:
            month = parse_month(request.POST.get("month"))
        except NumberError:
            month = None
        definitions = _definitions_for(month)
        stored = selectors.office_months(office).filter(month=month).first() if month else None
        # a submitted month stays complete: its corrections are checked as a submission
        complete = submit or bool(stored and stored.is_submitted)
        form = FigureMonthForm(request.POST, definitions=definitions, submit=complete)
        if form.is_valid():
            month = form.cleaned_data["month"]
            figure_month_save(
                organisation=office,
                month=month,
                values={d.key: form.cleaned_data.get(d.key) for d in definitions},
                by=request.user,
                submit=submit,
            )
            messages.success(
                request,
                _("The month was submitted.") if submit else _("The draft was saved."),
            )
            return redirect(f"{reverse('figures:entry')}?monat={month_key(month)}")
    else:
        try:
            month = parse_month(request.GET.get("monat")) or _last_month()
        except NumberError:
            month = _last_month()
        figure_month = selectors.office_months(office).filter(month=month).first()
        definitions = _definitions_for(month)
        initial = {"month": month_key(month), **_values_initial(figure_month)}
        form = FigureMonthForm(initial=initial, definitions=definitions)
    figure_month = selectors.office_months(office).filter(month=month).first() if month else None
    history = (
        figure_month.changes.select_related("definition", "changed_by") if figure_month else []
    )
    return render(
        request,
        "figures/figure_entry.html",
        {
            "form": form,
            "office": office,
            "figure_month": figure_month,
            "history": history,
            "months": selectors.office_months(office)[:24],
        },
    )


def _definitions_for(month: datetime.date | None) -> list[FigureDefinition]:
    definitions = FigureDefinition.objects.select_related("group")
    if month is not None:
        definitions = definitions.valid_in(month)
    else:
        definitions = definitions.filter(retired_from__isnull=True)
    return list(definitions)


@require_http_methods(["GET", "POST"])
def import_months(request):
    office = _own_office(request.user)
    if office is None:
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, organisation=office)
    if request.method == "POST" and form.is_valid():
        imported = figure_months_import(organisation=office, months=form.months, by=request.user)
        messages.success(
            request,
            _("%(count)s months were imported and submitted.") % {"count": len(imported)},
        )
        return redirect("figures:entry")
    return render(
        request,
        "figures/figure_import.html",
        {"form": form, "office": office, "row_errors": form.row_errors},
    )


@require_http_methods(["GET", "POST"])
def sharing(request):
    office = getattr(request.user, "organisation", None)
    if not may_set_sharing(request.user, office):
        raise Http404
    stored = FigureSharing.objects.filter(organisation=office).first()
    current = stored.sharing if stored else Sharing.ANONYMOUS
    form = SharingForm(request.POST or None, initial={"sharing": current})
    if request.method == "POST" and form.is_valid():
        figure_sharing_set(
            organisation=office, sharing=form.cleaned_data["sharing"], by=request.user
        )
        messages.success(request, _("Your office's choice was saved."))
        return redirect("figures:index")
    return render(request, "figures/figure_sharing.html", {"form": form, "office": office})


def _export(request):
    """The period, definitions and rows of an export: what the reader may see by name."""
    form = _filter_form(request)
    months = _period(form)
    definitions = list(FigureDefinition.objects.select_related("group"))
    if form.is_valid() and form.cleaned_data.get("group"):
        definitions = [d for d in definitions if d.group_id == form.cleaned_data["group"].pk]
    rows = selectors.export_rows(request.user, months, definitions)
    chosen = form.cleaned_data.get("office") if form.is_valid() else None
    if chosen:
        names = dict(selectors.named_office_choices(request.user))
        rows = [row for row in rows if row[0] == names.get(chosen)]
    return definitions, rows


def export_csv(request):
    """The submitted months the reader may see by name, for German Excel."""
    definitions, rows = _export(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kennzahlen.csv"'
    # a byte order mark makes Excel read UTF-8 (umlauts); ';' is its German separator
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerow(export_header(definitions))
    for name, month, values in rows:
        writer.writerow(
            [name, month_key(month)] + [format_number(values.get(d.key)) for d in definitions]
        )
    return response


def export_ods(request):
    """The same as the CSV export, as an OpenDocument spreadsheet."""
    definitions, rows = _export(request)
    table = [export_header(definitions)] + [
        [name, month_key(month)] + [values.get(d.key) for d in definitions]
        for name, month, values in rows
    ]
    response = HttpResponse(
        ods_bytes(sheet=_("Key figures"), rows=table),
        content_type="application/vnd.oasis.opendocument.spreadsheet",
    )
    response["Content-Disposition"] = 'attachment; filename="kennzahlen.ods"'
    return response


def missing(request):
    if not may_oversee_figures(request.user):
        raise Http404
    end = _last_month()
    months = months_between(add_months(end, -5), end)
    return render(
        request,
        "figures/figure_missing.html",
        {
            "rows": selectors.missing_months(months),
            "months": months,
            "may_oversee": True,
            "office": _own_office(request.user),
        },
    )

"""CSV in and out: the export's layout is the import's, German Excel reads it, all or nothing."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from knowledge.figures.models import FigureMonth, Sharing
from knowledge.figures.numbers import add_months, month_key

IMPORT = reverse("figures:import")
EXPORT = reverse("figures:export_csv")
HEADER = "behoerde;monat;besuche_gesamt;anliegen_unterlagen;personalstunden;oeffnungsstunden_woche"


def upload(client, text: str, encoding="utf-8-sig"):
    file = SimpleUploadedFile("zahlen.csv", text.encode(encoding), content_type="text/csv")
    return client.post(IMPORT, {"file": file})


def test_several_months_are_imported_and_submitted(network, client_for, last_month):
    name = network.office_a.name
    rows = [HEADER] + [
        f"{name};{month_key(add_months(last_month, -n))};1.234;600;160,5;25" for n in range(3)
    ]
    response = upload(client_for(network.office_staff), "\r\n".join(rows))
    assert response.status_code == 302
    months = FigureMonth.objects.filter(organisation=network.office_a)
    assert months.count() == 3
    assert all(month.is_submitted for month in months)
    values = dict(months.first().values.values_list("definition__key", "value"))
    assert values["besuche_gesamt"] == Decimal(1234)
    assert values["personalstunden"] == Decimal("160.5")


def test_one_wrong_row_stores_nothing_and_every_error_is_listed(network, client_for, last_month):
    # given a file with a good row, a negative number, a sum too large and a future month
    name = network.office_a.name
    rows = [
        HEADER,
        f"{name};{month_key(last_month)};1.234;600;160;25",
        f"{name};{month_key(add_months(last_month, -1))};100;-3;160;25",
        f"{name};{month_key(add_months(last_month, -2))};100;600;12.5;25",
        f"{name};{month_key(add_months(last_month, 3))};100;50;160;25",
        f"Ausländerbehörde Bestadt;{month_key(add_months(last_month, -4))};100;50;160;25",
    ]
    response = upload(client_for(network.office_staff), "\n".join(rows))
    # then nothing is stored and each error names its row and column
    assert response.status_code == 200
    assert not FigureMonth.objects.exists()
    errors = {(row, column) for row, column, _message in response.context["row_errors"]}
    assert (3, "anliegen_unterlagen") in errors
    assert (4, "besuche_gesamt") in errors  # 600 by concern but 100 visits
    assert (4, "personalstunden") in errors  # "12.5": a dot is not a decimal point
    assert (5, "monat") in errors
    assert (6, "behoerde") in errors
    assert (2, "besuche_gesamt") not in errors
    page = response.content.decode()
    assert 'data-testid="figures-import-errors"' in page


def test_a_wrong_header_is_reported(network, client_for):
    response = upload(client_for(network.office_staff), "Monat;Besuche\n2026-01;4")
    assert response.context["row_errors"][0][0] == 1
    response = upload(client_for(network.office_staff), "behoerde;monat;unbekannt\n")
    assert (1, "unbekannt") in {(r, c) for r, c, _m in response.context["row_errors"]}


def test_a_windows_file_is_read(network, client_for, last_month):
    rows = [HEADER, f"{network.office_a.name};{month_key(last_month)};1.234;600;160;25"]
    response = upload(client_for(network.office_staff), "\r\n".join(rows), encoding="cp1252")
    assert response.status_code == 302


def test_only_office_staff_import(network, client_for):
    assert client_for(network.partner).get(IMPORT).status_code == 404
    assert client_for(network.coordinator).get(IMPORT).status_code == 404


def test_the_export_opens_in_german_excel_and_imports_again(
    network, client_for, submit_month, last_month
):
    # given a submitted month with a decimal figure
    submit_month(
        network.office_a,
        network.office_staff,
        last_month,
        besuche_gesamt=1234,
        personalstunden="160.5",
    )
    # when office A exports
    response = client_for(network.office_staff).get(EXPORT)
    raw = response.content
    # then: a BOM, semicolons, decimal commas, umlauts intact
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("behoerde;monat;besuche_gesamt;")
    assert f"Ausländerbehörde Adorf;{month_key(last_month)};1.234;" in text
    assert ";160,5;" in text
    # and the same file imports again (a correction keeps the month submitted)
    FigureMonth.objects.all().delete()
    assert upload(client_for(network.office_staff), text).status_code == 302
    assert FigureMonth.objects.get().is_submitted


def test_the_export_holds_only_offices_the_reader_sees(
    network, client_for, submit_month, share, last_month
):
    submit_month(network.office_a, network.office_staff, last_month)
    submit_month(network.office_b, network.office_staff_b, last_month)
    share(network.office_b, network.office_staff_b, Sharing.OFFICES)
    text = client_for(network.partner).get(EXPORT).content.decode("utf-8-sig")
    assert text.strip().count("\n") == 0  # the header only
    text = client_for(network.office_staff).get(EXPORT).content.decode("utf-8-sig")
    assert network.office_b.name in text
    assert network.office_a.name in text


def test_the_spreadsheet_holds_the_same_rows_as_the_csv(
    network, client_for, submit_month, share, last_month
):
    import io
    import zipfile

    # given office A's month and office B, which shares only anonymously
    submit_month(network.office_a, network.office_staff, last_month, personalstunden="160.5")
    submit_month(network.office_b, network.office_staff_b, last_month)
    # when office A downloads the spreadsheet
    response = client_for(network.office_staff).get(reverse("figures:export_ods"))
    # then it is an OpenDocument zip (mimetype first, stored) with A's numbers, not B's name
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    first = archive.infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    content = archive.read("content.xml").decode()
    assert "Ausländerbehörde Adorf" in content
    assert 'office:value="160.5"' in content
    assert network.office_b.name not in content


def test_an_import_over_a_submitted_month_keeps_the_history(
    network, client_for, submit_month, last_month
):
    from knowledge.figures.models import FigureChange

    # given a submitted month with 1.234 visits
    submit_month(network.office_a, network.office_staff, last_month, besuche_gesamt=1234)
    # when a file corrects the visits of that month
    row = f"{network.office_a.name};{month_key(last_month)};1.300;600;160;25"
    response = upload(client_for(network.office_staff), f"{HEADER}\n{row}")
    # then the correction is kept like one made in the form: who, old and new
    assert response.status_code == 302
    change = FigureChange.objects.get(definition__key="besuche_gesamt")
    assert (change.old_value, change.new_value) == (Decimal(1234), Decimal(1300))
    assert change.changed_by == network.office_staff

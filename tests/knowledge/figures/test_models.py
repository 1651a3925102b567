import datetime

import pytest
from django.core.exceptions import ValidationError

from knowledge.figures.models import FigureDefinition, FigureGroup, FigureKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def used_definition(network, submit_month, last_month):
    submit_month(network.office_a, network.office_staff, last_month, besuche_gesamt=10)
    return FigureDefinition.objects.get(key="besuche_gesamt")


def test_the_programme_schema_exists():
    # given a fresh database (the data migration) / then the four groups and their figures
    assert list(FigureGroup.objects.values_list("key", flat=True)) == [
        "besuche",
        "personal",
        "oeffnungszeiten",
        "wartezeiten",
    ]
    keys = set(FigureDefinition.objects.values_list("key", flat=True))
    assert {"anliegen_unterlagen", "wartezeit_median", "wartezeit_p90"} <= keys


def test_a_used_figure_keeps_its_key_and_kind(used_definition):
    # when a coordinator tries to change what past months mean
    used_definition.key = "besuche"
    with pytest.raises(ValidationError) as error:
        used_definition.clean()
    assert "key" in error.value.message_dict
    used_definition.refresh_from_db()
    used_definition.kind = FigureKind.HOURS
    with pytest.raises(ValidationError):
        used_definition.clean()


def test_a_used_figure_may_be_renamed(used_definition):
    used_definition.label = "Vorsprachen insgesamt"
    used_definition.clean()  # then no error: the label is presentation only
    used_definition.save()
    used_definition.refresh_from_db()
    assert used_definition.label == "Vorsprachen insgesamt"


def test_an_added_figure_is_not_asked_for_in_past_months(last_month):
    # given a figure added from last month on
    group = FigureGroup.objects.first()
    FigureDefinition.objects.create(
        group=group, key="neu", label="Neu", kind=FigureKind.COUNT, valid_from=last_month
    )
    before = last_month.replace(year=last_month.year - 1)
    # then a month before it does not show it, last month does
    assert not FigureDefinition.objects.valid_in(before).filter(key="neu").exists()
    assert FigureDefinition.objects.valid_in(last_month).filter(key="neu").exists()


def test_a_retired_figure_stays_in_past_months():
    definition = FigureDefinition.objects.get(key="anliegen_sonstiges")
    definition.retired_from = datetime.date(2026, 1, 1)
    definition.save()
    assert (
        FigureDefinition.objects.valid_in(datetime.date(2025, 12, 1))
        .filter(pk=definition.pk)
        .exists()
    )
    assert (
        not FigureDefinition.objects.valid_in(datetime.date(2026, 1, 1))
        .filter(pk=definition.pk)
        .exists()
    )

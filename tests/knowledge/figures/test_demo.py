"""The demo figures: 18 months, one anonymous office, one missing month, a falling trend."""

from knowledge.figures.demo import seed_figures
from knowledge.figures.models import FigureMonth, FigureSharing, FigureValue, Sharing
from tests.demo import demo_network


def test_demo_figures_are_seeded_once(db):
    demo = demo_network()
    # when the seeder runs twice
    seed_figures(demo)
    count = FigureMonth.objects.count()
    seed_figures(demo)
    # then four offices × 18 months, less the one missing month, and nothing added again
    assert count == 4 * 18 - 1
    assert FigureMonth.objects.count() == count
    assert FigureSharing.objects.get(organisation=demo.organisations["office4"]).sharing == (
        Sharing.ANONYMOUS
    )
    per_office = {
        key: FigureMonth.objects.filter(organisation=demo.organisations[key]).count()
        for key in ("office1", "office2", "office3", "office4")
    }
    assert per_office["office2"] == 17


def test_eichtals_visits_fall_after_online_appointments(db):
    demo = demo_network()
    seed_figures(demo)
    visits = list(
        FigureValue.objects.filter(
            definition__key="besuche_gesamt",
            figure_month__organisation=demo.organisations["office3"],
        )
        .order_by("figure_month__month")
        .values_list("value", flat=True)
    )
    assert sum(visits[-6:]) / 6 < sum(visits[:6]) / 6 * 80 / 100


def test_the_coordinator_sees_the_demos_missing_month(db):
    from django.utils import timezone

    from knowledge.figures.demo import MISSING, MONTHS
    from knowledge.figures.numbers import add_months, months_between
    from knowledge.figures.selectors import missing_months

    # given the demo figures
    demo = demo_network()
    seed_figures(demo)
    # when the coordinator's view lists the last six months
    last = add_months(timezone.localdate().replace(day=1), -1)
    rows = dict(missing_months(months_between(add_months(last, -5), last)))
    # then exactly the district office misses exactly its one month
    skipped = add_months(last, -(MONTHS - 1) + MISSING[1])
    assert rows == {demo.organisations["office2"]: [skipped]}

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

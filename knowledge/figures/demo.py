"""Demo key figures: 18 months for the four demo offices.

Rosenfurt (office1) shares by name with the network, the district (office2) only with
offices and misses one month, Eichtal (office3) shares with the network and its visits
fall after it introduced online appointments, Weidenbrück (office4) shares only
anonymously. Idempotent: months that exist are left as they are.
"""

import random
from decimal import Decimal

from django.utils import timezone

from .models import FigureMonth, Sharing
from .numbers import add_months
from .services import figure_month_save, figure_sharing_set

# office key: (staff e-mail, sharing, base visits per month)
OFFICES = {
    "office1": ("office@demo.abhnetz.example", Sharing.NETWORK, 1450),
    "office2": ("office2@demo.abhnetz.example", Sharing.OFFICES, 980),
    "office3": ("e.schmitt@demo.abhnetz.example", Sharing.NETWORK, 1200),
    "office4": ("d.wolf@demo.abhnetz.example", Sharing.ANONYMOUS, 760),
}
MONTHS = 18
ONLINE_APPOINTMENTS_FROM = 9  # Eichtal's month index when online booking started
# the district skipped a month the coordinator still sees (the last six are listed)
MISSING = ("office2", 14)
# share of visits per concern: documents, forms, appointment, information, other
SHARES = (0.38, 0.17, 0.22, 0.16, 0.05)
CONCERNS = (
    "anliegen_unterlagen",
    "anliegen_formulare",
    "anliegen_termin",
    "anliegen_auskunft",
    "anliegen_sonstiges",
)


def _values(rng: random.Random, office: str, index: int, base: int) -> dict:
    visits = base * (1 + 0.08 * rng.uniform(-1, 1))
    shares = list(SHARES)
    if office == "office3" and index >= ONLINE_APPOINTMENTS_FROM:
        # online booking takes the appointment visits away from the counter
        visits *= 0.72 - 0.02 * (index - ONLINE_APPOINTMENTS_FROM)
        shares[2] = 0.06
    visits = int(visits)
    values = {
        key: Decimal(int(visits * share)) for key, share in zip(CONCERNS, shares, strict=True)
    }
    values["besuche_gesamt"] = Decimal(visits)
    values["weiterleitungen_termin"] = Decimal(int(visits * rng.uniform(0.12, 0.2)))
    values["personalstunden"] = Decimal(rng.choice((300, 320, 336, 350)))
    values["oeffnungsstunden_woche"] = Decimal(rng.choice((25, 28, 30)))
    median = Decimal(rng.randint(6, 14))
    values["wartezeit_median"] = median
    values["wartezeit_p90"] = median * 2 + rng.randint(2, 10)
    return values


def seed_figures(demo) -> None:
    rng = random.Random(13)  # the same demo every time  # noqa: S311
    last = add_months(timezone.localdate().replace(day=1), -1)
    first = add_months(last, -(MONTHS - 1))
    for key, (email, sharing, base) in OFFICES.items():
        office = demo.organisations.get(key)
        staff = demo.people.get(email)
        if office is None or staff is None:
            continue
        figure_sharing_set(organisation=office, sharing=sharing, by=staff)
        existing = set(
            FigureMonth.objects.filter(organisation=office).values_list("month", flat=True)
        )
        for index in range(MONTHS):
            month = add_months(first, index)
            values = _values(rng, key, index, base)
            if (key, index) == MISSING or month in existing:
                continue
            figure_month_save(
                organisation=office, month=month, values=values, by=staff, submit=True
            )
    demo.stdout.write("Key figures: 18 months for the four demo offices.")

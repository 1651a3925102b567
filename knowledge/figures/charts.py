"""Server-rendered SVG charts: the geometry is computed here, the template draws it.

No JavaScript and no inline styles (strict CSP): the template uses presentation
attributes (``x``, ``y``, ``stroke``, ``fill``) only.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import dateformat

from .numbers import format_number

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 48
# colour-blind safe, at least 3:1 against white (WCAG 1.4.11)
COLOURS = ["#005ea8", "#b35806", "#1b7837", "#762a83", "#8c510a", "#01665e"]
DASHES = ["", "6 4", "2 3", "8 3 2 3", "4 4", "1 2"]


@dataclass
class Series:
    label: str
    values: list  # Decimal or None per point
    colour: str = ""
    dash: str = ""
    points: str = ""
    dots: list = None


def _top(maximum: Decimal) -> Decimal:
    """A round upper bound for the axis (1, 2 or 5 times a power of ten)."""
    if maximum <= 0:
        return Decimal(1)
    step = Decimal(1)
    while step * 10 <= maximum:
        step *= 10
    for factor in (1, 2, 5, 10):
        if step * factor >= maximum:
            return step * factor
    return step * 10  # pragma: no cover


def line_chart(months: list, series: list[Series]) -> dict:
    numbers = [v for s in series for v in s.values if v is not None]
    top = _top(max(numbers, default=Decimal(0)))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step_x = plot_w / max(len(months) - 1, 1)

    def x(i: int) -> float:
        return round(LEFT + i * step_x, 1)

    def y(value: Decimal) -> float:
        return round(TOP + plot_h - float(value / top) * plot_h, 1)

    for n, item in enumerate(series):
        item.colour = COLOURS[n % len(COLOURS)]
        item.dash = DASHES[n % len(DASHES)]
        item.dots = [(x(i), y(v)) for i, v in enumerate(item.values) if v is not None]
        item.points = " ".join(f"{px},{py}" for px, py in item.dots)
    every = max(1, len(months) // 6)
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": TOP + plot_h,
        "series": series,
        "y_ticks": [
            {"y": y(top * part / 4), "label": format_number(top * part / 4)} for part in range(5)
        ],
        "x_ticks": [
            {"x": x(i), "label": dateformat.format(month, "M Y")}
            for i, month in enumerate(months)
            if i % every == 0
        ],
        "label_y": HEIGHT - 16,
    }


def bar_chart(rows: list) -> dict:
    """Stacked horizontal bars of shares (percent) per row; ``rows`` from concerns_per_office."""
    bar_h, gap, margin = 24, 14, 16
    plot_w = WIDTH - 2 * margin
    bars = []
    for n, row in enumerate(rows):
        top = TOP + n * (bar_h + gap + 16)
        start = margin
        parts = []
        for i, (definition, _sum, percent) in enumerate(row.shares):
            width = round(float(percent) / 100 * plot_w, 1)
            parts.append(
                {
                    "x": round(start, 1),
                    "width": width,
                    "colour": COLOURS[i % len(COLOURS)],
                    "label": definition.label,
                    "percent": format_number(Decimal(percent).quantize(Decimal("1"))),
                }
            )
            start += width
        bars.append(
            {"name": row.name, "label_y": top + 12, "y": top + 16, "height": bar_h, "parts": parts}
        )
    legend = []
    if rows:
        for i, (definition, _sum, _percent) in enumerate(rows[0].shares):
            legend.append({"label": definition.label, "colour": COLOURS[i % len(COLOURS)]})
    return {
        "width": WIDTH,
        "height": TOP + len(rows) * (bar_h + gap + 16) + 8,
        "left": margin,
        "bars": bars,
        "legend": legend,
    }

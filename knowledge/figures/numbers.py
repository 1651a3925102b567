"""German numbers and months: one parser for the form and the CSV import, one formatter.

"1.234" is one thousand two hundred thirty-four, "12,5" twelve and a half; a dot
followed by anything but groups of three digits is refused rather than guessed.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

# optional sign, digits with optional thousands dots (groups of three), optional comma part
_GERMAN = re.compile(
    r"^(?P<sign>[-−]?)(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<frac>\d+))?$", re.ASCII
)
_MONTH_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$", re.ASCII)
_MONTH_GERMAN = re.compile(r"^(?P<month>\d{1,2})[./](?P<year>\d{4})$", re.ASCII)


class NumberError(ValueError):
    """Raised with a message for the person who typed it."""


def parse_number(text: str | None) -> Decimal | None:
    """The number in ``text`` (German format), ``None`` for empty; ``NumberError`` otherwise."""
    cleaned = (text or "").strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None
    if len(cleaned) > 20:
        raise NumberError(_("This number is too long."))
    match = _GERMAN.match(cleaned)
    if match is None:
        raise NumberError(_("Enter a number such as 1.234 or 12,5."))
    digits = match["int"].replace(".", "")
    if match["frac"]:
        digits = f"{digits}.{match['frac']}"
    try:
        number = Decimal(digits)
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only digits
        raise NumberError(_("Enter a number such as 1.234 or 12,5.")) from error
    if number >= Decimal("10000000000"):
        raise NumberError(_("This number is too large."))
    return -number if match["sign"] else number


def format_number(value: Decimal | int | float | None) -> str:
    """``value`` the German way: 1.234 and 12,5 (at most two decimals, no trailing zeros)."""
    if value is None:
        return ""
    number = Decimal(value).quantize(Decimal("0.01"))
    sign = "-" if number < 0 else ""
    whole, _dot, frac = f"{abs(number):.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    frac = frac.rstrip("0")
    return f"{sign}{grouped},{frac}" if frac else f"{sign}{grouped}"


def parse_month(text: str | None) -> datetime.date | None:
    """The first day of the month in ``text`` (2026-03, 03.2026 or 3/2026); ``None`` if empty."""
    cleaned = (text or "").strip()
    if not cleaned:
        return None
    match = _MONTH_ISO.match(cleaned) or _MONTH_GERMAN.match(cleaned)
    if match is None:
        raise NumberError(_("Enter a month such as 2026-03 or 03.2026."))
    year, month = int(match["year"]), int(match["month"])
    if not 1 <= month <= 12 or year < 2000:
        raise NumberError(_("Enter a month such as 2026-03 or 03.2026."))
    return datetime.date(year, month, 1)


def month_key(month: datetime.date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, current = [], first.replace(day=1)
    while current <= last and len(months) < 120:
        months.append(current)
        current = add_months(current, 1)
    return months

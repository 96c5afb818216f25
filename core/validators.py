"""Validators shared by the apps' models, forms and services."""

import datetime
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# --- Single-line text: names and titles -------------------------------------------------

# Invisible characters that change how a name reads or looks without being seen:
# zero-width characters and directional marks, embeddings, overrides and isolates
# ("Trojan Source"), the word joiner and invisible operators, the byte-order mark.
_INVISIBLE = frozenset(
    [
        0x061C,  # Arabic letter mark
        0x180E,  # Mongolian vowel separator
        *range(0x200B, 0x2010),  # zero-width space, (non-)joiner, LRM, RLM
        *range(0x202A, 0x202F),  # embeddings and overrides (LRE … RLO)
        *range(0x2060, 0x2065),  # word joiner, invisible operators
        *range(0x2066, 0x206A),  # isolates (LRI … PDI)
        0xFEFF,  # zero-width no-break space (byte-order mark)
    ]
)
# Control characters (line breaks, tabs, NUL …) and the Unicode line/paragraph separators.
_BREAKING_CATEGORIES = frozenset(["Cc", "Zl", "Zp"])


def validate_single_line(value) -> None:
    """Names and titles are one line of visible text: no line breaks, no control
    characters, no invisible or text-direction characters (which could make a name
    look like another one, or break e-mail subjects, calendar entries and PDFs)."""
    for char in str(value):
        if ord(char) in _INVISIBLE or unicodedata.category(char) in _BREAKING_CATEGORIES:
            raise ValidationError(
                _(
                    "Please enter a single line without line breaks, control characters "
                    "or invisible formatting characters (found: %(char)s)."
                ),
                code="single_line",
                params={"char": f"U+{ord(char):04X}"},
            )


# Dates
#
# Every date and time a user enters lies in a sane range. Far-off values are accepted
# by Python and the forms but break elsewhere: a time early on 1 January of the year 1
# in Berlin is a year-0 time in UTC, which PostgreSQL stores as "BC" and psycopg cannot
# read back (every page listing the row fails); the 31 December 9999 leaves no room for
# "the day after" or "the next year" (calendar files, the next report period).

EARLIEST_DATE = datetime.date(1990, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


def local_date(value) -> datetime.date:
    """The calendar day of a date or datetime, in the current time zone when that is safe.

    Converting a datetime in the year 1 or 9999 to another zone can leave the range
    Python can hold (OverflowError); such a value is out of range anyway, so its own
    day is good enough to say so.
    """
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value) and 1 < value.year < 9999:
            value = timezone.localtime(value)
        return value.date()
    return value


@deconstructible
class DateRangeValidator:
    """Refuses dates (or datetimes, by their local day) outside `earliest`…`latest`."""

    message = _("Please enter a date between %(earliest)s and %(latest)s.")
    code = "date_range"

    def __init__(self, earliest=EARLIEST_DATE, latest=LATEST_DATE, message=None, code=None):
        self.earliest = earliest
        self.latest = latest
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code

    def params(self) -> dict:
        return {
            "earliest": formats.date_format(self.earliest, "SHORT_DATE_FORMAT"),
            "latest": formats.date_format(self.latest, "SHORT_DATE_FORMAT"),
            "earliest_year": self.earliest.year,
            "latest_year": self.latest.year,
        }

    def __call__(self, value) -> None:
        if value is None:
            return
        if not self.earliest <= local_date(value) <= self.latest:
            raise ValidationError(self.message, code=self.code, params=self.params())

    def __eq__(self, other):
        return isinstance(other, DateRangeValidator) and (
            self.earliest,
            self.latest,
            self.message,
        ) == (other.earliest, other.latest, other.message)

    def __hash__(self):
        return hash((self.earliest, self.latest, str(self.message)))


validate_sane_date = DateRangeValidator()


def clamp_date(day: datetime.date) -> datetime.date:
    """A stored day moved into the sane range, for computing from old rows (the next
    report period, a calendar's years) without overflowing on a value from before
    the range was enforced."""
    return min(max(day, EARLIEST_DATE), LATEST_DATE)


def date_input_attrs(earliest=EARLIEST_DATE, latest=LATEST_DATE) -> dict:
    """`min`/`max` for an `<input type="date">`, so the browser offers only the range."""
    return {"min": earliest.isoformat(), "max": latest.isoformat()}


def datetime_input_attrs(earliest=EARLIEST_DATE, latest=LATEST_DATE) -> dict:
    """`min`/`max` for an `<input type="datetime-local">`."""
    return {"min": f"{earliest.isoformat()}T00:00", "max": f"{latest.isoformat()}T23:59"}

"""The shared range of dates (core.validators): one rule for every date and time."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.timezone import BERLIN
from core.validators import (
    EARLIEST_DATE,
    LATEST_DATE,
    DateRangeValidator,
    clamp_date,
    validate_sane_date,
)


@pytest.mark.parametrize(
    "value",
    [
        EARLIEST_DATE,
        LATEST_DATE,
        datetime.datetime(1990, 1, 1, 0, 0, tzinfo=BERLIN),  # 1989 in UTC
        datetime.datetime(2100, 12, 31, 23, 59, tzinfo=BERLIN),
        None,
    ],
)
def test_it_accepts_the_range_and_its_edges(value):
    validate_sane_date(value)


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(1, 1, 1),
        datetime.date(1989, 12, 31),
        datetime.date(2101, 1, 1),
        datetime.date(9999, 12, 31),
        datetime.datetime(1, 1, 1, 0, 0, tzinfo=BERLIN),  # before the year 1 in UTC
        datetime.datetime(9999, 12, 31, 23, 59, tzinfo=datetime.UTC),  # 10000 in Berlin
        datetime.datetime.min,
        datetime.datetime.max,
    ],
)
def test_it_refuses_far_off_values_in_german_without_crashing(value):
    with translation.override("de"), pytest.raises(ValidationError) as error:
        validate_sane_date(value)

    assert error.value.code == "date_range"
    assert error.value.messages == [
        "Bitte geben Sie ein Datum zwischen dem 01.01.1990 und dem 31.12.2100 an."
    ]


def test_a_narrower_range_keeps_its_own_message_and_code():
    validator = DateRangeValidator(
        datetime.date(2000, 1, 1),
        datetime.date(2100, 12, 31),
        message="%(earliest_year)d",
        code="x",
    )

    with pytest.raises(ValidationError) as error:
        validator(datetime.date(1999, 12, 31))

    assert (error.value.code, error.value.messages) == ("x", ["2000"])


def test_migrations_see_the_shared_validator_as_one_value():
    assert validate_sane_date.deconstruct() == ("core.validators.DateRangeValidator", (), {})
    assert validate_sane_date == DateRangeValidator()


def test_clamp_moves_old_values_into_the_range():
    assert clamp_date(datetime.date.max) == LATEST_DATE
    assert clamp_date(datetime.date.min) == EARLIEST_DATE
    assert clamp_date(datetime.date(2026, 5, 4)) == datetime.date(2026, 5, 4)

"""Dates from village lists: typed shapes, month names, two-digit years, serials, TTL cells."""

from __future__ import annotations

import string
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from payung.domain.dates import parse_date, split_place_and_date
from payung.domain.errors import LANGUAGES, DomainError, catalogue

REFERENCE = date(2026, 11, 21)
EXCEL_BASE = date(1899, 12, 30)  # serial 0 in Excel's 1900 system, after its phantom 1900-02-29
BORN = date(1980, 5, 12)


def parse(raw: object, **kwargs: object) -> date:
    return parse_date(raw, reference_date=REFERENCE, **kwargs)  # type: ignore[arg-type]


def refusal(raw: object, **kwargs: object) -> DomainError:
    with pytest.raises(DomainError) as error:
        parse(raw, **kwargs)
    return error.value


# --- the five formats of the issue, and their cousins ----------------------------------------


@pytest.mark.parametrize(
    "raw", ["12-05-1980", "12/05/1980", "1980-05-12", "12 Mei 1980", "12-Mei-80"]
)
def test_the_five_formats_from_the_issue(raw: str) -> None:
    assert parse(raw) == BORN


@pytest.mark.parametrize(
    "raw",
    [
        "12.05.1980",
        "12-5-1980",
        "12/5/1980",
        "1980/05/12",
        "1980.05.12",
        "12 May 1980",
        "12 Mei '80",
        "12 MEI 1980",
        "12 mei 1980",
        "12-MAY-1980",
        "12 Mei, 1980",
        "May 12, 1980",
        "  12-05-1980  ",
        "'12-05-1980",
        "12-05-80",
        "1980-05-12 00:00:00",
        "12/05/1980 00:00",
    ],
)
def test_other_spellings_of_the_same_day(raw: str) -> None:
    assert parse(raw) == BORN


@pytest.mark.parametrize(
    ("word", "month"),
    [
        *[(w, 1) for w in ("Januari", "Jan", "January")],
        *[(w, 2) for w in ("Februari", "Feb", "Peb", "February")],
        *[(w, 3) for w in ("Maret", "Mar", "March")],
        *[(w, 4) for w in ("April", "Apr")],
        *[(w, 5) for w in ("Mei", "May")],
        *[(w, 6) for w in ("Juni", "Jun", "June")],
        *[(w, 7) for w in ("Juli", "Jul", "July")],
        *[(w, 8) for w in ("Agustus", "Agt", "Agu", "Ags", "Aug", "August")],
        *[(w, 9) for w in ("September", "Sep", "Sept")],
        *[(w, 10) for w in ("Oktober", "Okt", "Oct", "October")],
        *[(w, 11) for w in ("November", "Nov", "Nop")],
        *[(w, 12) for w in ("Desember", "Des", "Dec", "December")],
    ],
)
def test_month_names_in_both_languages_any_case(word: str, month: int) -> None:
    assert parse(f"3 {word} 1990") == date(1990, month, 3)
    assert parse(f"3-{word.upper()}-90") == date(1990, month, 3)


def test_numeric_dates_are_always_day_first() -> None:
    assert parse("05/12/1980") == date(1980, 12, 5)
    assert parse("5/12/80") == date(1980, 12, 5)


def test_month_day_order_is_never_guessed_even_when_day_first_is_impossible() -> None:
    error = refusal("05/13/1980")

    assert error.code == "date.invalid"
    assert error.params == {"value": "05/13/1980"}


def test_mixed_separators_are_not_a_date() -> None:
    assert refusal("12-05/1980").code == "date.format"


# --- date and datetime cells -----------------------------------------------------------------


def test_date_cell_is_returned_as_is() -> None:
    assert parse(BORN) == BORN


def test_datetime_cell_gives_its_date() -> None:
    value = parse(datetime(1980, 5, 12, 13, 45))

    assert value == BORN
    assert type(value) is date


# --- Excel serial numbers --------------------------------------------------------------------


def test_excel_serial_counts_days_from_1899_12_30() -> None:
    assert parse(29353) == EXCEL_BASE + timedelta(days=29353) == BORN
    # 29354 is the next day: Excel's DATE(1980,5,12) is 29353.
    assert parse(29354) == EXCEL_BASE + timedelta(days=29354) == date(1980, 5, 13)


@pytest.mark.parametrize("raw", [29353, 29353.0, 29353.75, "29353", "29353.5", Decimal("29353")])
def test_serial_as_int_float_text_or_decimal_takes_the_day(raw: object) -> None:
    assert parse(raw) == BORN


def test_serials_before_excels_phantom_leap_day_are_one_day_later() -> None:
    assert parse(1) == date(1900, 1, 1)
    assert parse(59) == date(1900, 2, 28)
    assert parse(61) == date(1900, 3, 1) == EXCEL_BASE + timedelta(days=61)


def test_excels_fictitious_29_february_1900_does_not_exist() -> None:
    error = refusal(60)

    assert error.code == "date.invalid"
    assert error.params == {"value": "60"}


def test_last_excel_serial_is_9999_12_31() -> None:
    assert parse(2958465, allow_future=True) == date(9999, 12, 31)


@pytest.mark.parametrize("raw", [0, -1, 2958466, float("inf")])
def test_serials_outside_excels_range_are_refused(raw: object) -> None:
    assert refusal(raw, allow_future=True).code == "date.format"


@pytest.mark.parametrize("raw", ["1980", "80", "12051980"])
def test_short_or_eight_digit_strings_are_not_read_as_serials(raw: str) -> None:
    error = refusal(raw)

    assert error.code == "date.format"
    assert error.params == {"value": raw}


# --- two-digit years -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12-05-80", date(1980, 5, 12)),
        ("12-05-25", date(2025, 5, 12)),
        ("21-11-26", date(2026, 11, 21)),  # the reference day itself
        ("22-11-26", date(1926, 11, 22)),  # one day later would be in the future
        ("12 Mei 00", date(2000, 5, 12)),
        ("29-02-00", date(2000, 2, 29)),
    ],
)
def test_two_digit_year_takes_the_latest_century_not_after_the_reference(
    raw: str, expected: date
) -> None:
    assert parse(raw) == expected


def test_29_february_is_checked_in_the_resolved_century() -> None:
    assert refusal("29-02-01").code == "date.invalid"


# --- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [None, "", "   ", "\u200b", float("nan")])
def test_empty(raw: object) -> None:
    error = refusal(raw)

    assert error.code == "date.empty"
    assert error.params == {}


@pytest.mark.parametrize("raw", ["kemarin", "12 Xyz 1980", "12-05", True, object()])
def test_unreadable(raw: object) -> None:
    assert refusal(raw).code == "date.format"


def test_format_error_names_the_value_as_written() -> None:
    assert refusal(" kemarin ").params == {"value": "kemarin"}


@pytest.mark.parametrize("raw", ["31-02-1980", "31/04/1980", "00-05-1980", "12-13-1980"])
def test_impossible_calendar_dates(raw: str) -> None:
    error = refusal(raw)

    assert error.code == "date.invalid"
    assert error.params == {"value": raw}


def test_future_date_is_refused_unless_allowed() -> None:
    error = refusal("22-11-2026")

    assert error.code == "date.future"
    assert error.params == {"value": "22-11-2026", "reference": "21-11-2026"}
    assert parse("22-11-2026", allow_future=True) == date(2026, 11, 22)


def test_reference_date_itself_is_not_future() -> None:
    assert parse("21-11-2026") == REFERENCE


def test_dates_before_1900_are_too_old() -> None:
    error = refusal("31-12-1899")

    assert error.code == "date.too_old"
    assert error.params == {"value": "31-12-1899"}
    assert parse("01-01-1900") == date(1900, 1, 1)


def test_too_old_also_applies_to_date_cells() -> None:
    assert refusal(date(1850, 1, 1)).code == "date.too_old"


# --- TTL ("tempat, tanggal lahir") cells -----------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "place"),
    [
        ("Bogor, 12-05-1980", "Bogor"),
        ("BOGOR 12 MEI 1980", "Bogor"),
        ("Lebak,12/5/1980", "Lebak"),
        ("  kab. bogor ,  12 Mei '80 ", "Kab. Bogor"),
        ("Tanjung Priok / 1980-05-12", "Tanjung Priok"),
        ("Rangkasbitung - 12-Mei-80", "Rangkasbitung"),
    ],
)
def test_ttl_is_split_into_a_title_cased_place_and_the_date(raw: str, place: str) -> None:
    assert split_place_and_date(raw, reference_date=REFERENCE) == (place, BORN)


@pytest.mark.parametrize("raw", ["Bogor", "12-05-1980", ", 12-05-1980", "", None, BORN, 29353])
def test_ttl_without_place_or_date_cannot_be_split(raw: object) -> None:
    with pytest.raises(DomainError) as error:
        split_place_and_date(raw, reference_date=REFERENCE)

    assert error.value.code == "ttl.format"
    assert set(error.value.params) == {"value"}


def test_ttl_with_a_wrong_date_reports_the_date_problem() -> None:
    with pytest.raises(DomainError) as error:
        split_place_and_date("Bogor, 31-02-1980", reference_date=REFERENCE)

    assert error.value.code == "date.invalid"
    assert error.value.params == {"value": "31-02-1980"}


def test_ttl_birth_date_cannot_be_in_the_future() -> None:
    with pytest.raises(DomainError) as error:
        split_place_and_date("Bogor, 12-05-2030", reference_date=REFERENCE)

    assert error.value.code == "date.future"


# --- messages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "action"),
    [
        ("date.empty", lambda: parse(None)),
        ("date.format", lambda: parse("kemarin")),
        ("date.invalid", lambda: parse("31-02-1980")),
        ("date.future", lambda: parse("01-01-2030")),
        ("date.too_old", lambda: parse("01-01-1800")),
        ("ttl.format", lambda: split_place_and_date("Bogor", reference_date=REFERENCE)),
    ],
)
def test_every_code_has_both_languages_filled_from_its_params(code: str, action: object) -> None:
    with pytest.raises(DomainError) as error:
        action()  # type: ignore[operator]

    assert error.value.code == code
    message = catalogue()[code]
    names = {n for _, n, _, _ in string.Formatter().parse(message.id) if n}
    assert names == {n for _, n, _, _ in string.Formatter().parse(message.en) if n}
    assert names <= set(error.value.params)
    assert message.id != message.en
    for lang in LANGUAGES:
        assert "{" not in error.value.message(lang)

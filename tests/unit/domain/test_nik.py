"""NIK parsing: structure, Excel damage, century choice, warnings, masking and cross-checks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from payung.domain.errors import DomainError, Severity
from payung.domain.nik import (
    Nik,
    check_birth_date,
    check_sex,
    column_looks_excel_damaged,
    parse_nik,
)
from payung.domain.person import Sex

REFERENCE = date(2026, 11, 21)
WOMAN = "3201014508800004"  # Kab. Bogor, district 01, woman born 05-08-1980, serial 0004
MAN = "3201010508800004"  # the same, a man


def make(ddmmyy: str, *, region: str = "320101", serial: str = "0004") -> str:
    return region + ddmmyy + serial


def parse(raw: object, reference_date: date = REFERENCE) -> Nik:
    return parse_nik(raw, reference_date=reference_date)


def code_of(raw: object, reference_date: date = REFERENCE) -> str:
    with pytest.raises(DomainError) as error:
        parse(raw, reference_date)
    return error.value.code


# --- valid numbers ---------------------------------------------------------------------------


def test_woman_is_read_with_every_part() -> None:
    nik = parse(WOMAN)

    assert nik.value == WOMAN
    assert nik.province_code == "32"
    assert nik.regency_code == "32.01"
    assert nik.district_code == "32.01.01"
    assert nik.birth_date == date(1980, 8, 5)
    assert nik.sex is Sex.FEMALE
    assert nik.serial == "0004"
    assert nik.warnings == ()


def test_man_is_read_with_birth_day_as_written() -> None:
    nik = parse(MAN)

    assert nik.birth_date == date(1980, 8, 5)
    assert nik.sex is Sex.MALE


def test_lowest_province_code_aceh_is_accepted() -> None:
    assert parse("1101010508800004").province_code == "11"


def test_serial_ending_in_zero_is_not_excel_damage_on_its_own() -> None:
    assert parse(make("050880", serial="0010")).serial == "0010"


# --- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "  3201014508800004  ",
        "\t3201014508800004\n",
        "'3201014508800004",  # Excel's text prefix
        "\u20193201014508800004",  # the same apostrophe after autocorrect
        " '3201014508800004 ",
        "\u200b3201014508800004\ufeff",  # invisible characters from copy-paste
        "3201 0145 0880 0004",
        "3201\u00a00145\u00a00880\u00a00004",  # non-breaking spaces
        "3201.01.450880.0004",
        "32.01.01.450880.0004",
        "3201-0145-0880-0004",
        "3201\u20130145\u20130880\u20130004",  # en dashes
    ],
)
def test_separators_and_surrounding_noise_are_removed(raw: str) -> None:
    assert parse(raw).value == WOMAN


# --- nik.empty -------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [None, "", "   ", "'", " ' ", "\u200b", float("nan")])
def test_empty_cell(raw: object) -> None:
    assert code_of(raw) == "nik.empty"


# --- nik.excel_damaged -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        3201014508800004,  # a numeric cell, even though the digits look right
        3201014508800000,  # what Excel really keeps: 15 significant digits
        3.201014508800004e15,
        3201014508800000.0,
        Decimal("3201014508800004"),
        True,
        False,
        "3.20101E+15",
        "3,20101E+15",  # Indonesian locale: decimal comma
        "3.2010145088E15",
        "3.20101e+15",
        "3,20101e15",
        " 3.20101E+15 ",
        "'3.20101E+15",
        "3201014508800004.0",
        "3201014508800000.00",
        "3201014508800004,0",
        "3.201.014.508.800.000",  # number format with thousands groups
        "3,201,014,508,800,000",
    ],
)
def test_excel_damage_is_refused(raw: object) -> None:
    assert code_of(raw) == "nik.excel_damaged"


def test_excel_damage_message_tells_how_to_fix_it() -> None:
    with pytest.raises(DomainError) as error:
        parse("3.20101E+15")

    assert "Teks" in error.value.message("id")
    assert "Text" in error.value.message("en")


# --- nik.not_digits --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "32010145088OOOO4",  # letter O for zero
        "3201014508800004x",
        "NIK 3201014508800004",
        "+3201014508800004",
        "3201/0145/0880/0004",
        "---",
        "\uff13\uff12\uff10\uff11014508800004",  # full-width digits
        b"3201014508800004",
        date(1980, 8, 5),
        ["3201014508800004"],
    ],
)
def test_non_digits_are_refused(raw: object) -> None:
    assert code_of(raw) == "nik.not_digits"


# --- nik.length ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "length"),
    [
        ("320101450880000", 15),
        ("32010145088000045", 17),
        ("3201 0145 0880 00045", 17),
        ("1", 1),
    ],
)
def test_wrong_length(raw: str, length: int) -> None:
    with pytest.raises(DomainError) as error:
        parse(raw)

    assert error.value.code == "nik.length"
    assert error.value.params == {"length": length}
    assert error.value.message("id") == f"NIK harus 16 digit, yang diisi {length} digit."


# --- nik.region ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "shown"),
    [
        ("000101", "00.01.01"),
        ("100101", "10.01.01"),  # province codes start at 11
        ("320001", "32.00.01"),
        ("320100", "32.01.00"),
    ],
)
def test_impossible_region(region: str, shown: str) -> None:
    with pytest.raises(DomainError) as error:
        parse(make("050880", region=region))

    assert error.value.code == "nik.region"
    assert error.value.params == {"region": shown}


# --- nik.month -------------------------------------------------------------------------------


@pytest.mark.parametrize("month", ["00", "13", "99"])
def test_impossible_month(month: str) -> None:
    with pytest.raises(DomainError) as error:
        parse(make(f"05{month}80"))

    assert error.value.code == "nik.month"
    assert error.value.params == {"month": month}


# --- nik.day and the women's +40 -------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "sex", "birth_day"),
    [
        ("01", Sex.MALE, 1),
        ("31", Sex.MALE, 31),
        ("41", Sex.FEMALE, 1),
        ("71", Sex.FEMALE, 31),
    ],
)
def test_day_boundaries(day: str, sex: Sex, birth_day: int) -> None:
    nik = parse(make(f"{day}0180"))

    assert nik.sex is sex
    assert nik.birth_date == date(1980, 1, birth_day)


@pytest.mark.parametrize("day", ["00", "32", "40", "72", "99"])
def test_impossible_day(day: str) -> None:
    with pytest.raises(DomainError) as error:
        parse(make(f"{day}0180"))

    assert error.value.code == "nik.day"
    assert error.value.params == {"day": day}


# --- nik.date --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ddmmyy", "shown"),
    [
        ("310480", "31-04-1980"),  # 31 April, a man
        ("710480", "31-04-1980"),  # 31 April, a woman
        ("300280", "30-02-1980"),
        ("290201", "29-02-2001"),  # not a leap year
        ("690201", "29-02-2001"),
        ("290299", "29-02-1999"),
    ],
)
def test_day_that_the_calendar_does_not_have(ddmmyy: str, shown: str) -> None:
    with pytest.raises(DomainError) as error:
        parse(make(ddmmyy))

    assert error.value.code == "nik.date"
    assert error.value.params == {"date": shown}


@pytest.mark.parametrize(("ddmmyy", "sex"), [("290200", Sex.MALE), ("690200", Sex.FEMALE)])
def test_29_february_in_a_leap_year(ddmmyy: str, sex: Sex) -> None:
    nik = parse(make(ddmmyy))

    assert nik.birth_date == date(2000, 2, 29)
    assert nik.sex is sex


def test_29_february_00_checked_in_the_century_it_resolves_to() -> None:
    # Before 29-02-2000 the year 00 can only be 1900, which was not a leap year.
    with pytest.raises(DomainError) as error:
        parse(make("290200"), reference_date=date(2000, 1, 1))

    assert error.value.code == "nik.date"
    assert error.value.params == {"date": "29-02-1900"}


def test_29_february_2000_on_that_very_day() -> None:
    assert parse(make("290200"), reference_date=date(2000, 2, 29)).birth_date == date(2000, 2, 29)


# --- century of the two-digit year -----------------------------------------------------------


@pytest.mark.parametrize(
    ("ddmmyy", "reference", "birth_date"),
    [
        ("010100", REFERENCE, date(2000, 1, 1)),
        ("311299", REFERENCE, date(1999, 12, 31)),
        ("010199", REFERENCE, date(1999, 1, 1)),
        ("011226", REFERENCE, date(1926, 12, 1)),  # 01-12-2026 would be after the reference
        ("211126", REFERENCE, date(2026, 11, 21)),  # born on the reference day
        ("221126", REFERENCE, date(1926, 11, 22)),  # one day later: previous century
        ("201126", REFERENCE, date(2026, 11, 20)),
        ("050880", REFERENCE, date(1980, 8, 5)),
        ("010100", date(1999, 12, 31), date(1900, 1, 1)),
        ("311299", date(2100, 1, 1), date(2099, 12, 31)),
    ],
)
def test_century_is_the_latest_not_after_the_reference(
    ddmmyy: str, reference: date, birth_date: date
) -> None:
    assert parse(make(ddmmyy), reference_date=reference).birth_date == birth_date


# --- nik.serial_zero -------------------------------------------------------------------------


def test_serial_0000_is_refused() -> None:
    assert code_of(make("050880", serial="0000")) == "nik.serial_zero"


def test_serial_0001_is_the_first() -> None:
    assert parse(make("050880", serial="0001")).serial == "0001"


# --- nik.district_unknown (a warning) --------------------------------------------------------


def test_unknown_district_is_a_warning_not_an_error() -> None:
    asked: list[str] = []

    def district_exists(code: str) -> bool:
        asked.append(code)
        return False

    nik = parse_nik(WOMAN, reference_date=REFERENCE, district_exists=district_exists)

    assert asked == ["32.01.01"]
    assert nik.value == WOMAN
    assert len(nik.warnings) == 1
    (issue,) = nik.warnings
    assert issue.code == "nik.district_unknown"
    assert issue.severity is Severity.WARNING
    assert issue.params == {"district": "32.01.01"}
    assert "32.01.01" in issue.message("id")


def test_known_district_gives_no_warning() -> None:
    nik = parse_nik(WOMAN, reference_date=REFERENCE, district_exists={"32.01.01"}.__contains__)

    assert nik.warnings == ()


def test_warnings_do_not_change_equality() -> None:
    warned = parse_nik(WOMAN, reference_date=REFERENCE, district_exists=lambda _: False)

    assert warned == parse(WOMAN)
    assert len({warned, parse(WOMAN)}) == 1


# --- masking ---------------------------------------------------------------------------------


def test_masked_keeps_first_and_last_four_digits() -> None:
    assert parse(WOMAN).masked == "3201\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u20220004"


def test_str_repr_and_format_never_show_the_full_number() -> None:
    nik = parse(WOMAN)
    masked = "3201••••••••0004"

    assert str(nik) == masked
    assert f"{nik}" == masked
    assert repr(nik) == f"Nik('{masked}')"
    assert WOMAN not in repr(nik)
    assert WOMAN not in repr([nik])


def test_direct_construction_refuses_a_value_that_is_not_16_digits() -> None:
    with pytest.raises(ValueError, match="16 ASCII digits") as error:
        Nik(value="32010145088", birth_date=date(1980, 8, 5), sex=Sex.FEMALE)

    assert "32010145088" not in str(error.value)


# --- column check for a column that went through a numeric cell ------------------------------


def ending_in_zero(count: int) -> list[str]:
    return [f"3201014508{index:05d}0" for index in range(1, count + 1)]


def test_column_all_ending_in_zero_looks_damaged() -> None:
    assert column_looks_excel_damaged(ending_in_zero(20)) is True


def test_column_too_short_to_judge() -> None:
    assert column_looks_excel_damaged(ending_in_zero(19)) is False


def test_column_with_one_value_not_ending_in_zero_is_fine() -> None:
    assert column_looks_excel_damaged([*ending_in_zero(30), WOMAN]) is False


def test_column_ignores_values_that_are_not_16_digits() -> None:
    values = [*ending_in_zero(20), "", "123", "abc", "3.20101E+15"]

    assert column_looks_excel_damaged(values) is True


def test_column_reads_values_with_separators() -> None:
    values = ["3201 0145 0880 0010"] * 5

    assert column_looks_excel_damaged(values, min_rows=5) is True
    assert column_looks_excel_damaged(values, min_rows=6) is False


def test_column_min_rows_must_be_positive() -> None:
    with pytest.raises(ValueError, match="min_rows"):
        column_looks_excel_damaged(ending_in_zero(3), min_rows=0)


# --- cross-checks against what the person stated ---------------------------------------------


@pytest.mark.parametrize(
    ("value", "stated"),
    [
        (WOMAN, date(1980, 8, 5)),  # the NIK says 45, the woman was born on the 5th
        (MAN, date(1980, 8, 5)),
        (WOMAN, date(1880, 8, 5)),  # the NIK has no century; only the two-digit year counts
    ],
)
def test_birth_date_matches(value: str, stated: date) -> None:
    assert check_birth_date(parse(value), stated) is None


@pytest.mark.parametrize(
    ("stated", "shown"),
    [
        (date(1980, 8, 6), "06-08-1980"),
        (date(1980, 9, 5), "05-09-1980"),
        (date(1981, 8, 5), "05-08-1981"),
    ],
)
def test_birth_date_mismatch(stated: date, shown: str) -> None:
    issue = check_birth_date(parse(WOMAN), stated)

    assert issue is not None
    assert issue.code == "nik.birth_date_mismatch"
    assert issue.severity is Severity.ERROR
    assert issue.params == {"stated": shown, "from_nik": "05-08-1980"}
    assert issue.message("id") == (
        f"Tanggal lahir yang diisi ({shown}) tidak sesuai dengan tanggal lahir pada NIK "
        "(05-08-1980)."
    )


def test_birth_date_with_the_40_still_added_is_a_mismatch() -> None:
    issue = check_birth_date(parse("3201014508800004"), date(1980, 8, 15))

    assert issue is not None
    assert issue.code == "nik.birth_date_mismatch"


@pytest.mark.parametrize(("value", "stated"), [(WOMAN, Sex.FEMALE), (MAN, Sex.MALE)])
def test_sex_matches(value: str, stated: Sex) -> None:
    assert check_sex(parse(value), stated) is None


@pytest.mark.parametrize(
    ("value", "stated", "from_nik"),
    [(WOMAN, Sex.MALE, "F"), (MAN, Sex.FEMALE, "M")],
)
def test_sex_mismatch(value: str, stated: Sex, from_nik: str) -> None:
    issue = check_sex(parse(value), stated)

    assert issue is not None
    assert issue.code == "nik.sex_mismatch"
    assert issue.severity is Severity.ERROR
    assert issue.params == {"stated": stated.value, "from_nik": from_nik}

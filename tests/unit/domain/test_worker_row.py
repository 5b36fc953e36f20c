"""One worker row: clean data out of raw cells, and every problem reported with its column."""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

import pytest

from payung.domain.errors import LANGUAGES, DomainError, Issue, Severity, catalogue
from payung.domain.headers import Field
from payung.domain.person import Sex
from payung.domain.worker_row import (
    HeirRelation,
    RowResult,
    validate_worker_row,
    village_ambiguous,
)

REFERENCE = date(2026, 11, 21)
WOMAN = "3201014508800004"  # Kab. Bogor, woman born 05-08-1980
HEIR = "3201010101750003"  # a man born 01-01-1975
VILLAGE = "32.01.01.2001"


class FakeVillages:
    """A village resolver with two villages, one name used twice, recording its calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, object]] = []

    def __call__(self, village: object, district: object) -> str:
        self.calls.append((village, district))
        name = str(village).strip().lower()
        if name == "sukamaju":
            return VILLAGE
        if name == "cibodas":
            raise village_ambiguous(village, ["32.01.02.2003", "32.01.05.2007"])
        raise DomainError("village.unknown", value=str(village))


def full_row(**changes: object) -> dict[Field, object]:
    row: dict[Field, object] = {
        Field.NIK: WOMAN,
        Field.KK: "3201012501200003",
        Field.FULL_NAME: "SITI AMINAH BINTI ALI",
        Field.SEX: "P",
        Field.BIRTH_PLACE: "BOGOR",
        Field.BIRTH_DATE: "05-08-1980",
        Field.ADDRESS: "Kp. Sukamaju  No. 3",
        Field.RT: "001",
        Field.RW: 2,
        Field.HAMLET: "Dusun II",
        Field.VILLAGE: "Sukamaju",
        Field.DISTRICT: "Babakan Madang",
        Field.PHONE: "0812-3456-7890",
        Field.OCCUPATION: "Buruh tani harian",
        Field.INCOME: 1500000.0,
        Field.MOTHER_NAME: "aminah",
        Field.HEIR_NAME: "AHMAD",
        Field.HEIR_RELATION: "Suami",
        Field.HEIR_NIK: HEIR,
        Field.HEIR_PHONE: "081298765432",
        Field.DECILE: 2,
        Field.NOTES: "baru",
    }
    row.update({Field(key): value for key, value in changes.items()})
    return row


def validate(
    values: dict[Field, object],
    *,
    default_village: str | None = None,
    district_exists: Callable[[str], bool] | None = None,
    resolver: FakeVillages | None = None,
) -> RowResult:
    return validate_worker_row(
        values,
        reference_date=REFERENCE,
        resolve_village=resolver or FakeVillages(),
        district_exists=district_exists,
        default_village=default_village,
    )


def found(result: RowResult) -> list[tuple[str, str, Severity]]:
    return [(i.code, str(i.params["field"]), i.severity) for i in result.issues]


def only_issue(result: RowResult) -> Issue:
    assert len(result.issues) == 1, result.issues
    return result.issues[0]


# --- a good row ------------------------------------------------------------------------------


def test_a_full_valid_row_gives_clean_data() -> None:
    result = validate(full_row())

    assert result.issues == ()
    assert result.is_valid
    data = result.data
    assert data is not None
    assert data.nik.value == WOMAN
    assert data.family_card is not None
    assert data.family_card.value == "3201012501200003"
    assert data.full_name == "Siti Aminah binti Ali"
    assert data.sex is Sex.FEMALE
    assert data.birth_place == "Bogor"
    assert data.birth_date == date(1980, 8, 5)
    assert data.village_code == VILLAGE
    assert data.hamlet == "Dusun II"
    assert (data.rt, data.rw) == ("001", "002")
    assert data.address == "Kp. Sukamaju No. 3"
    assert data.phone is not None
    assert data.phone.e164 == "+6281234567890"
    assert data.occupation is not None
    assert data.occupation.code == "farm_labourer"
    assert data.occupation_text == "Buruh tani harian"
    assert data.monthly_income == 1_500_000
    assert type(data.monthly_income) is int
    assert data.mother_name == "Aminah"
    assert len(data.heirs) == 1
    heir = data.heirs[0]
    assert heir.name == "Ahmad"
    assert heir.relation is HeirRelation.HUSBAND
    assert heir.nik is not None
    assert heir.nik.value == HEIR
    assert heir.phone is not None
    assert heir.phone.e164 == "+6281298765432"
    assert data.decile == 2


def test_a_minimal_row_with_a_default_village() -> None:
    values: dict[Field, object] = {
        Field.NIK: WOMAN,
        Field.FULL_NAME: "Siti",
        Field.SEX: "Perempuan",
        Field.BIRTH_DATE: datetime(1980, 8, 5),
        Field.MOTHER_NAME: "Aminah",
    }

    result = validate(values, default_village=VILLAGE)

    assert result.issues == ()
    assert result.data is not None
    assert result.data.village_code == VILLAGE
    assert result.data.family_card is None
    assert result.data.phone is None
    assert result.data.occupation is None
    assert result.data.occupation_text == ""
    assert result.data.monthly_income is None
    assert result.data.heirs == ()
    assert result.data.decile is None
    assert (result.data.birth_place, result.data.hamlet, result.data.rt) == ("", "", "")


def test_keys_may_be_plain_field_values() -> None:
    values = {field.value: value for field, value in full_row().items()}

    assert validate(values).is_valid  # type: ignore[arg-type]


# --- all problems, each with its column ------------------------------------------------------


def test_a_row_with_four_problems_reports_all_four_with_their_fields() -> None:
    values = full_row(
        nik=3201014508800004,  # a numeric Excel cell
        full_name="",
        birth_date="31-02-1980",
        phone="0812",
    )

    result = validate(values)

    assert result.data is None
    assert found(result) == [
        ("nik.excel_damaged", "nik", Severity.ERROR),
        ("row.required", "full_name", Severity.ERROR),
        ("date.invalid", "birth_date", Severity.ERROR),
        ("phone.length", "phone", Severity.ERROR),
    ]


def test_every_issue_names_its_field() -> None:
    values = full_row(
        nik="123",
        kk="KK",
        sex="X",
        birth_date="",
        ttl="",
        village="Atlantis",
        rt="1234",
        income="sejuta",
        mother_name="",
        heir_relation="tetangga",
        heir_nik="99",
        decile=11,
        occupation="astronot",
    )

    result = validate(values)

    assert result.data is None
    assert all(i.params["field"] in {f.value for f in Field} for i in result.issues)
    assert found(result) == [
        ("nik.length", "nik", Severity.ERROR),
        ("kk.not_digits", "kk", Severity.ERROR),
        ("sex.unknown", "sex", Severity.ERROR),
        ("row.required", "birth_date", Severity.ERROR),
        ("village.unknown", "village", Severity.ERROR),
        ("row.rt_rw", "rt", Severity.ERROR),
        ("occupation.unmatched", "occupation", Severity.WARNING),
        ("money.invalid", "income", Severity.ERROR),
        ("row.mother_name_missing", "mother_name", Severity.WARNING),
        ("heir.relation_other", "heir_relation", Severity.WARNING),
        ("nik.length", "heir_nik", Severity.ERROR),
        ("decile.range", "decile", Severity.ERROR),
    ]
    assert len(result.errors) == 9
    assert len(result.warnings) == 3


@pytest.mark.parametrize(
    "field", [Field.NIK, Field.FULL_NAME, Field.SEX, Field.BIRTH_DATE, Field.VILLAGE]
)
def test_each_required_field(field: Field) -> None:
    values = full_row()
    del values[field]
    if field is Field.VILLAGE:
        del values[Field.DISTRICT]

    issue = only_issue(validate(values))

    assert issue.code == "row.required"
    assert issue.params == {
        "field": field.value,
        "label_id": field.label_id,
        "label_en": field.label_en,
    }
    assert issue.message("id") == f"{field.label_id} wajib diisi."


@pytest.mark.parametrize("blank", [None, "", "   ", "-", float("nan")])
def test_blank_cells_count_as_missing(blank: object) -> None:
    issue = only_issue(validate(full_row(full_name=blank)))

    assert (issue.code, issue.params["field"]) == ("row.required", "full_name")


# --- birth date and the NIK ------------------------------------------------------------------


def test_birth_date_and_place_from_a_ttl_column() -> None:
    values = full_row(ttl="BOGOR, 05 AGUSTUS 1980")
    del values[Field.BIRTH_DATE]
    del values[Field.BIRTH_PLACE]

    result = validate(values)

    assert result.data is not None
    assert (result.data.birth_place, result.data.birth_date) == ("Bogor", date(1980, 8, 5))


def test_birth_place_column_wins_over_the_ttl_place() -> None:
    result = validate(full_row(birth_place="kota bogor", ttl="Bogor, 05-08-1980"))

    assert result.data is not None
    assert result.data.birth_place == "Kota Bogor"


def test_birth_date_and_ttl_must_agree() -> None:
    issue = only_issue(validate(full_row(ttl="Bogor, 06-08-1980")))

    assert issue.code == "row.birth_date_conflict"
    assert issue.params == {"field": "birth_date", "birth_date": "05-08-1980", "ttl": "06-08-1980"}


def test_a_ttl_that_cannot_be_split_is_reported_on_the_ttl_column() -> None:
    values = full_row(ttl="Bogor")
    del values[Field.BIRTH_DATE]

    result = validate(values)

    assert found(result) == [("ttl.format", "ttl", Severity.ERROR)]


def test_excel_serial_birth_date() -> None:
    result = validate(full_row(birth_date=29438))  # 1899-12-30 + 29438 days = 1980-08-05

    assert result.data is not None
    assert result.data.birth_date == date(1980, 8, 5)


def test_nik_birth_date_mismatch_is_an_error_on_the_nik() -> None:
    issue = only_issue(validate(full_row(birth_date="06-08-1980")))

    assert issue.code == "nik.birth_date_mismatch"
    assert issue.severity is Severity.ERROR
    assert issue.params == {"field": "nik", "stated": "06-08-1980", "from_nik": "05-08-1980"}


def test_nik_sex_mismatch_is_an_error_on_the_nik() -> None:
    issue = only_issue(validate(full_row(sex="L")))

    assert issue.code == "nik.sex_mismatch"
    assert issue.severity is Severity.ERROR
    assert issue.params["field"] == "nik"


def test_unknown_nik_district_is_a_warning_and_the_row_stays_valid() -> None:
    result = validate(full_row(), district_exists=lambda code: code != "32.01.01")

    assert result.is_valid
    assert found(result) == [
        ("nik.district_unknown", "nik", Severity.WARNING),
        ("nik.district_unknown", "heir_nik", Severity.WARNING),
    ]


# --- village ---------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["32.01.01.2001", "3201012001", 3201012001, 3201012001.0])
def test_village_code_column_is_used_without_the_resolver(code: object) -> None:
    resolver = FakeVillages()

    result = validate(full_row(village_code=code, village="Atlantis"), resolver=resolver)

    assert result.data is not None
    assert result.data.village_code == VILLAGE
    assert resolver.calls == []


def test_a_village_code_that_is_not_a_village() -> None:
    issue = only_issue(validate(full_row(village_code="32.01.01")))

    assert (issue.code, issue.params["field"]) == ("region.level", "village_code")


def test_resolver_gets_the_village_and_district_cells() -> None:
    resolver = FakeVillages()

    validate(full_row(), resolver=resolver)

    assert resolver.calls == [("Sukamaju", "Babakan Madang")]


def test_unknown_village() -> None:
    issue = only_issue(validate(full_row(village="Atlantis")))

    assert issue.code == "village.unknown"
    assert issue.params == {"field": "village", "value": "Atlantis"}


def test_ambiguous_village_lists_the_candidates() -> None:
    issue = only_issue(validate(full_row(village="Cibodas")))

    assert issue.code == "village.ambiguous"
    assert issue.params == {
        "field": "village",
        "value": "Cibodas",
        "candidates": "32.01.02.2003, 32.01.05.2007",
    }


def test_the_row_village_wins_over_the_default() -> None:
    result = validate(full_row(), default_village="32.01.09.2009")

    assert result.data is not None
    assert result.data.village_code == VILLAGE


# --- RT / RW ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rt", "rw", "rt_rw", "expected"),
    [
        ("001", "002", None, ("001", "002")),
        ("1", 2.0, None, ("001", "002")),
        ("RT 05", "RW. 3", None, ("005", "003")),
        (None, None, "01/02", ("001", "002")),
        (None, None, "001 / 012", ("001", "012")),
        (None, None, "RT 01 RW 02", ("001", "002")),
        (None, None, "3-4", ("003", "004")),
        ("7", None, "01/02", ("007", "002")),
        (None, None, None, ("", "")),
        ("-", "-", None, ("", "")),
    ],
)
def test_rt_and_rw(rt: object, rw: object, rt_rw: object, expected: tuple[str, str]) -> None:
    values = full_row(rt=rt, rw=rw, rt_rw=rt_rw)

    result = validate(values)

    assert result.data is not None, result.issues
    assert (result.data.rt, result.data.rw) == expected


@pytest.mark.parametrize(
    ("field", "raw"),
    [
        ("rt", "1234"),
        ("rt", "satu"),
        ("rw", -1),
        ("rw", 2.5),
        ("rt_rw", "0102"),
        ("rt_rw", "01"),
        ("rt_rw", datetime(2026, 2, 1)),  # Excel read "01/02" as a date
    ],
)
def test_rt_rw_refused(field: str, raw: object) -> None:
    issue = only_issue(validate(full_row(**{field: raw})))

    assert issue.code == "row.rt_rw"
    assert issue.params["field"] == field
    assert set(issue.params) == {"field", "value"}


# --- optional fields -------------------------------------------------------------------------


def test_phone_errors_are_row_errors() -> None:
    issue = only_issue(validate(full_row(phone="+65 9123 4567")))

    assert (issue.code, issue.params["field"]) == ("phone.country", "phone")


def test_unknown_occupation_is_a_warning_and_the_text_is_kept() -> None:
    result = validate(full_row(occupation="  Astronot  "))

    assert result.is_valid
    assert result.data is not None
    assert result.data.occupation is None
    assert result.data.occupation_text == "Astronot"
    issue = only_issue(result)
    assert issue.code == "occupation.unmatched"
    assert issue.severity is Severity.WARNING
    assert issue.params == {"field": "occupation", "value": "Astronot"}


def test_missing_mother_name_is_a_warning() -> None:
    result = validate(full_row(mother_name=None))

    assert result.is_valid
    assert result.data is not None
    assert result.data.mother_name == ""
    issue = only_issue(result)
    assert (issue.code, issue.severity) == ("row.mother_name_missing", Severity.WARNING)
    assert issue.params == {"field": "mother_name"}


def test_bad_mother_name_is_an_error() -> None:
    issue = only_issue(validate(full_row(mother_name="Ibu 2")))

    assert (issue.code, issue.params["field"]) == ("name.invalid", "mother_name")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1500000, 1_500_000),
        (1500000.0, 1_500_000),
        (Decimal("1500000"), 1_500_000),
        ("1500000", 1_500_000),
        ("1.500.000", 1_500_000),
        ("Rp 1.500.000", 1_500_000),
        ("RP. 1.500.000", 1_500_000),
        ("Rp1,500,000", 1_500_000),
        ("1.500.000,00", 1_500_000),
        ("1,500,000.00", 1_500_000),
        (0, 0),
        (None, None),
        ("-", None),
    ],
)
def test_income(raw: object, expected: int | None) -> None:
    result = validate(full_row(income=raw))

    assert result.data is not None, result.issues
    assert result.data.monthly_income == expected


@pytest.mark.parametrize(
    ("raw", "code", "value"),
    [
        (1500000.5, "income.invalid", "1500000.5"),
        (True, "income.invalid", "True"),
        ("1.500.000,50", "income.invalid", "1.500.000,50"),
        ("1,5 juta", "money.invalid", "1,5 juta"),
        (-5, "money.negative", -5),
    ],
)
def test_income_refused(raw: object, code: str, value: object) -> None:
    issue = only_issue(validate(full_row(income=raw)))

    assert issue.code == code
    assert issue.params == {"field": "income", "value": value}


@pytest.mark.parametrize(
    ("raw", "expected"), [(1, 1), (10, 10), (4.0, 4), ("3", 3), ("Desil 4", 4)]
)
def test_decile(raw: object, expected: int) -> None:
    result = validate(full_row(decile=raw))

    assert result.data is not None
    assert result.data.decile == expected


@pytest.mark.parametrize(
    ("raw", "shown"),
    [(0, "0"), (11, "11"), ("4,5", "4,5"), (4.5, "4.5"), ("sangat miskin", "sangat miskin")],
)
def test_decile_range(raw: object, shown: str) -> None:
    issue = only_issue(validate(full_row(decile=raw)))

    assert issue.code == "decile.range"
    assert issue.params == {"field": "decile", "value": shown}


def test_text_longer_than_the_register_holds() -> None:
    issue = only_issue(validate(full_row(address="x" * 301)))

    assert issue.code == "row.too_long"
    assert issue.params == {
        "field": "address",
        "label_id": "Alamat",
        "label_en": "Address",
        "length": 301,
        "max": 300,
    }


# --- heirs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "relation"),
    [
        ("Istri", HeirRelation.WIFE),
        ("ISTERI", HeirRelation.WIFE),
        ("suami", HeirRelation.HUSBAND),
        ("Anak kandung", HeirRelation.CHILD),
        ("Putri", HeirRelation.CHILD),
        ("Bapak", HeirRelation.FATHER),
        ("Ibu Kandung", HeirRelation.MOTHER),
        ("Kakak", HeirRelation.SIBLING),
        ("Saudara kandung", HeirRelation.SIBLING),
        ("Cucu", HeirRelation.OTHER),
        ("Lain-lain", HeirRelation.OTHER),
    ],
)
def test_heir_relation_is_normalised(written: str, relation: HeirRelation) -> None:
    result = validate(full_row(heir_relation=written))

    assert result.issues == ()
    assert result.data is not None
    assert result.data.heirs[0].relation is relation


@pytest.mark.parametrize(("written", "shown"), [("tetangga", "tetangga"), (None, "")])
def test_unknown_or_empty_heir_relation_is_other_with_a_warning(
    written: object, shown: str
) -> None:
    result = validate(full_row(heir_relation=written))

    assert result.data is not None
    assert result.data.heirs[0].relation is HeirRelation.OTHER
    issue = only_issue(result)
    assert (issue.code, issue.severity) == ("heir.relation_other", Severity.WARNING)
    assert issue.params == {"field": "heir_relation", "value": shown}


def test_heir_nik_and_phone_are_optional() -> None:
    result = validate(full_row(heir_nik=None, heir_phone=""))

    assert result.data is not None
    assert result.data.heirs[0].nik is None
    assert result.data.heirs[0].phone is None


def test_heir_details_without_a_name() -> None:
    issue = only_issue(validate(full_row(heir_name=None)))

    assert (issue.code, issue.params["field"]) == ("row.required", "heir_name")


def test_heir_errors_carry_the_heir_fields() -> None:
    result = validate(full_row(heir_name="123", heir_nik=3201010101750003, heir_phone="12"))

    assert found(result) == [
        ("name.invalid", "heir_name", Severity.ERROR),
        ("nik.excel_damaged", "heir_nik", Severity.ERROR),
        ("phone.prefix", "heir_phone", Severity.ERROR),
    ]


def test_no_heir_columns_means_no_heirs() -> None:
    values = full_row()
    for field in (Field.HEIR_NAME, Field.HEIR_RELATION, Field.HEIR_NIK, Field.HEIR_PHONE):
        del values[field]

    result = validate(values)

    assert result.data is not None
    assert result.data.heirs == ()


# --- the codes this module defines -----------------------------------------------------------


def _issue(values: dict[Field, object]) -> Issue:
    result = validate(values)
    return result.issues[0]


CODES: dict[str, Callable[[], Issue]] = {
    "village.unknown": lambda: _issue(full_row(village="Atlantis")),
    "village.ambiguous": lambda: _issue(full_row(village="Cibodas")),
    "row.required": lambda: _issue(full_row(nik=None)),
    "row.birth_date_conflict": lambda: _issue(full_row(ttl="Bogor, 01-01-1981")),
    "row.rt_rw": lambda: _issue(full_row(rt="1234")),
    "row.too_long": lambda: _issue(full_row(hamlet="x" * 101)),
    "row.mother_name_missing": lambda: _issue(full_row(mother_name=None)),
    "income.invalid": lambda: _issue(full_row(income=1.5)),
    "decile.range": lambda: _issue(full_row(decile=0)),
    "heir.relation_other": lambda: _issue(full_row(heir_relation="tetangga")),
}


def test_every_code_of_the_module_has_an_example() -> None:
    prefixes = ("village.", "row.required", "row.birth", "row.rt", "row.too", "row.mother")
    registered = {
        code for code in catalogue() if code.startswith((*prefixes, "income.", "decile.", "heir."))
    }

    assert registered == set(CODES)


@pytest.mark.parametrize("code", sorted(CODES))
def test_messages_format_in_both_languages_with_the_params_sent(code: str) -> None:
    issue = CODES[code]()
    message = catalogue()[code]

    def names(template: str) -> set[str]:
        return {n for _, n, _, _ in string.Formatter().parse(template) if n}

    assert issue.code == code
    assert message.id != message.en
    # The column is named in each language's own words: label_id in Indonesian, label_en in English.
    assert names(message.id) - {"label_id"} == names(message.en) - {"label_en"}
    assert names(message.id) | names(message.en) <= set(issue.params)
    for lang in LANGUAGES:
        assert "{" not in issue.message(lang)

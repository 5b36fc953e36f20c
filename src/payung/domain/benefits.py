"""What BPJS owes after a work accident (JKK) or a death (JKM), each amount with its reason.

The amounts come from a :class:`BenefitTable` chosen by the event date (:meth:`BenefitTables.on`):
the shipped ``payung/data/benefit_tables.json`` holds the PP 82/2019 values from 2 December 2019;
another version is one more entry with its own ``effective_from``. A value the regulation's text
was not read for carries ``confirmed: false`` in the file and is listed in
:attr:`BenefitTable.unconfirmed`.

Money is whole rupiah. A multiple of the income (60% × 80 months, a table percentage × 80) is
computed exactly and rounded **once**, half up to the whole rupiah (``money.round_rupiah``).
The "income" is the monthly wage; for a BPU worker the declared income the event month's
contribution was billed on — the caller passes it in.

Every :class:`Amount` carries a note (an ``Issue`` with severity INFO) saying why it is what it
is; an entitlement's ``notes`` add what was not granted and why (no education benefit before 36
paid months, a claim past the 5-year lapse).

The education benefit is a yearly schedule per child (:func:`education_schedule`). BPJS pays it
year by year while the child is at school; the schedule is a forecast under stated assumptions
(:class:`SchoolAssumptions`): the child moves up one grade each school year, a school year starts
on 1 July, a child is paid for a school year that starts before their 23rd birthday, and the
schedule stops at the cap for both children (the last payment cut to what is left). Marriage or
work ends a child's benefit: the caller passes the date (``Child.ends_on``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from importlib import resources
from itertools import pairwise
from typing import Any, Final

from payung.domain.errors import DomainError, Issue, note, register
from payung.domain.money import format_rupiah, round_rupiah

NO_TABLE: Final = register(
    "benefit.no_table",
    id="Tidak ada tabel manfaat yang berlaku pada {day}.",
    en="No benefit table applies on {day}.",
)
TABLE_OVERLAP: Final = register(
    "benefit.table_overlap",
    id="Tabel manfaat mulai {first} dan mulai {second} tumpang tindih.",
    en="The benefit tables starting {first} and {second} overlap.",
)
TABLE_DATES: Final = register(
    "benefit.table_dates",
    id="Tabel manfaat berakhir {end} sebelum mulai berlaku {start}.",
    en="The benefit table ends {end} before it starts {start}.",
)
INCOME: Final = register(
    "benefit.income",
    id="Penghasilan sebulan harus lebih dari nol, bukan {value}.",
    en="The monthly income must be more than zero, not {value}.",
)
DISABILITY_UNKNOWN: Final = register(
    "benefit.disability_unknown",
    id="Jenis cacat '{code}' tidak ada dalam tabel cacat sebagian.",
    en="Disability '{code}' is not in the partial-disability table.",
)
DAYS: Final = register(
    "benefit.days",
    id="Jumlah hari tidak mampu bekerja tidak boleh negatif: {value}.",
    en="The number of days unable to work must not be negative: {value}.",
)
# Notes: the reason given with each amount.
R_JKM_LUMP_SUM: Final = register(
    "benefit.jkm_lump_sum",
    id="Santunan sekaligus JKM {amount} ({basis}).",
    en="JKM lump-sum death benefit {amount} ({basis}).",
)
R_JKM_PERIODIC: Final = register(
    "benefit.jkm_periodic",
    id="Santunan berkala JKM dibayar sekaligus {amount} ({basis}).",
    en="JKM periodic benefit paid at once {amount} ({basis}).",
)
R_FUNERAL: Final = register(
    "benefit.funeral",
    id="Biaya pemakaman {amount} ({basis}).",
    en="Funeral costs {amount} ({basis}).",
)
R_JKK_DEATH: Final = register(
    "benefit.jkk_death",
    id="Santunan kematian JKK {percent}% × {months} × penghasilan {income} = {amount}.",
    en="JKK death benefit {percent}% × {months} × income {income} = {amount}.",
)
R_JKK_DEATH_MINIMUM: Final = register(
    "benefit.jkk_death_minimum",
    id="Santunan kematian JKK {percent}% × {months} × penghasilan {income} = {computed}, kurang "
    "dari batas terendah; dibayar batas terendah {amount}.",
    en="JKK death benefit {percent}% × {months} × income {income} = {computed}, below the "
    "minimum; the minimum {amount} is paid.",
)
R_JKK_PERIODIC: Final = register(
    "benefit.jkk_periodic",
    id="Santunan berkala JKK dibayar sekaligus {amount} ({basis}).",
    en="JKK periodic benefit paid at once {amount} ({basis}).",
)
R_TOTAL_DISABILITY: Final = register(
    "benefit.total_disability",
    id="Santunan cacat total tetap {percent}% × {months} × penghasilan {income} = {amount}.",
    en="Total permanent disability benefit {percent}% × {months} × income {income} = {amount}.",
)
R_PARTIAL_DISABILITY: Final = register(
    "benefit.partial_disability",
    id="Santunan cacat sebagian ({label}) {percent}% × {months} × penghasilan {income} = {amount}"
    " (dibulatkan ke rupiah terdekat).",
    en="Partial disability benefit ({label_en}) {percent}% × {months} × income {income} = {amount}"
    " (rounded to the nearest rupiah).",
)
R_STMB: Final = register(
    "benefit.stmb",
    id="Santunan sementara tidak mampu bekerja: {full_days} hari × {full_percent}% dan "
    "{later_days} hari × {later_percent}% dari penghasilan {income} per {days_per_month} hari "
    "= {amount}.",
    en="Temporary incapacity benefit: {full_days} days at {full_percent}% and {later_days} days "
    "at {later_percent}% of income {income} per {days_per_month} days = {amount}.",
)
R_TRANSPORT: Final = register(
    "benefit.transport",
    id="Biaya pengangkutan ({mode_id}) {amount}: diajukan {claimed}, paling banyak {cap}.",
    en="Transport costs ({mode_en}) {amount}: {claimed} claimed, at most {cap}.",
)
R_MEDICAL: Final = register(
    "benefit.medical",
    id="Perawatan dan pengobatan sesuai kebutuhan medis tanpa batas biaya; dicatat, tidak "
    "dihitung di sini.",
    en="Medical care as needed with no ceiling; recorded, not computed here.",
)
R_EDUCATION: Final = register(
    "benefit.education",
    id="Beasiswa pendidikan {child} tahun ajaran {school_year} ({level}): {amount}.",
    en="Education benefit for {child}, school year {school_year} ({level}): {amount}.",
)
R_EDUCATION_CAPPED: Final = register(
    "benefit.education_capped",
    id="Beasiswa pendidikan {child} tahun ajaran {school_year} ({level}) dipotong menjadi "
    "{amount}: batas {cap} untuk semua anak tercapai.",
    en="Education benefit for {child}, school year {school_year} ({level}) cut to {amount}: "
    "the cap of {cap} for all children is reached.",
)
R_EDUCATION_TOO_FEW_MONTHS: Final = register(
    "benefit.education_too_few_months",
    id="Tidak ada beasiswa pendidikan: iuran baru dibayar {paid} bulan, syaratnya paling "
    "sedikit {needed} bulan.",
    en="No education benefit: contributions were paid for {paid} months, at least {needed} "
    "are needed.",
)
R_EDUCATION_WORK_ACCIDENT: Final = register(
    "benefit.education_work_accident",
    id="Tidak ada beasiswa pendidikan dari JKM: kematian karena kecelakaan kerja (dibayar dari "
    "JKK).",
    en="No JKM education benefit: the death was a work accident (paid under JKK).",
)
R_EDUCATION_NO_CHILDREN: Final = register(
    "benefit.education_no_children",
    id="Tidak ada beasiswa pendidikan: tidak ada anak yang bersekolah tercatat.",
    en="No education benefit: no child at school is recorded.",
)
R_EDUCATION_EXTRA_CHILD: Final = register(
    "benefit.education_extra_child",
    id="{child} tidak mendapat beasiswa: paling banyak {max} anak.",
    en="{child} gets no education benefit: at most {max} children.",
)
R_LAPSED: Final = register(
    "benefit.lapsed",
    id="Hak atas manfaat JKK kedaluwarsa: kecelakaan {event}, batas pengajuan {last_day} "
    "({years} tahun sejak kecelakaan), diajukan {claimed}.",
    en="The JKK claim has lapsed: accident on {event}, last day to claim {last_day} ({years} "
    "years from the accident), claimed on {claimed}.",
)


class Component(StrEnum):
    JKM_LUMP_SUM = "jkm_lump_sum"
    JKM_PERIODIC = "jkm_periodic"
    FUNERAL = "funeral"
    JKK_DEATH = "jkk_death"
    JKK_PERIODIC = "jkk_periodic"
    TOTAL_DISABILITY = "total_disability"
    PARTIAL_DISABILITY = "partial_disability"
    STMB = "stmb"
    TRANSPORT = "transport"
    MEDICAL = "medical"
    EDUCATION = "education"


class Transport(StrEnum):
    LAND = "land"
    SEA = "sea"
    AIR = "air"


# How each mode is said in a reason (Indonesian, English).
TRANSPORT_WORDS: Final[Mapping[Transport, tuple[str, str]]] = {
    Transport.LAND: ("darat", "by land"),
    Transport.SEA: ("laut", "by sea"),
    Transport.AIR: ("udara", "by air"),
}


class SchoolLevel(StrEnum):
    TK = "tk"
    SD = "sd"
    SMP = "smp"
    SMA = "sma"
    HIGHER = "higher"  # higher education or vocational training


# Grades in a level; HIGHER lasts until the age limit.
LEVEL_YEARS: Final[Mapping[SchoolLevel, int]] = {
    SchoolLevel.TK: 2,
    SchoolLevel.SD: 6,
    SchoolLevel.SMP: 3,
    SchoolLevel.SMA: 3,
    SchoolLevel.HIGHER: 99,
}
LEVEL_LABELS: Final[Mapping[SchoolLevel, str]] = {
    SchoolLevel.TK: "TK",
    SchoolLevel.SD: "SD",
    SchoolLevel.SMP: "SMP",
    SchoolLevel.SMA: "SMA",
    SchoolLevel.HIGHER: "PT/pelatihan",
}
_NEXT_LEVEL: Final[Mapping[SchoolLevel, SchoolLevel]] = {
    SchoolLevel.TK: SchoolLevel.SD,
    SchoolLevel.SD: SchoolLevel.SMP,
    SchoolLevel.SMP: SchoolLevel.SMA,
    SchoolLevel.SMA: SchoolLevel.HIGHER,
    SchoolLevel.HIGHER: SchoolLevel.HIGHER,
}


@dataclass(frozen=True)
class BenefitTable:
    """One version of the benefit amounts, in force from ``effective_from`` (inclusive) to
    ``effective_to`` (inclusive; None: open)."""

    effective_from: date
    effective_to: date | None
    basis: str
    jkm_lump_sum: int
    jkm_periodic: int
    funeral: int
    jkk_death_percent: Decimal
    jkk_months: int
    jkk_death_minimum: int
    jkk_periodic: int
    total_disability_percent: Decimal
    stmb_full_months: int
    stmb_full_percent: Decimal
    stmb_later_percent: Decimal
    stmb_days_per_month: int
    transport: Mapping[Transport, int]
    education_min_paid_months: int
    jkk_education_min_paid_months: int
    education_max_children: int
    education_age_limit: int
    education_total_cap: int
    education_per_year: Mapping[SchoolLevel, int]
    jkk_lapse_years: int | None
    jkm_lapse_years: int | None
    unconfirmed: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise DomainError(
                TABLE_DATES,
                start=self.effective_from.isoformat(),
                end=self.effective_to.isoformat(),
            )

    def applies_on(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


@dataclass(frozen=True)
class DisabilityRow:
    code: str
    label_id: str
    label_en: str
    percent: Decimal
    confirmed: bool


@dataclass(frozen=True)
class BenefitTables:
    versions: tuple[BenefitTable, ...]
    disability: Mapping[str, DisabilityRow] = field(default_factory=dict)

    def __post_init__(self) -> None:
        ordered = sorted(self.versions, key=lambda t: t.effective_from)
        for one, other in pairwise(ordered):
            if one.effective_to is None or one.effective_to >= other.effective_from:
                raise DomainError(
                    TABLE_OVERLAP,
                    first=one.effective_from.isoformat(),
                    second=other.effective_from.isoformat(),
                )

    def on(self, day: date) -> BenefitTable:
        """The table in force on ``day`` (the event date), or ``benefit.no_table``."""
        for table in self.versions:
            if table.applies_on(day):
                return table
        raise DomainError(NO_TABLE, day=day.isoformat())

    def disability_row(self, code: str) -> DisabilityRow:
        row = self.disability.get(code)
        if row is None:
            raise DomainError(DISABILITY_UNKNOWN, code=code)
        return row


def _value(values: Mapping[str, Any], key: str) -> Any:
    return values[key]["value"]


def _table_from(entry: Mapping[str, Any]) -> BenefitTable:
    values: Mapping[str, Any] = entry["values"]
    end = entry["effective_to"]
    return BenefitTable(
        effective_from=date.fromisoformat(entry["effective_from"]),
        effective_to=None if end is None else date.fromisoformat(end),
        basis=entry["basis"],
        jkm_lump_sum=_value(values, "jkm_lump_sum"),
        jkm_periodic=_value(values, "jkm_periodic"),
        funeral=_value(values, "funeral"),
        jkk_death_percent=Decimal(_value(values, "jkk_death_percent")),
        jkk_months=_value(values, "jkk_months"),
        jkk_death_minimum=_value(values, "jkk_death_minimum"),
        jkk_periodic=_value(values, "jkk_periodic"),
        total_disability_percent=Decimal(_value(values, "total_disability_percent")),
        stmb_full_months=_value(values, "stmb_full_months"),
        stmb_full_percent=Decimal(_value(values, "stmb_full_percent")),
        stmb_later_percent=Decimal(_value(values, "stmb_later_percent")),
        stmb_days_per_month=_value(values, "stmb_days_per_month"),
        transport={mode: _value(values, f"transport_{mode.value}") for mode in Transport},
        education_min_paid_months=_value(values, "education_min_paid_months"),
        jkk_education_min_paid_months=_value(values, "jkk_education_min_paid_months"),
        education_max_children=_value(values, "education_max_children"),
        education_age_limit=_value(values, "education_age_limit"),
        education_total_cap=_value(values, "education_total_cap"),
        education_per_year={
            SchoolLevel.TK: _value(values, "education_tk_sd"),
            SchoolLevel.SD: _value(values, "education_tk_sd"),
            SchoolLevel.SMP: _value(values, "education_smp"),
            SchoolLevel.SMA: _value(values, "education_sma"),
            SchoolLevel.HIGHER: _value(values, "education_higher"),
        },
        jkk_lapse_years=_value(values, "jkk_lapse_years"),
        jkm_lapse_years=_value(values, "jkm_lapse_years"),
        unconfirmed=frozenset(k for k, v in values.items() if not v["confirmed"]),
    )


def parse_benefit_tables(text: str) -> BenefitTables:
    """The tables of a ``benefit_tables.json`` text (the shipped file's format)."""
    data = json.loads(text)
    rows = {
        row["code"]: DisabilityRow(
            row["code"], row["id"], row["en"], Decimal(row["percent"]), row["confirmed"]
        )
        for row in data["partial_disability"]["rows"]
    }
    return BenefitTables(tuple(_table_from(entry) for entry in data["versions"]), rows)


DATA_FILE: Final = "benefit_tables.json"
# Shipped reference data, read once.
BENEFIT_TABLES: Final = parse_benefit_tables(
    resources.files("payung.data").joinpath(DATA_FILE).read_text("utf-8")
)


@dataclass(frozen=True)
class Amount:
    component: Component
    amount: int
    reason: Issue


@dataclass(frozen=True)
class Child:
    """A child of the deceased: ``level`` and ``grade`` (1-based, within the level) in the
    school year the event falls in; ``ends_on``: marriage or work, when known."""

    name: str
    birth_date: date
    level: SchoolLevel
    grade: int = 1
    ends_on: date | None = None


@dataclass(frozen=True)
class SchoolAssumptions:
    """How a schedule moves a child on (explicit, so a screen can state them)."""

    year_starts_month: int = 7  # a school year starts on the 1st of this month
    level_years: Mapping[SchoolLevel, int] = field(default_factory=lambda: dict(LEVEL_YEARS))


@dataclass(frozen=True)
class SchoolYear:
    child: str
    school_year: int  # the calendar year it starts in: 2026 is 2026/2027
    level: SchoolLevel
    amount: int
    reason: Issue

    @property
    def label(self) -> str:
        return f"{self.school_year}/{self.school_year + 1}"


@dataclass(frozen=True)
class Entitlement:
    amounts: tuple[Amount, ...]
    education: tuple[SchoolYear, ...] = ()
    notes: tuple[Issue, ...] = ()
    lapsed: bool = False

    @property
    def total(self) -> int:
        """What is paid now: every amount (education is paid year by year, not included)."""
        return sum(a.amount for a in self.amounts)

    @property
    def education_total(self) -> int:
        return sum(year.amount for year in self.education)

    def amount_of(self, component: Component) -> int:
        return sum(a.amount for a in self.amounts if a.component is component)


def _fixed(component: Component, code: str, amount: int, table: BenefitTable) -> Amount:
    return Amount(component, amount, note(code, amount=format_rupiah(amount), basis=table.basis))


def _check_income(income: int) -> None:
    if income <= 0:
        raise DomainError(INCOME, value=income)


def _multiple(income: int, percent: Decimal, months: int) -> int:
    """``percent`` % × ``months`` × ``income``, rounded once, half up."""
    return round_rupiah(Decimal(income) * percent * months / 100)


def school_year_of(day: date, assumptions: SchoolAssumptions) -> int:
    """The school year ``day`` falls in, by the year it starts."""
    return day.year if day.month >= assumptions.year_starts_month else day.year - 1


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def education_schedule(
    children: Sequence[Child],
    *,
    event: date,
    table: BenefitTable,
    assumptions: SchoolAssumptions | None = None,
) -> tuple[tuple[SchoolYear, ...], tuple[Issue, ...]]:
    """The yearly education benefit of at most the table's number of children (in the order
    given), from the school year of ``event``, with the children left out and why."""
    rules = assumptions or SchoolAssumptions()
    notes = tuple(
        note(R_EDUCATION_EXTRA_CHILD, child=child.name, max=table.education_max_children)
        for child in children[table.education_max_children :]
    )
    first = school_year_of(event, rules)
    plans = [
        _child_years(child, first, table, rules)
        for child in children[: table.education_max_children]
    ]
    rows = sorted((row for plan in plans for row in plan), key=lambda r: r[1])
    left = table.education_total_cap
    schedule: list[SchoolYear] = []
    for child, year, level in rows:
        due = table.education_per_year[level]
        paid = min(due, left)
        if paid <= 0:
            break
        code = R_EDUCATION if paid == due else R_EDUCATION_CAPPED
        reason = note(
            code,
            child=child,
            school_year=f"{year}/{year + 1}",
            level=LEVEL_LABELS[level],
            amount=format_rupiah(paid),
            cap=format_rupiah(table.education_total_cap),
        )
        schedule.append(SchoolYear(child, year, level, paid, reason))
        left -= paid
    return tuple(schedule), notes


def _child_years(
    child: Child, first: int, table: BenefitTable, rules: SchoolAssumptions
) -> list[tuple[str, int, SchoolLevel]]:
    years: list[tuple[str, int, SchoolLevel]] = []
    level, grade, year = child.level, child.grade, first
    while True:
        starts = date(year, rules.year_starts_month, 1)
        if _age_on(child.birth_date, starts) >= table.education_age_limit:
            return years
        if child.ends_on is not None and child.ends_on < starts:
            return years
        years.append((child.name, year, level))
        year += 1
        grade += 1
        if grade > rules.level_years[level]:
            level, grade = _NEXT_LEVEL[level], 1


def jkm_death(
    *,
    event: date,
    paid_months: int,
    children: Sequence[Child] = (),
    work_accident: bool = False,
    tables: BenefitTables = BENEFIT_TABLES,
    assumptions: SchoolAssumptions | None = None,
) -> Entitlement:
    """JKM after a death (any cause while protected): lump sum + periodic at once + funeral,
    and the education schedule when contributions were paid for the table's months (36) and
    the death was not a work accident."""
    table = tables.on(event)
    amounts = (
        _fixed(Component.JKM_LUMP_SUM, R_JKM_LUMP_SUM, table.jkm_lump_sum, table),
        _fixed(Component.JKM_PERIODIC, R_JKM_PERIODIC, table.jkm_periodic, table),
        _fixed(Component.FUNERAL, R_FUNERAL, table.funeral, table),
    )
    if work_accident:
        return Entitlement(amounts, notes=(note(R_EDUCATION_WORK_ACCIDENT),))
    if paid_months < table.education_min_paid_months:
        reason = note(
            R_EDUCATION_TOO_FEW_MONTHS, paid=paid_months, needed=table.education_min_paid_months
        )
        return Entitlement(amounts, notes=(reason,))
    return _with_education(amounts, children, event, table, assumptions)


def _with_education(
    amounts: tuple[Amount, ...],
    children: Sequence[Child],
    event: date,
    table: BenefitTable,
    assumptions: SchoolAssumptions | None,
) -> Entitlement:
    if not children:
        return Entitlement(amounts, notes=(note(R_EDUCATION_NO_CHILDREN),))
    schedule, notes = education_schedule(
        children, event=event, table=table, assumptions=assumptions
    )
    return Entitlement(amounts, schedule, notes)


def lapse_last_day(event: date, years: int | None) -> date | None:
    """The last day a claim is in time: the ``years``-th anniversary of ``event`` ("5 tahun
    sejak kecelakaan": the anniversary itself still counts). 29 February falls on 1 March in a
    year without it (the later day, in the claimant's favour). None: no lapse."""
    if years is None:
        return None
    try:
        return event.replace(year=event.year + years)
    except ValueError:
        return date(event.year + years, 3, 1)


def lapse_note(event: date, claimed_on: date, table: BenefitTable) -> Issue | None:
    """``benefit.lapsed`` when a JKK claim made on ``claimed_on`` is past its lapse."""
    last = lapse_last_day(event, table.jkk_lapse_years)
    if last is None or claimed_on <= last:
        return None
    return note(
        R_LAPSED,
        event=event.isoformat(),
        last_day=last.isoformat(),
        years=table.jkk_lapse_years,
        claimed=claimed_on.isoformat(),
    )


def _lapsed(entitlement: Entitlement, reason: Issue | None) -> Entitlement:
    if reason is None:
        return entitlement
    return Entitlement((), notes=(reason,), lapsed=True)


def jkk_death(
    *,
    event: date,
    income: int,
    claimed_on: date,
    children: Sequence[Child] = (),
    tables: BenefitTables = BENEFIT_TABLES,
    assumptions: SchoolAssumptions | None = None,
) -> Entitlement:
    """JKK after a death from a work accident (commuting included): 60% × 80 × income, at
    least the minimum, plus funeral and the periodic benefit at once; the education schedule
    for the children (no contribution period: not confirmed); nothing once lapsed."""
    _check_income(income)
    table = tables.on(event)
    computed = _multiple(income, table.jkk_death_percent, table.jkk_months)
    amount = max(computed, table.jkk_death_minimum)
    code = R_JKK_DEATH if computed >= table.jkk_death_minimum else R_JKK_DEATH_MINIMUM
    death = Amount(
        Component.JKK_DEATH,
        amount,
        note(
            code,
            percent=table.jkk_death_percent,
            months=table.jkk_months,
            income=format_rupiah(income),
            computed=format_rupiah(computed),
            amount=format_rupiah(amount),
        ),
    )
    amounts = (
        death,
        _fixed(Component.FUNERAL, R_FUNERAL, table.funeral, table),
        _fixed(Component.JKK_PERIODIC, R_JKK_PERIODIC, table.jkk_periodic, table),
    )
    entitlement = _with_education(amounts, children, event, table, assumptions)
    return _lapsed(entitlement, lapse_note(event, claimed_on, table))


def jkk_accident(
    *,
    event: date,
    income: int,
    claimed_on: date,
    days_off_work: int = 0,
    total_disability: bool = False,
    disabilities: Iterable[str] = (),
    transport: Transport | None = None,
    transport_claimed: int = 0,
    children: Sequence[Child] = (),
    tables: BenefitTables = BENEFIT_TABLES,
    assumptions: SchoolAssumptions | None = None,
) -> Entitlement:
    """JKK after a work accident the worker survived: medical care (recorded), transport
    (the claimed amount up to the mode's cap), temporary incapacity for ``days_off_work``,
    and total permanent disability (56 × income + the periodic benefit, and the education
    schedule) or partial disability (each table row's % × 80 × income)."""
    _check_income(income)
    if days_off_work < 0:
        raise DomainError(DAYS, value=days_off_work)
    table = tables.on(event)
    amounts = [Amount(Component.MEDICAL, 0, note(R_MEDICAL))]
    if transport is not None:
        amounts.append(_transport(table, transport, transport_claimed))
    if days_off_work:
        amounts.append(_stmb(table, income, days_off_work))
    entitlement: Entitlement
    if total_disability:
        amounts.append(_total_disability(table, income))
        amounts.append(_fixed(Component.JKK_PERIODIC, R_JKK_PERIODIC, table.jkk_periodic, table))
        entitlement = _with_education(tuple(amounts), children, event, table, assumptions)
    else:
        amounts.extend(
            _partial(tables.disability_row(code), table, income) for code in disabilities
        )
        entitlement = Entitlement(tuple(amounts))
    return _lapsed(entitlement, lapse_note(event, claimed_on, table))


def _transport(table: BenefitTable, mode: Transport, claimed: int) -> Amount:
    cap = table.transport[mode]
    amount = min(claimed, cap)
    return Amount(
        Component.TRANSPORT,
        amount,
        note(
            R_TRANSPORT,
            mode=mode.value,
            mode_id=TRANSPORT_WORDS[mode][0],
            mode_en=TRANSPORT_WORDS[mode][1],
            amount=format_rupiah(amount),
            claimed=format_rupiah(claimed),
            cap=format_rupiah(cap),
        ),
    )


def _stmb(table: BenefitTable, income: int, days: int) -> Amount:
    full_days = min(days, table.stmb_full_months * table.stmb_days_per_month)
    later_days = days - full_days
    weighted = full_days * table.stmb_full_percent + later_days * table.stmb_later_percent
    amount = round_rupiah(Decimal(income) * weighted / 100 / table.stmb_days_per_month)
    return Amount(
        Component.STMB,
        amount,
        note(
            R_STMB,
            full_days=full_days,
            full_percent=table.stmb_full_percent,
            later_days=later_days,
            later_percent=table.stmb_later_percent,
            income=format_rupiah(income),
            days_per_month=table.stmb_days_per_month,
            amount=format_rupiah(amount),
        ),
    )


def _total_disability(table: BenefitTable, income: int) -> Amount:
    amount = _multiple(income, table.total_disability_percent, table.jkk_months)
    return Amount(
        Component.TOTAL_DISABILITY,
        amount,
        note(
            R_TOTAL_DISABILITY,
            percent=table.total_disability_percent,
            months=table.jkk_months,
            income=format_rupiah(income),
            amount=format_rupiah(amount),
        ),
    )


def _partial(row: DisabilityRow, table: BenefitTable, income: int) -> Amount:
    amount = _multiple(income, row.percent, table.jkk_months)
    return Amount(
        Component.PARTIAL_DISABILITY,
        amount,
        note(
            R_PARTIAL_DISABILITY,
            label=row.label_id,
            label_en=row.label_en,
            percent=row.percent,
            months=table.jkk_months,
            income=format_rupiah(income),
            amount=format_rupiah(amount),
        ),
    )

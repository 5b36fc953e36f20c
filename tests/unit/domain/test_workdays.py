"""Working days and the holidays they skip (ADR 0042): every boundary of the count pinned."""

import json
from datetime import date, timedelta
from importlib import resources

import pytest

from payung.domain import workdays as w
from payung.domain.errors import DomainError, Severity
from payung.domain.workdays import Calendar, Holiday, HolidayKind, YearStatus

SHIPPED = w.parse_calendar(
    resources.files("payung.data").joinpath("public_holidays.json").read_text("utf-8")
)
FRI, SAT, SUN, MON = date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 8), date(2026, 3, 9)


def off(*days: date, years: dict[int, YearStatus] | None = None) -> Calendar:
    return Calendar(
        {d: Holiday(d, "Libur", "Holiday", HolidayKind.LOCAL, "test") for d in days},
        years or {2026: YearStatus.DECREED},
    )


def test_monday_to_friday_work_saturday_sunday_and_holidays_do_not():
    assert [w.is_working_day(FRI + timedelta(n), set()) for n in range(7)] == [
        True,  # Friday
        False,  # Saturday
        False,  # Sunday
        True,
        True,
        True,
        True,  # Thursday
    ]
    assert w.is_working_day(FRI, {FRI}) is False
    assert w.is_working_day(FRI, off(FRI)) is False
    assert w.is_working_day(FRI, off(MON)) is True


def test_add_working_days_does_not_count_the_start_and_skips_days_off():
    assert w.add_working_days(FRI, 0, set()) == FRI
    assert w.add_working_days(SAT, 0, set()) == SAT
    assert w.add_working_days(FRI, 1, set()) == MON
    assert w.add_working_days(SAT, 1, set()) == MON
    assert w.add_working_days(FRI, 1, {MON}) == date(2026, 3, 10)
    assert w.add_working_days(date(2026, 3, 2), 7, set()) == date(2026, 3, 11)
    assert w.add_working_days(date(2026, 3, 2), 4, set()) == FRI


def test_a_holiday_on_a_saturday_changes_nothing():
    # Nyepi 2025 fell on Saturday 29 March; a week without other days off is not shortened.
    assert SHIPPED.holidays[date(2025, 3, 29)].kind is HolidayKind.NATIONAL
    assert w.add_working_days(date(2026, 3, 5), 1, off(SAT)) == FRI
    assert w.add_working_days(FRI, 1, off(SAT, SUN)) == MON
    assert w.working_days_between(FRI, MON, off(SAT)) == 1


def test_a_deadline_landing_on_the_friday_before_a_holiday_stays_on_friday():
    # Documents complete Wednesday 5 August 2026: the 7th working day is Friday 14 August; the
    # Monday after (17 August, Independence Day) is not reached.
    due = w.add_working_days(date(2026, 8, 5), 7, SHIPPED)
    assert due == date(2026, 8, 14)
    assert due.weekday() == w.FRIDAY
    # One day later the count steps over the weekend and the holiday to Tuesday.
    assert w.add_working_days(date(2026, 8, 6), 7, SHIPPED) == date(2026, 8, 18)


def test_the_7th_working_day_exactly():
    start = date(2025, 3, 27)  # Thursday before Nyepi and Idul Fitri 1446
    due = w.add_working_days(start, 7, SHIPPED)
    # Fri 28 (cuti bersama), 29 Sat (Nyepi), 31 Mar–1 Apr (Idul Fitri), 2–4 and 7 Apr (cuti
    # bersama): 8 April is the first working day, 16 April the 7th.
    assert due == date(2025, 4, 16)
    assert w.working_days_between(start, due, SHIPPED) == 7
    assert w.working_days_between(start, due - timedelta(1), SHIPPED) == 6
    assert w.working_days_between(start, date(2025, 4, 8), SHIPPED) == 1
    assert w.working_days_between(start, date(2025, 4, 7), SHIPPED) == 0


def test_working_days_between_is_the_inverse_of_add_working_days():
    for days in range(30):
        for start in (date(2025, 12, 20), date(2026, 3, 16), date(2026, 12, 22)):
            due = w.add_working_days(start, days, SHIPPED)
            assert w.working_days_between(start, due, SHIPPED) == days
    assert w.working_days_between(MON, FRI, set()) == 0  # end before start
    assert w.working_days_between(FRI, FRI, set()) == 0
    assert w.working_days_between(date(2026, 3, 5), FRI, set()) == 1  # the end day counts
    assert w.working_days_between(FRI, date(2026, 3, 13), set()) == 5


def test_the_year_boundary_counts_both_years_holidays():
    # Documents complete Wednesday 23 December 2026: 24 (cuti bersama) and 25 December, then
    # 1 January 2027 (New Year) and 5 January (Isra Mikraj, estimated) are skipped.
    start = date(2026, 12, 23)
    assert w.add_working_days(start, 7, SHIPPED) == date(2027, 1, 7)
    assert w.add_working_days(start, 4, SHIPPED) == date(2026, 12, 31)
    assert w.add_working_days(start, 5, SHIPPED) == date(2027, 1, 4)
    assert w.add_working_days(date(2025, 12, 24), 1, SHIPPED) == date(2025, 12, 29)


def test_gaps_name_the_years_not_loaded_and_the_provisional_ones():
    assert SHIPPED.gaps(date(2026, 1, 2), date(2026, 12, 31)) == ()
    assert SHIPPED.gaps(date(2025, 1, 1), date(2026, 12, 31)) == ()
    (missing,) = SHIPPED.gaps(date(2028, 1, 3), date(2028, 1, 12))
    assert missing.code == "workdays.year_missing"
    assert missing.severity is Severity.WARNING
    assert missing.message() == "Hari libur tahun 2028 belum dimuat; hanya Sabtu–Minggu dihitung."
    assert missing.message("en") == (
        "The holidays of 2028 are not loaded; only Saturdays and Sundays are counted."
    )
    (provisional,) = SHIPPED.gaps(date(2026, 12, 23), date(2027, 1, 7))
    assert provisional.code == "workdays.year_provisional"
    assert provisional.message() == (
        "Hari libur tahun 2027 belum dari SKB yang dimuat; dihitung dengan tanggal perkiraan, "
        "tanpa cuti bersama."
    )
    both = SHIPPED.gaps(date(2029, 12, 28), date(2027, 1, 4))  # either order
    assert [(g.code, g.params["years"]) for g in both] == [
        ("workdays.year_missing", "2028, 2029"),
        ("workdays.year_provisional", "2027"),
    ]
    assert [g.code for g in SHIPPED.gaps(date(2024, 12, 30), date(2025, 1, 9))] == [
        "workdays.year_missing"
    ]
    assert Calendar().gaps(FRI, FRI)[0].params == {"years": "2026"}


def test_the_shipped_list_holds_the_skb_of_2025_and_2026():
    def count(year: int, kind: HolidayKind) -> int:
        return sum(1 for d, h in SHIPPED.holidays.items() if d.year == year and h.kind is kind)

    assert dict(SHIPPED.years) == {
        2025: YearStatus.DECREED,
        2026: YearStatus.DECREED,
        2027: YearStatus.PROVISIONAL,
    }
    # 2025: 17 national days and 10 cuti bersama, plus 18 August (SKB 933/2025, 1/2025, 3/2025).
    assert (count(2025, HolidayKind.NATIONAL), count(2025, HolidayKind.JOINT_LEAVE)) == (17, 11)
    assert (count(2026, HolidayKind.NATIONAL), count(2026, HolidayKind.JOINT_LEAVE)) == (17, 8)
    assert count(2027, HolidayKind.JOINT_LEAVE) == 0
    lebaran = SHIPPED.holidays[date(2026, 3, 21)]
    assert (lebaran.name(), lebaran.name("en")) == ("Idul Fitri 1447 Hijriah", "Eid al-Fitr 1447 H")
    assert "1497 Tahun 2025" in lebaran.source
    assert "1017 Tahun 2024" in SHIPPED.holidays[date(2025, 1, 1)].source
    assert "933 Tahun 2025" in SHIPPED.holidays[date(2025, 8, 18)].source
    for day, holiday in SHIPPED.holidays.items():
        assert holiday.day == day
        assert holiday.name_id
        assert holiday.name_en
        assert holiday.source
        assert holiday.kind is not HolidayKind.LOCAL
        if day.year < 2027:
            assert holiday.confirmed, day
        if not holiday.confirmed:
            assert holiday.note, day
    assert not SHIPPED.holidays[date(2027, 3, 9)].confirmed  # Idul Fitri 1448: estimated
    assert SHIPPED.holidays[date(2027, 8, 17)].confirmed  # a fixed date
    assert list(SHIPPED.holidays) == sorted(SHIPPED.holidays)


def test_a_regency_file_adds_its_days_without_making_a_year_complete():
    local = w.parse_calendar(
        json.dumps(
            {
                "years": [
                    {"year": 2026, "holidays": [{"date": "2026-04-20", "id": "Hari Jadi"}]},
                    {"year": 2028, "holidays": [{"date": "2028-04-20", "id": "Hari Jadi"}]},
                ]
            }
        )
    )
    assert dict(local.years) == {}
    day = local.holidays[date(2026, 4, 20)]
    assert (day.kind, day.name_id, day.name_en, day.confirmed, day.source) == (
        HolidayKind.LOCAL,
        "Hari Jadi",
        "Hari Jadi",
        True,
        "",
    )
    both = SHIPPED.merged(local)
    assert date(2026, 4, 20) in both
    assert date(2025, 1, 1) in both
    assert len(both) == len(SHIPPED) + 2
    assert both.years == SHIPPED.years
    assert [g.code for g in both.gaps(date(2028, 1, 3), date(2028, 1, 5))] == [
        "workdays.year_missing"
    ]
    assert w.add_working_days(date(2026, 4, 17), 1, both) == date(2026, 4, 21)


def test_a_regency_file_may_load_a_decree_and_override_a_day():
    local = w.parse_calendar(
        json.dumps(
            {
                "years": [
                    {
                        "year": 2027,
                        "status": "decreed",
                        "source": "SKB 2027",
                        "holidays": [
                            {"date": "2027-03-10", "id": "Idul Fitri", "kind": "libur_nasional"}
                        ],
                    },
                    {"year": 2026, "status": "provisional"},
                ]
            }
        )
    )
    both = SHIPPED.merged(local)
    assert both.years[2027] is YearStatus.DECREED
    assert both.years[2026] is YearStatus.DECREED  # a decreed year is never downgraded
    assert both.holidays[date(2027, 3, 10)].source == "SKB 2027"
    assert both.holidays[date(2027, 3, 10)].confirmed is True
    assert both.gaps(date(2027, 1, 1), date(2027, 12, 31)) == ()
    # The decree the regency loaded is 2027's whole list: the shipped estimates are gone.
    assert [d for d in both if d.year == 2027] == [date(2027, 3, 10)]
    assert date(2027, 3, 9) in SHIPPED
    # 2026 was decreed here and only said provisional there: its days stay.
    assert [d for d in both if d.year == 2026] == [d for d in SHIPPED if d.year == 2026]


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("not json", "Expecting value: line 1 column 1 (char 0)"),
        ("{}", "'years'"),
        ('{"years": 3}', "'int' object is not iterable"),
        ('{"years": [{"holidays": []}]}', "'year'"),
        ('{"years": [{"year": 2026, "status": "maybe"}]}', "'maybe' is not a valid YearStatus"),
        ('{"years": [{"year": 2026}, {"year": 2026}]}', "tahun 2026 dua kali"),
        (
            '{"years": [{"year": 2026, "holidays": [{"date": "2026-02-30", "id": "x"}]}]}',
            "2026: day is out of range for month",
        ),
        (
            '{"years": [{"year": 2026, "holidays": [{"date": "2027-01-01", "id": "x"}]}]}',
            "2027-01-01 bukan tahun 2026",
        ),
        ('{"years": [{"year": 2026, "holidays": [{"date": "2026-01-02"}]}]}', "2026: 'id'"),
        ('{"years": [{"year": 2026, "holidays": 5}]}', "2026: holidays: a list"),
        (
            '{"years": [{"year": 2026, "holidays": ["2026-01-02"]}]}',
            "2026: string indices must be integers",
        ),
        ('{"years": ["2026"]}', "years: a list of objects"),
        (
            '{"years": [{"year": 2026, "holidays": '
            '[{"date": "2026-01-02", "id": "x", "kind": "?"}]}]}',
            "2026: '?' is not a valid HolidayKind",
        ),
    ],
)
def test_a_broken_file_is_refused_in_words(text, detail):
    with pytest.raises(DomainError) as refused:
        w.parse_calendar(text)
    assert refused.value.code == "workdays.file_invalid"
    # The detail names what is wrong (a Python message may end differently between versions).
    assert str(refused.value.params["detail"]).startswith(detail)
    assert (
        refused.value.message()
        == f"Berkas hari libur tidak dapat dibaca: {refused.value.params['detail']}."
    )


def test_a_holiday_reads_every_field_the_file_gives():
    calendar = w.parse_calendar(
        json.dumps(
            {
                "years": [
                    {
                        "year": 2027,
                        "status": "provisional",
                        "source": "perkiraan",
                        "holidays": [
                            {
                                "date": "2027-03-10",
                                "id": "Idul Fitri",
                                "en": "Eid al-Fitr",
                                "kind": "libur_nasional",
                                "source": "kalender hijriah",
                                "confirmed": False,
                                "note": "menunggu sidang isbat",
                            },
                            {"date": "2027-03-11", "id": "Cuti", "kind": "cuti_bersama"},
                        ],
                    }
                ]
            }
        )
    )
    eid, leave = calendar.holidays[date(2027, 3, 10)], calendar.holidays[date(2027, 3, 11)]
    assert eid == Holiday(
        date(2027, 3, 10),
        "Idul Fitri",
        "Eid al-Fitr",
        HolidayKind.NATIONAL,
        "kalender hijriah",
        False,
        "menunggu sidang isbat",
    )
    assert (eid.name(), eid.name("en-GB"), eid.name("EN")) == (
        "Idul Fitri",
        "Eid al-Fitr",
        "Eid al-Fitr",
    )
    # What an entry leaves out: the year's source, confirmed, no note, its Indonesian name.
    assert leave == Holiday(
        date(2027, 3, 11), "Cuti", "Cuti", HolidayKind.JOINT_LEAVE, "perkiraan", True, ""
    )


def test_two_provisional_years_are_named_together():
    calendar = Calendar({}, {2027: YearStatus.PROVISIONAL, 2028: YearStatus.PROVISIONAL})
    (gap,) = calendar.gaps(date(2027, 6, 1), date(2028, 6, 1))
    assert (gap.code, gap.params) == ("workdays.year_provisional", {"years": "2027, 2028"})

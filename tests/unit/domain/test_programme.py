import pytest

from payung.domain.errors import DomainError
from payung.domain.period import Month, MonthSpan
from payung.domain.programme import PayerModel, ProgrammeTerms, QuotaModel, commitment

YEAR_2026 = MonthSpan(Month(2026, 1), 12)


def test_bogor_per_village_terms():
    # Perbup Bogor 48/2025: 250 workers in each of 435 villages, Rp50,400,000 per village a year.
    terms = ProgrammeTerms(
        quota_model=QuotaModel.PER_VILLAGE,
        period=YEAR_2026,
        budget_total=50_400_000 * 435,
        quota_per_village=250,
        village_count=435,
    )
    assert terms.places == 108_750
    assert terms.worker_months == 1_305_000
    assert terms.implied_monthly_rate() == (16_800, 0)


def test_lebak_total_terms_and_the_standard_minimum_shortfall():
    terms = ProgrammeTerms(
        quota_model=QuotaModel.TOTAL, period=YEAR_2026, budget_total=670_680_000, quota_total=3_450
    )
    assert terms.places == 3_450
    assert terms.implied_monthly_rate() == (16_200, 0)
    standard = commitment(places=3_450, months=12, monthly_rate=16_800)
    assert standard == 695_520_000
    assert standard - terms.budget_total == 24_840_000


def test_district_split_must_add_up():
    with pytest.raises(DomainError) as error:
        ProgrammeTerms(
            quota_model=QuotaModel.TOTAL_BY_DISTRICT,
            period=YEAR_2026,
            budget_total=1,
            quota_total=100,
            district_quotas={"36.02.01": 60, "36.02.02": 30},
        )
    assert error.value.code == "programme.district_split"
    assert error.value.params == {"split": 90, "total": 100}


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"quota_model": QuotaModel.PER_VILLAGE}, "programme.quota_model"),
        ({"quota_model": QuotaModel.PER_VILLAGE, "quota_per_village": 0}, "programme.quota"),
        ({"quota_model": QuotaModel.TOTAL}, "programme.quota_model"),
        ({"quota_model": QuotaModel.TOTAL, "quota_total": -5}, "programme.quota"),
        ({"quota_model": QuotaModel.TOTAL_BY_DISTRICT, "quota_total": 5}, "programme.quota_model"),
        (
            {"quota_model": QuotaModel.TOTAL, "quota_total": 5, "budget_total": -1},
            "programme.budget",
        ),
    ],
)
def test_inconsistent_terms_are_refused(kwargs, code):
    kwargs.setdefault("budget_total", 0)
    with pytest.raises(DomainError) as error:
        ProgrammeTerms(period=YEAR_2026, **kwargs)
    assert error.value.code == code


def test_payer_models_say_who_is_billed():
    assert not PayerModel.REGENCY_BUDGET.bills_villages
    assert PayerModel.VILLAGE_AID.bills_villages
    assert PayerModel.VILLAGE_BUDGET.bills_villages

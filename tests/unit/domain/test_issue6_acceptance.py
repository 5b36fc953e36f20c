"""Issue 6's acceptance figures: Bogor's per-village budget and Lebak's regency budget."""

from payung.domain.billing import Billable, bill_lines
from payung.domain.budget import check_budget, programme_cost
from payung.domain.contributions import ContributionTerms
from payung.domain.occupations import Sector
from payung.domain.period import Month, MonthSpan
from payung.domain.programme import PayerModel, ProgrammeTerms, QuotaModel, commitment

YEAR_2026 = MonthSpan(Month(2026, 1), 12)
BOGOR_VILLAGE = "32.01.01.2001"
LEBAK = "36.02"
BOGOR_AID = ContributionTerms("bpu", PayerModel.VILLAGE_AID)
LEBAK_APBD_MOU = ContributionTerms("lebak_mou", PayerModel.REGENCY_BUDGET)
LEBAK_APBD_BPU = ContributionTerms("bpu", PayerModel.REGENCY_BUDGET)


def test_bogor_250_workers_a_village_cost_50_400_000_at_the_bpu_minimum(bpu_table):
    # Village aid is regency (APBD) money, so PP 50/2025 does not apply: Rp16,800 all year, for
    # transport workers as well.
    transport = ContributionTerms("bpu", PayerModel.VILLAGE_AID, Sector.TRANSPORT)
    workers = [
        Billable(f"w{n}", BOGOR_VILLAGE, BOGOR_AID if n < 240 else transport) for n in range(250)
    ]
    lines = [line for month in YEAR_2026 for line in bill_lines(workers, month, bpu_table)]
    assert len(lines) == 250 * 12
    assert {line.amount for line in lines} == {16_800}
    assert {line.payer_id for line in lines} == {BOGOR_VILLAGE}
    assert sum(line.amount for line in lines) == 50_400_000
    april = next(line for line in lines if line.month == Month(2026, 4))
    assert [n.code for n in april.contribution.notes] == [
        "contribution.income_unknown",
        "contribution.relief_payer_excluded",
    ]
    cost = programme_cost(places=250, period=YEAR_2026, table=bpu_table, terms=BOGOR_AID)
    assert cost == commitment(places=250, months=12, monthly_rate=16_800) == 50_400_000
    per_village = ProgrammeTerms(
        quota_model=QuotaModel.PER_VILLAGE,
        period=YEAR_2026,
        budget_total=50_400_000,
        quota_per_village=250,
        village_count=1,
    )
    assert per_village.implied_monthly_rate() == (16_800, 0)
    check = check_budget(budget=per_village.budget_total, committed=cost)
    assert not check.exceeded
    assert check.remaining == 0
    assert [i.code for i in check.issues] == ["budget.near_limit"]  # fully committed


def test_lebak_3_450_workers_cost_670_680_000_billed_to_the_regency(lebak_table):
    workers = [Billable(f"w{n}", LEBAK, LEBAK_APBD_MOU) for n in range(3_450)]
    january = bill_lines(workers, Month(2026, 1), lebak_table)
    assert sum(line.amount for line in january) == 3_450 * 16_200 == 55_890_000
    assert {line.payer_id for line in january} == {LEBAK}
    cost = programme_cost(places=3_450, period=YEAR_2026, table=lebak_table, terms=LEBAK_APBD_MOU)
    assert cost == 670_680_000
    assert not check_budget(budget=670_680_000, committed=cost).exceeded


def test_lebak_at_the_standard_bpu_minimum_would_be_24_840_000_short(bpu_table):
    cost = programme_cost(places=3_450, period=YEAR_2026, table=bpu_table, terms=LEBAK_APBD_BPU)
    assert cost == 695_520_000
    check = check_budget(budget=670_680_000, committed=cost)
    assert check.exceeded
    assert check.remaining == -24_840_000
    (issue,) = check.issues
    assert issue.code == "budget.exceeded"
    assert issue.params["shortfall"] == "Rp24.840.000"

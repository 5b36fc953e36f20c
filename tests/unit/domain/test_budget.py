from decimal import Decimal

import pytest

from payung.domain.budget import check_budget, programme_cost
from payung.domain.contributions import ContributionTerms
from payung.domain.errors import DomainError, Severity
from payung.domain.occupations import Sector
from payung.domain.period import Month, MonthSpan
from payung.domain.programme import PayerModel

YEAR_2026 = MonthSpan(Month(2026, 1), 12)


@pytest.mark.parametrize(
    ("committed", "codes"),
    [
        (0, []),
        (899_999, []),
        (900_000, ["budget.near_limit"]),
        (1_000_000, ["budget.near_limit"]),
        (1_000_001, ["budget.exceeded"]),
    ],
)
def test_a_warning_before_the_budget_is_exceeded_and_an_error_after(committed, codes):
    check = check_budget(budget=1_000_000, committed=committed)
    assert [issue.code for issue in check.issues] == codes
    assert check.exceeded == (committed > 1_000_000)
    assert check.remaining == 1_000_000 - committed


def test_the_messages_give_the_share_and_the_shortfall():
    near = check_budget(budget=1_000_000, committed=950_000, warn_at_percent=Decimal(80))
    (issue,) = near.issues
    assert issue.severity is Severity.WARNING
    assert issue.message("en") == (
        "The commitment of Rp950.000 is 95.0% of the budget of Rp1.000.000; Rp50.000 left."
    )
    over = check_budget(budget=1_000_000, committed=1_200_000)
    (issue,) = over.issues
    assert issue.severity is Severity.ERROR
    assert (
        issue.message() == "Komitmen Rp1.200.000 melebihi anggaran Rp1.000.000: kurang Rp200.000."
    )


def test_an_empty_budget_with_nothing_committed_is_quiet():
    assert check_budget(budget=0, committed=0).issues == ()
    assert check_budget(budget=0, committed=1).exceeded


@pytest.mark.parametrize("percent", [Decimal(0), Decimal("100.1")])
def test_the_warning_threshold_must_be_a_share_of_the_budget(percent):
    with pytest.raises(DomainError) as error:
        check_budget(budget=1, committed=0, warn_at_percent=percent)
    assert error.value.code == "budget.threshold"


def test_programme_cost_prices_each_month_so_a_relief_counts_for_its_months(bpu_table):
    def cost(sector: Sector) -> int:
        terms = ContributionTerms("bpu", PayerModel.VILLAGE_BUDGET, sector)
        return programme_cost(places=250, period=YEAR_2026, table=bpu_table, terms=terms)

    # A village paying from its own APBDes gets PP 50/2025: April–December at Rp8,400.
    assert cost(Sector.OTHER) == 250 * (3 * 16_800 + 9 * 8_400) == 31_500_000
    # Transport: January 2026 to March 2027, so all of 2026 at Rp8,400.
    assert cost(Sector.TRANSPORT) == 250 * 12 * 8_400 == 25_200_000

"""The reference rates the domain tests compute with: the values Payung ships as data.

The rates Payung bills with are rows of a programme's rate table, loaded from
``src/payung/data/contribution_rates.json`` (``payung rates load``). These two values are that
file's rows written as domain objects, so the rules can be tested without a database;
``test_reference_rates.py`` holds them to the file, so they cannot become a second source.
"""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType
from typing import Final

from payung.domain.contributions import BpuRate, Relief
from payung.domain.occupations import Sector
from payung.domain.period import Month, MonthSpan
from payung.domain.programme import PayerModel

# BPU JKK 1% of the lowest income Rp1,000,000 and JKM Rp6,800 (the domain brief §3, [press]).
BPU_STANDARD: Final = BpuRate(jkk_percent=Decimal(1), lowest_income=1_000_000, jkm_monthly=6_800)

# PP 50/2025 halves BPU JKK+JKM except when paid from APBN/APBD. Regency money passed through
# village aid is APBD (Bogor budgets the full Rp16,800 for 2026), so it is excluded; a village's
# own APBDes is a distinct budget the text does not name, so it is not (ADR 0022, [open]).
PP_50_2025: Final = Relief(
    name="PP 50/2025",
    percent_off=Decimal(50),
    windows=MappingProxyType(
        {
            Sector.TRANSPORT: MonthSpan(Month(2026, 1), 15),  # January 2026 – March 2027
            Sector.OTHER: MonthSpan(Month(2026, 4), 9),  # April – December 2026
        }
    ),
    excluded_payers=frozenset({PayerModel.REGENCY_BUDGET, PayerModel.VILLAGE_AID}),
)

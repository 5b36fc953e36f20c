"""Rate tables shared by the contribution, billing and budget tests."""

import pytest

from payung.domain.contributions import (
    FlatRate,
    RateTable,
    RateVersion,
)
from payung.domain.period import Month
from tests.unit.domain.reference_rates import BPU_STANDARD, PP_50_2025


@pytest.fixture(autouse=True)
def _matching_caches_cleared():
    """Each test computes the names it compares afresh: matching caches its name readings, and a
    reading cached by an earlier test would hide a mutant from the mutation run (which maps each
    mutated function to the tests that call it) and from the test that should catch it."""
    from payung.domain import matching

    for cached in (
        matching.name_agreement,
        matching.name_tokens,
        matching.name_initials,
        matching.name_sound,
        matching._token,
    ):
        cached.cache_clear()


@pytest.fixture
def bpu_table() -> RateTable:
    """The standard BPU rates since PP 44/2015 took effect, with the PP 50/2025 relief."""
    return RateTable(
        [RateVersion("bpu", Month(2015, 7), BPU_STANDARD, basis="PP 44/2015 jo. PP 82/2019")],
        [PP_50_2025],
    )


@pytest.fixture
def lebak_table() -> RateTable:
    """Lebak's MoU price for 2026, Rp16,200 per worker-month, with the PP 50/2025 relief."""
    return RateTable(
        [
            RateVersion(
                "lebak_mou",
                Month(2026, 1),
                FlatRate(16_200),
                effective_to=Month(2026, 12),
                basis="MoU Pemkab Lebak - BPJS Ketenagakerjaan 2026",
            )
        ],
        [PP_50_2025],
    )

"""The terms of a protection programme and the arithmetic that follows from them.

A programme is set up by a regent regulation or an MoU: who pays (the regency's budget, each
village's aid, or each village's own budget), how many places (a number per village, or a total,
optionally split by district), for how many months, and with what money. From these terms follow
the number of places, the budget per worker-month the money implies, and whether the figures
agree. Rates (what BPJS charges) are separate, effective-dated data added with enrolment; comparing
the two is how a shortfall such as Lebak's becomes visible.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from payung.domain.errors import DomainError, register
from payung.domain.money import divide
from payung.domain.period import MonthSpan

PROGRAMME_QUOTA = register(
    "programme.quota",
    id="Kuota harus lebih dari nol: {detail}.",
    en="The quota must be greater than zero: {detail}.",
)
PROGRAMME_QUOTA_MODEL = register(
    "programme.quota_model",
    id="Model kuota '{model}' memerlukan {needs}.",
    en="Quota model '{model}' needs {needs}.",
)
PROGRAMME_DISTRICT_SPLIT = register(
    "programme.district_split",
    id="Jumlah kuota per kecamatan ({split}) tidak sama dengan kuota total ({total}).",
    en="The district quotas add up to {split}, not the total quota of {total}.",
)
PROGRAMME_BUDGET = register(
    "programme.budget",
    id="Anggaran harus diisi dan tidak negatif.",
    en="The budget must be given and must not be negative.",
)


class PayerModel(StrEnum):
    """Who pays BPJS, and so who receives the monthly bills."""

    REGENCY_BUDGET = "regency_budget"  # APBD, billed to the regency (Lebak)
    VILLAGE_AID = "village_aid"  # regency money passed through each village's aid (Bogor)
    VILLAGE_BUDGET = "village_budget"  # each village's own APBDes / Dana Desa

    @property
    def bills_villages(self) -> bool:
        return self is not PayerModel.REGENCY_BUDGET


class QuotaModel(StrEnum):
    PER_VILLAGE = "per_village"  # the same number of places in every village (Bogor: 250)
    TOTAL = "total"  # one number for the regency (Lebak: 3,450)
    TOTAL_BY_DISTRICT = "total_by_district"  # a total split into district quotas


@dataclass(frozen=True)
class ProgrammeTerms:
    """The figures of a programme as its legal basis states them."""

    quota_model: QuotaModel
    period: MonthSpan
    budget_total: int
    quota_per_village: int | None = None
    quota_total: int | None = None
    district_quotas: Mapping[str, int] | None = None
    village_count: int = 0

    def __post_init__(self) -> None:
        if self.budget_total < 0:
            raise DomainError(PROGRAMME_BUDGET)
        if self.quota_model is QuotaModel.PER_VILLAGE:
            if self.quota_per_village is None:
                raise DomainError(
                    PROGRAMME_QUOTA_MODEL, model=self.quota_model.value, needs="quota_per_village"
                )
            if self.quota_per_village <= 0:
                raise DomainError(PROGRAMME_QUOTA, detail=f"{self.quota_per_village} per village")
        else:
            if self.quota_total is None:
                raise DomainError(
                    PROGRAMME_QUOTA_MODEL, model=self.quota_model.value, needs="quota_total"
                )
            if self.quota_total <= 0:
                raise DomainError(PROGRAMME_QUOTA, detail=f"{self.quota_total} in total")
        if self.quota_model is QuotaModel.TOTAL_BY_DISTRICT:
            if not self.district_quotas:
                raise DomainError(
                    PROGRAMME_QUOTA_MODEL, model=self.quota_model.value, needs="district_quotas"
                )
            split = sum(self.district_quotas.values())
            if split != self.quota_total:
                raise DomainError(PROGRAMME_DISTRICT_SPLIT, split=split, total=self.quota_total)

    @property
    def places(self) -> int:
        """All places of the programme (per-village quota × villages, or the total)."""
        if self.quota_model is QuotaModel.PER_VILLAGE:
            return (self.quota_per_village or 0) * self.village_count
        return self.quota_total or 0

    @property
    def worker_months(self) -> int:
        return self.places * self.period.months

    def implied_monthly_rate(self) -> tuple[int, int]:
        """Budget per worker-month: (whole rupiah, rupiah left over).

        Bogor: 50,400,000 per village / (250 × 12) = Rp16,800, nothing left over.
        Lebak: 670,680,000 / (3,450 × 12) = Rp16,200, nothing left over.
        """
        return divide(self.budget_total, self.worker_months)


def commitment(*, places: int, months: int, monthly_rate: int) -> int:
    """What ``places`` workers cost for ``months`` months at ``monthly_rate`` rupiah each."""
    return places * months * monthly_rate

"""The domain tests' reference rates are the rates Payung ships as data, nothing else."""

import json
from decimal import Decimal
from importlib.resources import files

from payung.domain.contributions import BpuRate
from tests.unit.domain.reference_rates import BPU_STANDARD, PP_50_2025


def test_the_reference_values_are_the_shipped_data():
    data = json.loads(files("payung.data").joinpath("contribution_rates.json").read_text("utf-8"))
    (bpu,) = data["rates"]
    assert (
        BpuRate(
            jkk_percent=Decimal(bpu["jkk_percent"]),
            lowest_income=bpu["lowest_income"],
            jkm_monthly=bpu["jkm_monthly"],
        )
        == BPU_STANDARD
    )
    (relief,) = data["reliefs"]
    assert PP_50_2025.name == relief["name"]
    assert PP_50_2025.percent_off == Decimal(relief["percent_off"])
    assert {
        sector.value: (str(span.start), span.months) for sector, span in PP_50_2025.windows.items()
    } == {name: (w["start"], w["months"]) for name, w in relief["windows"].items()}
    assert {payer.value for payer in PP_50_2025.excluded_payers} == set(relief["excluded_payers"])

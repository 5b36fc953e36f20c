"""The national region list (Kepmendagri 300.2.2-2138/2025) as shipped and loaded."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from payung.audit.models import AuditEvent
from payung.domain.regions import Level
from payung.regions.models import Region
from payung.regions.services import regions_load
from tests.builders import COMMAND_LINE

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_national_counts():
    counts = {lv: Region.objects.filter(level=lv).count() for lv in Level}
    assert counts == {
        Level.PROVINCE: 38,
        Level.REGENCY: 514,
        Level.DISTRICT: 7_285,
        Level.VILLAGE: 83_762,
    }


@pytest.mark.parametrize(
    ("regency", "name", "districts", "desa", "kelurahan"),
    [("32.01", "Kabupaten Bogor", 40, 416, 19), ("36.02", "Kabupaten Lebak", 28, 340, 5)],
)
def test_bogor_and_lebak(regency, name, districts, desa, kelurahan):
    assert Region.objects.get(code=regency).name == name
    inside = Region.objects.filter(code__startswith=regency + ".")
    assert inside.filter(level=Level.DISTRICT).count() == districts
    villages = inside.filter(level=Level.VILLAGE)
    assert villages.count() == desa + kelurahan
    assert villages.filter(code__regex=r"\.2\d{3}$").count() == desa
    assert villages.filter(code__regex=r"\.1\d{3}$").count() == kelurahan


def test_parents_are_linked():
    village = Region.objects.select_related("parent__parent__parent").get(code="32.01.20.2006")
    assert village.parent.code == "32.01.20"
    assert village.parent.parent.name == "Kabupaten Bogor"
    assert village.parent.parent.parent.name == "Jawa Barat"


def test_a_second_load_changes_nothing():
    events = AuditEvent.objects.count()
    result = regions_load(actor=COMMAND_LINE)
    assert (result.created, result.renamed, result.retired, result.reactivated) == (0, 0, 0, 0)
    assert result.total == 91_599
    assert AuditEvent.objects.count() == events


def test_a_newer_list_renames_retires_and_is_audited(tmp_path):
    source = ROOT / "src/payung/data/regions.csv.gz"
    lines = gzip.decompress(source.read_bytes()).decode().splitlines()
    changed = [
        "32.01.20.2006,Parung Panjang" if line.startswith("32.01.20.2006,") else line
        for line in lines
        if not line.startswith("36.02.01.2002,")
    ]
    newer = tmp_path / "regions.csv.gz"
    newer.write_bytes(gzip.compress("\n".join(changed).encode()))
    result = regions_load(actor=COMMAND_LINE, path=newer)
    assert (result.created, result.renamed, result.retired) == (0, 1, 1)
    assert Region.objects.get(code="32.01.20.2006").name == "Parung Panjang"
    retired = Region.objects.get(code="36.02.01.2002")
    assert retired.active is False  # kept for the records that point at it
    event = AuditEvent.objects.filter(action="regions.load").latest("id")
    assert event.after == {
        "created": 0,
        "renamed": 1,
        "retired": 1,
        "reactivated": 0,
        "total": 91_598,
    }
    back = regions_load(actor=COMMAND_LINE)
    assert (back.renamed, back.reactivated) == (1, 1)


@pytest.mark.skipif(
    not (ROOT / "node_modules/idn-area-data/data").is_dir() or not shutil.which("npm"),
    reason="node_modules/idn-area-data not installed (make regions-data installs it)",
)
def test_shipped_file_is_reproduced_by_the_build_script(tmp_path):
    out = tmp_path / "regions.csv.gz"
    subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "scripts/build_region_data.py", "node_modules/idn-area-data/data", out],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == (ROOT / "src/payung/data/regions.csv.gz").read_bytes()

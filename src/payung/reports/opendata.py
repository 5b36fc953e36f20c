"""The open data of a programme: tidy rows (one value per row) and their metadata (ADR 0044).

The shape regional portals take (Satu Data Indonesia's tidy tables, CKAN's DataStore): columns
``uraian, satuan, tahun, bulan, kode_wilayah, nama_wilayah, tingkat_wilayah, nilai, keterangan,
sumber_data``. A withheld value has an empty ``nilai`` and says why in ``keterangan`` ("< 5" or
"disembunyikan"), so a portal's numeric column stays numeric and no value can be taken for zero.
The rows are the cells the public page shows (``reports.publication``), never more.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

from payung.domain.disclosure import (
    EXPLAINED_COMPLEMENTARY,
    EXPLAINED_SMALL,
    SAID_COMPLEMENTARY,
    Withheld,
    said_small,
)
from payung.domain.errors import message_for
from payung.domain.regions import Level
from payung.reports.aggregates import Benefit
from payung.reports.publication import Cell, Publication, Row

COLUMNS: Final = (
    ("uraian", "string", "Apa yang diukur / what is measured"),
    ("satuan", "string", "Satuan nilai: orang, tempat, rupiah, klaim, persen / the unit"),
    ("tahun", "integer", "Tahun program / the programme's year"),
    ("bulan", "string", "Bulan (YYYY-MM) untuk angka bulanan, kosong untuk angka tahunan"),
    ("kode_wilayah", "string", "Kode wilayah Kemendagri (Kepmendagri 300.2.2-2138/2025)"),
    ("nama_wilayah", "string", "Nama wilayah / region name"),
    ("tingkat_wilayah", "string", "kabupaten/kota, kecamatan atau desa/kelurahan"),
    ("nilai", "integer", "Nilai; kosong bila disembunyikan (lihat keterangan)"),
    (
        "keterangan",
        "string",
        "'< 5': kurang dari ambang; 'disembunyikan': penekanan pelengkap, "
        "atau rupiah dari jumlah < 5",
    ),
    ("sumber_data", "string", "Sumber data / where the figure comes from"),
)
FIELDS: Final = tuple(name for name, _, _ in COLUMNS)

LEVEL_WORDS: Final = {
    Level.REGENCY: "kabupaten/kota",
    Level.DISTRICT: "kecamatan",
    Level.VILLAGE: "desa/kelurahan",
}

# (figure, uraian, satuan, monthly?, source, levels it is published at)
SERIES: Final = (
    ("places", "Kuota peserta", "tempat", False, "Payung: dasar hukum program (kuota per wilayah)"),
    ("filled", "Kuota terisi", "orang", False, "Payung: peserta disetujui Disnaker"),
    (
        "covered",
        "Peserta terlindungi JKK dan JKM",
        "orang",
        True,
        "Payung: kepesertaan BPJS Ketenagakerjaan (KPJ)",
    ),
    ("budget", "Anggaran (pagu)", "rupiah", False, "Payung: pagu anggaran pembayar iuran"),
    ("committed", "Kebutuhan iuran kuota", "rupiah", False, "Payung: kuota × tarif iuran × bulan"),
    ("billed", "Tagihan iuran", "rupiah", False, "Payung: tagihan iuran bulanan"),
    ("paid", "Realisasi pembayaran iuran", "rupiah", False, "Payung: pembayaran iuran tercatat"),
    ("claims_paid", "Klaim dibayar", "klaim", False, "Payung: klaim dibayar BPJS Ketenagakerjaan"),
    (
        "claims_paid_rupiah",
        "Manfaat klaim dibayar",
        "rupiah",
        False,
        "Payung: klaim dibayar BPJS Ketenagakerjaan",
    ),
)
# Money is published down to the districts; a village's money is its aid, not the public page's.
VILLAGE_SERIES: Final = frozenset(
    {"places", "filled", "covered", "budget", "committed", "claims_paid"}
)

INDICATOR: Final = (
    "Persentase PBPU yang menjadi peserta JKK dan JKM (indikator Satu Data 06.02.021)"
)


@dataclass(frozen=True)
class TidyRow:
    uraian: str
    satuan: str
    tahun: int
    bulan: str
    kode_wilayah: str
    nama_wilayah: str
    tingkat_wilayah: str
    nilai: int | None
    keterangan: str
    sumber_data: str

    def values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in FIELDS)


def note_of(cell: Cell, threshold: int) -> str:
    if cell.withheld is Withheld.SMALL and cell.rupiah:
        return f"{message_for(SAID_COMPLEMENTARY, 'id')} (jumlah {said_small(threshold)})"
    if cell.withheld is Withheld.SMALL:
        return said_small(threshold)
    if cell.withheld is Withheld.COMPLEMENTARY:
        return message_for(SAID_COMPLEMENTARY, "id")
    return ""


def _walk(row: Row) -> Iterator[Row]:
    yield row
    for child in row.children:
        yield from _walk(child)


def tidy_rows(pub: Publication) -> list[TidyRow]:
    programme = pub.aggregates.programme
    month = pub.aggregates.month
    rows: list[TidyRow] = []
    for row in _walk(pub.regency):
        for figure, uraian, unit, monthly, source in SERIES:
            if row.level is Level.VILLAGE and figure not in VILLAGE_SERIES:
                continue
            cell = row.cells[figure]
            rows.append(
                TidyRow(
                    uraian,
                    unit,
                    programme.year,
                    f"{month.year:04d}-{month.month:02d}" if monthly else "",
                    row.code,
                    row.name,
                    LEVEL_WORDS[row.level],
                    cell.value,
                    note_of(cell, pub.threshold),
                    source,
                )
            )
    regency = pub.regency
    for benefit, words in ((Benefit.JKK, "JKK"), (Benefit.JKM, "JKM")):
        count, rupiah = pub.claims_by_benefit[benefit]
        for cell, uraian, unit in (
            (count, f"Klaim {words} dibayar", "klaim"),
            (rupiah, f"Manfaat klaim {words} dibayar", "rupiah"),
        ):
            rows.append(
                TidyRow(
                    uraian,
                    unit,
                    programme.year,
                    "",
                    regency.code,
                    regency.name,
                    LEVEL_WORDS[Level.REGENCY],
                    cell.value,
                    note_of(cell, pub.threshold),
                    "Payung: klaim dibayar BPJS Ketenagakerjaan",
                )
            )
    rows.append(
        TidyRow(
            INDICATOR,
            "persen (seperseratus)",
            programme.year,
            f"{month.year:04d}-{month.month:02d}",
            regency.code,
            regency.name,
            LEVEL_WORDS[Level.REGENCY],
            pub.indicator.value if pub.indicator else None,
            note_of(pub.indicator, pub.threshold)
            if pub.indicator
            else "jumlah penduduk PBPU tidak diketahui Payung",
            f"Payung; penduduk PBPU: {pub.population.get('source', '')}"
            if pub.population
            else "Payung",
        )
    )
    return rows


def datastore(pub: Publication) -> dict[str, Any]:
    """The rows as CKAN's DataStore answers them: ``fields`` then ``records``."""
    return {
        "fields": [{"id": name, "type": kind} for name, kind, _ in COLUMNS],
        "records": [dict(zip(FIELDS, r.values(), strict=True)) for r in tidy_rows(pub)],
    }


LICENCE: Final = {
    "license_id": "cc-by-4.0",
    "license_title": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "license_url": "https://creativecommons.org/licenses/by/4.0/",
}


def metadata(pub: Publication, *, base_url: str) -> dict[str, Any]:
    """A CKAN package / DCAT dataset description of the open data."""
    programme = pub.aggregates.programme
    period = programme.period
    months = list(period)
    regency = pub.regency
    return {
        "name": f"payung-{programme.regency_id.replace('.', '-')}-{programme.year}-{programme.pk}",
        "title": f"{programme.name} {programme.year} — {regency.name}",
        "notes": (
            "Agregat program jaminan sosial ketenagakerjaan (JKK dan JKM) bagi pekerja rentan "
            "yang iurannya dibayar pemerintah daerah: kuota, kuota terisi, peserta terlindungi, "
            "anggaran dan realisasinya, serta klaim yang dibayar, per kabupaten, kecamatan dan "
            "desa. Tanpa data pribadi; "
            + message_for(EXPLAINED_SMALL, "id", threshold=pub.threshold)
            + "; "
            + message_for(EXPLAINED_COMPLEMENTARY, "id")
            + "."
        ),
        "publisher": {"name": f"Pemerintah {regency.name}", "system": "Payung"},
        "legal_basis": programme.legal_basis,
        **LICENCE,
        "language": ["id"],
        "temporal": {
            "start": months[0].first_day.isoformat(),
            "end": months[-1]
            .first_day.replace(day=calendar.monthrange(months[-1].year, months[-1].month)[1])
            .isoformat(),
        },
        "spatial": {"kode_wilayah": regency.code, "nama_wilayah": regency.name},
        "modified": pub.generated_at.isoformat(),
        "frequency": "harian (diperbarui setiap permintaan, disimpan 5 menit)",
        "disclosure": {
            "threshold": pub.threshold,
            "small": said_small(pub.threshold),
            "complementary": message_for(SAID_COMPLEMENTARY, "id"),
            "rule": message_for(EXPLAINED_SMALL, "id", threshold=pub.threshold)
            + "; "
            + message_for(EXPLAINED_COMPLEMENTARY, "id"),
        },
        "resources": [
            {"name": "data.csv", "format": "CSV", "url": f"{base_url}data.csv"},
            {"name": "data.json", "format": "JSON", "url": f"{base_url}data.json"},
        ],
        "columns": [
            {"name": name, "type": kind, "description": words} for name, kind, words in COLUMNS
        ],
    }

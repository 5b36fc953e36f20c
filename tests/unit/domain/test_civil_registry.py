"""The civil registry's occupation list and resident status, as OpenSID and SIAK write them."""

from __future__ import annotations

from datetime import date

import pytest

from payung.domain.civil_registry import (
    REGISTRY_OCCUPATIONS,
    Kind,
    ResidentStatus,
    read_occupation,
    registry_occupation,
    resident_status,
)
from payung.domain.eligibility import Applicant, Outcome, RuleSet, screen
from payung.domain.errors import message_for
from payung.domain.headers import Field, match_headers
from payung.domain.occupations import RiskLevel
from payung.domain.worker_row import validate_worker_row

SIAK_HEADERS = [
    "Nomor KK", "NIK", "Nama Penduduk", "Status", "Tempat Lahir", "Tanggal Lahir", "Kelamin",
    "NIK Ayah", "Ayah", "NIK Ibu", "Ibu", "Status Kawin", "SHDK", "Agama", "Kecamatan",
    "Desa/Kel", "Alamat", "RW", "RT", "Pendidikan", "Pekerjaan", "Deskripsi Pekerjaan",
    "Gol. Darah", "Cacat", "Cetak KTP", "Ganti KTP", "KTP Berakhir", "Nomor Paspor",
    "Nomor Akta Lahir", "Nomor Akta Kawin", "Tanggal Kwn", "Nomor Akta Cerai", "Tgl Cerai",
    "Petugas Registrasi", "Tgl Ubah", "Petugas Entri", "Tgl Entri",
]  # fmt: skip


def test_the_list_has_the_89_registry_codes_each_read_as_something() -> None:
    assert [entry.code for entry in REGISTRY_OCCUPATIONS] == list(range(1, 90))
    for entry in REGISTRY_OCCUPATIONS:
        if entry.kind is Kind.GENERAL:
            assert entry.occupation is None
        else:
            assert entry.occupation is not None
            assert entry.occupation.informal is (entry.kind is Kind.INFORMAL)
            assert (entry.occupation.risk is None) is (entry.kind is Kind.NOT_INFORMAL)


@pytest.mark.parametrize(
    ("value", "code", "kind", "occupation", "risk"),
    [
        (9, 9, Kind.INFORMAL, "farmer", RiskLevel.MEDIUM),
        ("09", 9, Kind.INFORMAL, "farmer", RiskLevel.MEDIUM),
        (9.0, 9, Kind.INFORMAL, "farmer", RiskLevel.MEDIUM),
        ("petani / pekebun", 9, Kind.INFORMAL, "farmer", RiskLevel.MEDIUM),
        ("PETANI/PEKEBUN", 9, Kind.INFORMAL, "farmer", RiskLevel.MEDIUM),
        (19, 19, Kind.INFORMAL, "casual_day_labourer", RiskLevel.MEDIUM),
        ("Buruh Harian Lepas", 19, Kind.INFORMAL, "casual_day_labourer", RiskLevel.MEDIUM),
        (11, 11, Kind.INFORMAL, "fisher", RiskLevel.VERY_HIGH),
        (81, 81, Kind.INFORMAL, "driver", RiskLevel.HIGH),
        (5, 5, Kind.NOT_INFORMAL, "civil_servant", None),
        ("Pegawai Negeri Sipil (PNS)", 5, Kind.NOT_INFORMAL, "civil_servant", None),
        ("Belum/Tidak Bekerja", 1, Kind.NOT_INFORMAL, "not_working", None),
        ("Mengurus Rumah Tangga", 2, Kind.NOT_INFORMAL, "homemaker", None),
        (3, 3, Kind.NOT_INFORMAL, "student", None),
        (16, 16, Kind.NOT_INFORMAL, "state_enterprise_employee", None),
        (88, 88, Kind.GENERAL, None, None),
    ],
)
def test_a_registry_value_is_read_by_number_or_name(value, code, kind, occupation, risk) -> None:
    entry = registry_occupation(value)

    assert entry is not None
    assert (entry.code, entry.kind) == (code, kind)
    assert (entry.occupation.code if entry.occupation else None) == occupation
    assert (entry.occupation.risk if entry.occupation else None) == risk


def test_a_number_is_kept_as_the_registry_name_and_warns_unless_informal() -> None:
    assert read_occupation("9").text == "Petani/Pekebun"
    assert read_occupation("9").warning is None
    pns = read_occupation("5")
    assert pns.warning == "occupation.not_informal"
    assert message_for(pns.warning, "id", **dict(pns.params)) == (
        "Pekerjaan '5' (Pegawai negeri (PNS / ASN)) bukan pekerjaan informal. Program ini untuk "
        "pekerja informal, jadi penyaringan akan menolaknya; perbaiki pekerjaannya bila keliru."
    )
    general = read_occupation("88")
    assert (general.occupation, general.text) == (None, "Wiraswasta")
    assert message_for(general.warning, "en", **dict(general.params)).startswith(
        "Occupation '88' (civil-registry list: Wiraswasta) is too general"
    )
    unknown = read_occupation("95")
    assert message_for(unknown.warning, "id", **dict(unknown.params)) == (
        "Kode pekerjaan '95' tidak ada dalam daftar pekerjaan Dukcapil (kode 1 sampai 89). "
        "Data tetap disimpan; isi nama pekerjaannya."
    )
    assert read_occupation("tukang sayur keliling").warning == "occupation.unmatched"


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("Hidup", ResidentStatus.LIVING),
        ("Tetap", ResidentStatus.LIVING),
        ("Pendatang", ResidentStatus.LIVING),
        ("Mati", ResidentStatus.DEAD),
        ("MENINGGAL DUNIA", ResidentStatus.DEAD),
        (2, ResidentStatus.DEAD),
        ("2", ResidentStatus.DEAD),
        ("Pindah Dalam Negeri", ResidentStatus.MOVED),
        ("Tidak Valid", ResidentStatus.INVALID),
        ("Kawin", None),
    ],
)
def test_resident_status(value, status) -> None:
    assert resident_status(value) is status


def test_a_siak_header_row_is_recognised() -> None:
    match = match_headers(SIAK_HEADERS)
    fields = {SIAK_HEADERS[i]: f for i, f in match.mapping.items()}

    assert fields["Ibu"] is Field.MOTHER_NAME
    assert fields["Desa/Kel"] is Field.VILLAGE
    assert fields["Kelamin"] is Field.SEX
    assert fields["Status"] is Field.RESIDENT_STATUS
    assert fields["Pekerjaan"] is Field.OCCUPATION
    assert "NIK Ibu" not in fields
    assert "Ayah" not in fields
    assert match.missing == ()
    assert match.unmatched == ()  # SHDK, Agama, Status Kawin…: known, not read
    assert (12, "SHDK") in match.ignored


def _row(**cells: object):
    values = {
        Field.NIK: "3201014508800004",
        Field.FULL_NAME: "SITI AMINAH",
        Field.SEX: "Perempuan",
        Field.BIRTH_DATE: date(1980, 8, 5),
        Field.MOTHER_NAME: "HALIMAH",
        **{Field(k): v for k, v in cells.items()},
    }
    return validate_worker_row(
        values,
        reference_date=date(2026, 11, 21),
        resolve_village=lambda v, d: "32.01.20.2006",
        default_village="32.01.20.2006",
    )


def test_a_dead_resident_is_refused_with_the_status_named() -> None:
    result = _row(resident_status="Mati")

    assert not result.is_valid
    (issue,) = result.errors
    assert (issue.code, issue.params["field"]) == ("row.deceased", "resident_status")
    assert issue.message("id") == (
        "Penduduk ini tercatat meninggal dunia (status 'Mati'), jadi tidak diimpor sebagai "
        "pekerja. Jika statusnya keliru, perbaiki di data kependudukan lalu unggah lagi."
    )


def test_a_moved_resident_is_kept_with_a_warning_and_a_living_one_without() -> None:
    moved = _row(resident_status="Pindah Dalam Negeri")
    assert moved.is_valid
    assert [w.code for w in moved.warnings] == ["row.resident_status"]
    assert _row(resident_status="Hidup").warnings == ()


def test_an_opensid_occupation_number_is_stored_as_the_occupation() -> None:
    result = _row(occupation="20")

    assert result.data is not None
    assert (result.data.occupation.code, result.data.occupation_text) == (
        "farm_labourer",
        "Buruh Tani/Perkebunan",
    )
    assert result.warnings == ()


def test_work_outside_the_programmes_fails_screening_with_words() -> None:
    result = _row(occupation="Pelajar/Mahasiswa")
    assert result.data is not None
    assert result.data.occupation is not None
    applicant = Applicant(
        birth_date=date(1980, 8, 5),
        village_code="32.01.20.2006",
        occupation_code=result.data.occupation.code,
    )

    screening = screen(applicant, RuleSet(), coverage_start=date(2027, 1, 1), regency="32.01")

    (finding,) = [f for f in screening.findings if f.rule == "occupation"]
    assert finding.outcome is Outcome.FAIL
    assert finding.issue.message("id") == (
        "Pekerjaan Pelajar / mahasiswa bukan pekerjaan informal; program ini untuk pekerja "
        "informal. Perbaiki pekerjaannya bila data kependudukan keliru."
    )
    assert finding.issue.message("en").startswith("Occupation Pupil or student is not informal")

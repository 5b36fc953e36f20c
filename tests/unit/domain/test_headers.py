"""Matching spreadsheet headers to fields, finding the header row, recognising OpenSID exports."""

from __future__ import annotations

import pytest

from payung.domain.headers import (
    Field,
    find_header_row,
    looks_like_opensid,
    match_header,
    match_headers,
    normalise_header,
)

# OpenSID's resident list as exported/printed to Excel (resources/views/admin/penduduk/cetak).
OPENSID_EXPORT = [
    "No", "No. KK", "NIK", "Tag Id Card", "Nama", "Alamat", "Dusun", "RW", "RT", "Jenis Kelamin",
    "Tempat Lahir", "Tanggal Lahir", "Umur", "Agama", "Pendidikan (dlm KK)", "Pekerjaan", "Kawin",
    "Hub. Keluarga", "Nama Ayah", "Nama Ibu", "Status",
]  # fmt: skip
# OpenSID's older export (donjo-app/views/export/penduduk_excel.php).
OPENSID_OLD_EXPORT = [
    "Dusun", "RW", "RT", "Nama", "Nomor KK", "Nomor NIK", "Jenis Kelamin", "Tempat Lahir",
    "Tanggal Lahir", "Agama", "Pendidikan (dLm KK)", "Pendidikan (sdg ditemph)", "Pekerjaan",
    "Kawin", "Hub. Keluarga", "Kewarganegaraan", "Nama Ayah", "Nama Ibu", "Gol. Darah",
]  # fmt: skip
# Column names of OpenSID's import/export workbook.
OPENSID_IMPORT = [
    "alamat", "dusun", "rw", "rt", "nama", "no_kk", "nik", "sex", "tempatlahir", "tanggallahir",
    "agama_id", "pendidikan_kk_id", "pendidikan_sedang_id", "pekerjaan_id", "status_kawin",
    "kk_level", "warganegara_id", "ayah_nik", "nama_ayah", "ibu_nik", "nama_ibu", "telepon",
]  # fmt: skip
VILLAGE_SHEET = [
    "No", "NIK", "No. KK", "Nama Lengkap", "L/P", "Tempat/Tgl Lahir", "Alamat", "RT/RW", "Desa",
    "Kecamatan", "No. HP", "Pekerjaan", "Penghasilan (Rp)", "Nama Ibu Kandung", "Keterangan",
]  # fmt: skip


# --- single headers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("  No.   KTP ", "no ktp"),
        ("Nomor KTP", "no ktp"),
        ("nomer_ktp", "no ktp"),
        ("Tgl. Lahir", "tanggal lahir"),
        ("TEMPAT/TGL LAHIR", "tempat tanggal lahir"),
        ("RT/RW", "rt rw"),
        ("Tanggal\nLahir", "tanggal lahir"),
        (None, ""),
        (7, "7"),
    ],
)
def test_normalise_header(header: object, expected: str) -> None:
    assert normalise_header(header) == expected


@pytest.mark.parametrize(
    ("header", "field"),
    [
        *[(h, Field.NIK) for h in ("NIK", "No NIK", "No. NIK", "Nomor NIK", "Nomer NIK",
                                    "nomor induk kependudukan", "No KTP", "Nomor KTP", "NIK KTP")],
        *[(h, Field.KK) for h in ("No KK", "No. KK", "Nomor KK", "No Kartu Keluarga",
                                   "Nomor Kartu Keluarga", "KK")],
        *[(h, Field.FULL_NAME) for h in ("Nama", "NAMA LENGKAP", "Nama Pekerja", "Nama Peserta",
                                          "Nama Sesuai KTP")],
        *[(h, Field.SEX) for h in ("Jenis Kelamin", "JK", "L/P", "Kelamin", "Gender")],
        *[(h, Field.BIRTH_PLACE) for h in ("Tempat Lahir", "Tmp Lahir", "Tmp. Lahir")],
        *[(h, Field.BIRTH_DATE) for h in ("Tanggal Lahir", "Tgl Lahir", "Tgl. Lahir",
                                           "Tanggal Lahir (dd-mm-yyyy)")],
        *[(h, Field.TTL) for h in ("TTL", "Tempat Tanggal Lahir", "Tempat/Tgl Lahir",
                                    "Tempat, Tanggal Lahir")],
        *[(h, Field.ADDRESS) for h in ("Alamat", "Alamat Lengkap", "Jalan")],
        ("RT", Field.RT),
        ("RW", Field.RW),
        ("RT/RW", Field.RT_RW),
        ("RT / RW", Field.RT_RW),
        *[(h, Field.HAMLET) for h in ("Dusun", "Kampung")],
        *[(h, Field.VILLAGE) for h in ("Desa", "Kelurahan", "Desa/Kelurahan", "Nama Desa")],
        *[(h, Field.VILLAGE_CODE) for h in ("Kode Desa", "Kode Wilayah", "Kode Kemendagri")],
        *[(h, Field.DISTRICT) for h in ("Kecamatan", "Kec", "Kec.")],
        *[(h, Field.PHONE) for h in ("No HP", "No. HP", "Nomor HP", "No Telp", "No. Telp.",
                                      "Telepon", "HP", "No WA", "WhatsApp", "No. WhatsApp")],
        *[(h, Field.OCCUPATION) for h in ("Pekerjaan", "Jenis Pekerjaan", "Profesi",
                                           "Mata Pencaharian")],
        *[(h, Field.INCOME) for h in ("Penghasilan", "Penghasilan per Bulan", "Pendapatan",
                                       "Upah", "Penghasilan (Rp)")],
        *[(h, Field.MOTHER_NAME) for h in ("Nama Ibu", "Nama Ibu Kandung", "Ibu Kandung")],
        ("Nama Ahli Waris", Field.HEIR_NAME),
        ("Hubungan Ahli Waris", Field.HEIR_RELATION),
        ("Hubungan", Field.HEIR_RELATION),
        ("NIK Ahli Waris", Field.HEIR_NIK),
        ("No. HP Ahli Waris", Field.HEIR_PHONE),
        *[(h, Field.DECILE) for h in ("Desil", "Desil DTSEN", "Desil Kesejahteraan")],
        *[(h, Field.NOTES) for h in ("Keterangan", "Catatan", "Ket", "Ket.")],
    ],
)  # fmt: skip
def test_header_synonyms(header: str, field: Field) -> None:
    assert match_header(header) is field


@pytest.mark.parametrize("header", ["No", "Umur", "Agama", "Nama Ayah", "Hub. Keluarga", "", None])
def test_headers_that_name_no_field(header: object) -> None:
    assert match_header(header) is None


def test_field_values_are_stable_and_labelled() -> None:
    assert Field("full_name") is Field.FULL_NAME
    assert Field.RT_RW.value == "rt_rw"
    assert Field.MOTHER_NAME.label_id == "Nama ibu kandung"
    assert all(field.label_id and field.label_en for field in Field)


# --- a whole header row ----------------------------------------------------------------------


def test_village_sheet_maps_every_known_column() -> None:
    match = match_headers(VILLAGE_SHEET)

    assert match.mapping == {
        1: Field.NIK,
        2: Field.KK,
        3: Field.FULL_NAME,
        4: Field.SEX,
        5: Field.TTL,
        6: Field.ADDRESS,
        7: Field.RT_RW,
        8: Field.VILLAGE,
        9: Field.DISTRICT,
        10: Field.PHONE,
        11: Field.OCCUPATION,
        12: Field.INCOME,
        13: Field.MOTHER_NAME,
        14: Field.NOTES,
    }
    assert match.unmatched == ((0, "No"),)
    assert match.duplicates == ()
    assert match.missing == ()  # a TTL column stands in for the birth date


def test_missing_required_fields_are_listed_in_order() -> None:
    match = match_headers(["Nama", "Alamat", "Desa"])

    assert match.missing == (Field.NIK, Field.SEX, Field.BIRTH_DATE)


def test_village_is_not_required() -> None:
    match = match_headers(["NIK", "Nama", "JK", "Tgl Lahir"])

    assert match.missing == ()


def test_duplicates_keep_the_first_column() -> None:
    match = match_headers(["NIK", "Nama", "No KTP", "Nama Lengkap", "JK", "Tgl Lahir", "NIK KTP"])

    assert match.mapping[0] is Field.NIK
    assert match.mapping[1] is Field.FULL_NAME
    assert 2 not in match.mapping
    assert match.duplicates == (Field.NIK, Field.FULL_NAME)
    assert match.column(Field.NIK) == 0
    assert match.column(Field.PHONE) is None


def test_empty_headers_are_neither_matched_nor_reported() -> None:
    match = match_headers(["NIK", None, "", "  ", "Foto"])

    assert match.mapping == {0: Field.NIK}
    assert match.unmatched == ((4, "Foto"),)


def test_values_turns_a_row_into_cells_by_field() -> None:
    match = match_headers(["No", "NIK", "Nama", "JK"])

    assert match.values([1, "3201014508800004", "Siti"]) == {
        Field.NIK: "3201014508800004",
        Field.FULL_NAME: "Siti",
        Field.SEX: None,  # a short row: the cell is absent
    }


# --- the header row under the titles ---------------------------------------------------------


def test_header_row_is_found_below_title_rows() -> None:
    rows: list[list[object]] = [
        ["DAFTAR PEKERJA RENTAN PENERIMA BANTUAN IURAN BPJS KETENAGAKERJAAN"],
        ["DESA SUKAMAJU KECAMATAN BABAKAN MADANG", None, None],
        [],
        VILLAGE_SHEET,  # type: ignore[list-item]
        [1, 2, 3, 4, 5, 6, 7, 8],  # column numbers under the headers
        [1, "3201014508800004", "3201012501200003", "Siti Aminah", "P", "Bogor, 05-08-1980"],
    ]

    assert find_header_row(rows) == 3


def test_no_header_row_when_no_row_names_three_fields() -> None:
    rows: list[list[object]] = [["Judul"], ["Nama", "Alamat"], ["Siti", "Jl. Mawar"]]

    assert find_header_row(rows) is None


def test_header_row_beyond_look_at_is_not_searched() -> None:
    rows: list[list[object]] = [[f"judul {i}"] for i in range(5)] + [["NIK", "Nama", "JK"]]

    assert find_header_row(rows) == 5
    assert find_header_row(rows, look_at=5) is None


def test_the_row_naming_most_fields_wins() -> None:
    rows: list[list[object]] = [["Nama", "Alamat", "Desa"], VILLAGE_SHEET]  # type: ignore[list-item]

    assert find_header_row(rows) == 1


# --- OpenSID ---------------------------------------------------------------------------------


def test_opensid_export_headers_are_matched() -> None:
    match = match_headers(OPENSID_EXPORT)

    assert match.mapping == {
        1: Field.KK,
        2: Field.NIK,
        4: Field.FULL_NAME,
        5: Field.ADDRESS,
        6: Field.HAMLET,
        7: Field.RW,
        8: Field.RT,
        9: Field.SEX,
        10: Field.BIRTH_PLACE,
        11: Field.BIRTH_DATE,
        15: Field.OCCUPATION,
        19: Field.MOTHER_NAME,
        20: Field.RESIDENT_STATUS,  # Tetap / Pendatang: read as living residents
    }
    assert match.missing == ()
    assert looks_like_opensid(OPENSID_EXPORT)


def test_opensid_old_export_headers_are_matched() -> None:
    match = match_headers(OPENSID_OLD_EXPORT)

    assert {Field.NIK, Field.KK, Field.FULL_NAME, Field.SEX, Field.BIRTH_DATE} <= set(
        match.mapping.values()
    )
    assert match.missing == ()
    assert looks_like_opensid(OPENSID_OLD_EXPORT)


def test_opensid_import_workbook_column_names_are_matched() -> None:
    match = match_headers(OPENSID_IMPORT)
    fields = {OPENSID_IMPORT[i]: f for i, f in match.mapping.items()}

    assert fields["no_kk"] is Field.KK
    assert fields["sex"] is Field.SEX
    assert fields["tempatlahir"] is Field.BIRTH_PLACE
    assert fields["tanggallahir"] is Field.BIRTH_DATE
    assert fields["nama_ibu"] is Field.MOTHER_NAME
    assert fields["telepon"] is Field.PHONE
    assert fields["pekerjaan_id"] is Field.OCCUPATION  # the civil registry's numbers, read
    assert match.unmatched == ()  # agama_id, kk_level, ayah_nik…: known, not read
    assert match.missing == ()
    assert looks_like_opensid(OPENSID_IMPORT)


def test_opensid_sheet_with_its_title_rows() -> None:
    rows: list[list[object]] = [
        ["Desa : Sukamaju Kec. : Babakan Madang Kab : Bogor"],
        ["DATA PENDUDUK"],
        [],
        OPENSID_EXPORT,  # type: ignore[list-item]
    ]

    assert find_header_row(rows) == 3


def test_an_ordinary_village_sheet_is_not_opensid() -> None:
    assert not looks_like_opensid(VILLAGE_SHEET)
    assert not looks_like_opensid(["NIK", "Nama", "Nama Ayah", "Status Kawin"])

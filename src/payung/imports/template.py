"""The import's template: the blank workbook a village operator fills in with workers.

The template is shaped so that Excel does not damage the data on the way in: identity numbers
sit in Text-formatted columns (a NIK typed into a General cell becomes ``3,20101E+15`` and loses
its last digit), lists come from drop-downs, and the instructions live on their own sheet, since
an example row on the data sheet would be imported as a person. The workbook pieces are
``payung.files.workbooks``'s; what the columns are and what the instructions say is the import's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from openpyxl.styles import Alignment

from payung.files.table import DEFAULT_LIMITS
from payung.files.workbooks import (
    DATA_SHEET,
    TEXT_FORMAT,
    Column,
    add_list_validation,
    write_header_row,
    write_list,
)
from payung.files.writers import DATE_FORMAT, HEADER_FONT, xlsx_bytes, xlsx_put, xlsx_workbook

INSTRUCTIONS_SHEET: Final = "Petunjuk"
LISTS_SHEET: Final = "Daftar"
MAX_DATA_ROWS: Final = DEFAULT_LIMITS.max_rows
# Drop-downs cover every row an upload may have; the Text format is set on whole columns.
LAST_ROW: Final = MAX_DATA_ROWS + 1
SEXES: Final = ("L", "P")
HEIR_RELATIONS: Final = ("istri", "suami", "anak", "ayah", "ibu", "saudara", "lainnya")

COLUMNS: Final = (
    Column(
        "NIK",
        20,
        "Nomor Induk Kependudukan pada KTP/KK: 16 digit, diketik sebagai teks.",
        "3201014508800004",
        TEXT_FORMAT,
    ),
    Column(
        "No. KK",
        20,
        "Nomor Kartu Keluarga: 16 digit, diketik sebagai teks.",
        "3201012501200003",
        TEXT_FORMAT,
    ),
    Column("Nama Lengkap", 28, "Nama lengkap sesuai KTP.", "Siti Aminah"),
    Column("Jenis Kelamin", 8, "L = laki-laki, P = perempuan (pilih dari daftar).", "P"),
    Column("Tempat Lahir", 16, "Kota atau kabupaten tempat lahir sesuai KTP.", "Bogor"),
    Column(
        "Tanggal Lahir",
        14,
        "Tanggal lahir sesuai KTP, ditulis hari-bulan-tahun (dd-mm-yyyy).",
        "05-08-1980",
        DATE_FORMAT,
    ),
    Column("Alamat", 30, "Alamat tempat tinggal: jalan atau kampung, nomor rumah.", "Kp. Sukamaju"),
    Column("RT", 6, "Nomor RT.", "001"),
    Column("RW", 6, "Nomor RW.", "002"),
    Column("Dusun", 14, "Nama dusun atau lingkungan, jika ada.", "Dusun I"),
    Column(
        "Kode Desa",
        14,
        "Kode wilayah desa/kelurahan, 10 digit (lihat daftar desa di bawah).",
        "3201012001",
        TEXT_FORMAT,
    ),
    Column("Desa/Kelurahan", 22, "Desa atau kelurahan tempat tinggal (pilih dari daftar).", ""),
    Column(
        "No. HP",
        16,
        "Nomor HP/WhatsApp yang aktif, lengkap dengan 0 di depan.",
        "081234567890",
        TEXT_FORMAT,
    ),
    Column("Pekerjaan", 22, "Pekerjaan utama (pilih dari daftar).", ""),
    Column(
        "Penghasilan per Bulan",
        14,
        "Perkiraan penghasilan sebulan dalam rupiah, angka saja tanpa Rp dan titik.",
        "1500000",
        "#,##0",
    ),
    Column("Nama Ibu Kandung", 24, "Nama ibu kandung peserta.", "Aminah"),
    Column(
        "Nama Ahli Waris",
        24,
        "Orang yang menerima santunan bila peserta meninggal dunia.",
        "Ahmad Fauzi",
    ),
    Column(
        "Hubungan Ahli Waris",
        12,
        "Hubungan ahli waris dengan peserta: "
        + ", ".join(HEIR_RELATIONS)
        + " (pilih dari daftar).",
        "suami",
    ),
    Column(
        "NIK Ahli Waris",
        20,
        "NIK ahli waris: 16 digit, diketik sebagai teks.",
        "3201010101750001",
        TEXT_FORMAT,
    ),
    Column(
        "No. HP Ahli Waris",
        16,
        "Nomor HP ahli waris, lengkap dengan 0 di depan.",
        "081298765432",
        TEXT_FORMAT,
    ),
    Column(
        "Desil DTSEN",
        8,
        "Desil kesejahteraan 1 sampai 10 dalam DTSEN (Data Tunggal Sosial dan Ekonomi "
        "Nasional), jika diketahui.",
        "2",
    ),
    Column("Keterangan", 30, "Catatan tambahan; boleh kosong.", ""),
)
HEADERS: Final = tuple(column.header for column in COLUMNS)


def build_template(
    *,
    villages: Sequence[tuple[str, str]],
    occupations: Sequence[tuple[str, str]],
    programme_name: str,
) -> bytes:
    """The import template: sheets Petunjuk, Data and a hidden Daftar holding the drop-downs.

    ``villages`` and ``occupations`` are ``(code, name)`` pairs; villages are those of the user's
    scope, so the drop-down offers only villages they may register people in.
    """
    workbook = xlsx_workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS_SHEET
    data = workbook.create_sheet(DATA_SHEET)
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"

    write_header_row(data, COLUMNS)
    occupation_range = write_list(lists, 1, "Pekerjaan", [name for _, name in occupations])
    write_list(lists, 2, "Kode Pekerjaan", [code for code, _ in occupations])
    village_range = write_list(lists, 3, "Desa/Kelurahan", [name for _, name in villages])
    write_list(lists, 4, "Kode Desa", [code for code, _ in villages])

    _add_list_validation(data, "Jenis Kelamin", '"' + ",".join(SEXES) + '"')
    _add_list_validation(data, "Hubungan Ahli Waris", '"' + ",".join(HEIR_RELATIONS) + '"')
    if occupation_range:
        _add_list_validation(data, "Pekerjaan", occupation_range)
    if village_range:
        _add_list_validation(data, "Desa/Kelurahan", village_range)

    _write_instructions(instructions, programme_name=programme_name, villages=villages)
    workbook.active = 0
    return xlsx_bytes(workbook)


def _add_list_validation(sheet: Any, header: str, formula: str) -> None:
    add_list_validation(
        sheet,
        column=HEADERS.index(header) + 1,
        header=header,
        formula=formula,
        last_row=LAST_ROW,
    )


def _write_instructions(
    sheet: Any, *, programme_name: str, villages: Sequence[tuple[str, str]]
) -> None:
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 80
    sheet.column_dimensions["C"].width = 22
    wrap = Alignment(wrap_text=True, vertical="top")
    row = 1

    def line(*values: object, bold: bool = False) -> None:
        nonlocal row
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column)
            xlsx_put(cell, value)
            cell.alignment = wrap
            if bold:
                cell.font = HEADER_FONT
        row += 1

    line("Petunjuk pengisian data pekerja rentan", bold=True)
    line("Program", programme_name)
    line()
    line("Cara mengisi", bold=True)
    rules = (
        f'Isi data di lembar "{DATA_SHEET}", mulai baris 2. Satu baris untuk satu orang. '
        "Jangan ubah judul kolom di baris 1.",
        "NIK, No. KK dan NIK Ahli Waris harus 16 digit dan diketik sebagai teks. Kolom itu "
        "sudah berformat Teks. Bila menyalin dari berkas lain, gunakan Tempel Khusus > Nilai "
        "(Paste Special > Values) agar format Teks tetap. Angka seperti 3,20101E+15 berarti "
        "NIK sudah rusak: digit terakhirnya hilang dan harus diketik ulang dari KTP/KK.",
        "No. HP ditulis lengkap dengan angka 0 di depan, misalnya 081234567890.",
        "Tanggal Lahir ditulis hari-bulan-tahun (dd-mm-yyyy), misalnya 05-08-1980.",
        "Jenis Kelamin, Desa/Kelurahan, Pekerjaan dan Hubungan Ahli Waris dipilih dari daftar "
        "pada sel. Jika ada dua desa bernama sama, isi juga Kode Desa.",
        "Jangan menggabungkan sel (merge cells) dan jangan menambahkan rumus (isian yang diawali "
        "tanda =). Isi setiap sel dengan nilai saja. Baris yang berisi rumus akan ditolak.",
        f"Paling banyak {_thousands(MAX_DATA_ROWS)} baris data per berkas; bila lebih, bagi "
        "menjadi beberapa berkas.",
        "Simpan sebagai Excel Workbook (.xlsx), lalu unggah. Contoh pengisian ada di tabel di "
        "bawah; jangan ketik contoh itu di lembar Data.",
    )
    for number, rule in enumerate(rules, start=1):
        line(f"{number}.", rule)
    line()
    line("Arti setiap kolom", bold=True)
    line("Kolom", "Keterangan", "Contoh", bold=True)
    first_village = villages[0] if villages else ("", "")
    for column in COLUMNS:
        example = column.example
        if column.header == "Desa/Kelurahan":
            example = first_village[1]
        elif column.header == "Kode Desa" and villages:
            example = first_village[0]
        line(column.header, column.description, example)
    if villages:
        line()
        line("Daftar desa/kelurahan", bold=True)
        line("Kode Desa", "Desa/Kelurahan", bold=True)
        for code, name in villages:
            line(code, name)


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # Indonesian groups thousands with dots

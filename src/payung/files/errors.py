"""The ``file.*`` codes a reader raises (or notes) for an upload, with their Indonesian and
English messages, and the exceptions that mean a damaged workbook rather than a bug here.
"""

from __future__ import annotations

import zipfile
import zlib
from typing import Final
from xml.etree.ElementTree import ParseError

from openpyxl.utils.exceptions import InvalidFileException

from payung.domain.errors import DomainError, register

EMPTY: Final = register(
    "file.empty",
    id="Berkas yang diunggah kosong (0 byte). Pilih berkas yang berisi data, lalu unggah lagi.",
    en="The uploaded file is empty (0 bytes). Choose the file holding the data and upload again.",
)
TOO_LARGE: Final = register(
    "file.too_large",
    id=(
        "Berkas terlalu besar ({size_mb} MB); batasnya {limit_mb} MB. Bagi data menjadi beberapa "
        "berkas, lalu unggah satu per satu."
    ),
    en=(
        "The file is too large ({size_mb} MB); the limit is {limit_mb} MB. Split the data into "
        "several files and upload them one by one."
    ),
)
NOT_SPREADSHEET: Final = register(
    "file.not_spreadsheet",
    id=(
        "Berkas ini bukan lembar kerja Excel atau CSV (jenis berkas: {kind}). Buka data di Excel, "
        "simpan sebagai Excel Workbook (.xlsx), lalu unggah lagi."
    ),
    en=(
        "This file is not an Excel or CSV spreadsheet (file type: {kind}). Open the data in "
        "Excel, save it as an Excel Workbook (.xlsx) and upload it again."
    ),
)
PASSWORD_PROTECTED: Final = register(
    "file.password_protected",
    id=(
        "Berkas dilindungi kata sandi. Buka di Excel, hapus kata sandinya, simpan ulang, lalu "
        "unggah lagi."
    ),
    en=(
        "The file is protected by a password. Open it in Excel, remove the password, save it "
        "again and upload it."
    ),
)
LEGACY_XLS: Final = register(
    "file.legacy_xls",
    id=(
        "Berkas ini berformat Excel 95 atau lebih lama. Buka di Excel, pilih Simpan Sebagai lalu "
        "Excel Workbook (.xlsx), kemudian unggah berkas .xlsx tersebut."
    ),
    en=(
        "This is an Excel 95 (or older) file. Open it in Excel, choose Save As, then Excel "
        "Workbook (.xlsx), and upload the .xlsx file."
    ),
)
SHEET_EXTENT: Final = register(
    "file.sheet_extent",
    id=(
        'Lembar "{sheet}" berisi sel yang jauh dari tabel (sampai baris {row}, kolom {column}). '
        "Hapus baris dan kolom di bawah dan di kanan tabel, simpan ulang, lalu unggah lagi."
    ),
    en=(
        'The sheet "{sheet}" has cells far away from the table (down to row {row}, column '
        "{column}). Delete the rows and columns below and to the right of the table, save again "
        "and upload it."
    ),
)
ZIP_BOMB: Final = register(
    "file.zip_bomb",
    id=(
        "Isi berkas ini tidak wajar: setelah dibuka, ukurannya jauh melebihi lembar kerja biasa, "
        "sehingga demi keamanan berkas tidak dibaca. Salin datanya ke buku kerja Excel baru, "
        "simpan sebagai .xlsx, lalu unggah lagi."
    ),
    en=(
        "The content of this file is abnormal: unpacked, it is far larger than any normal "
        "spreadsheet, so it was not read, for safety. Copy the data into a new Excel workbook, "
        "save it as .xlsx and upload it again."
    ),
)
CORRUPT: Final = register(
    "file.corrupt",
    id=(
        "Berkas rusak atau tidak dapat dibaca ({detail}). Coba buka di Excel; jika bisa dibuka, "
        "simpan ulang sebagai .xlsx lalu unggah lagi."
    ),
    en=(
        "The file is damaged or cannot be read ({detail}). Try opening it in Excel; if it opens, "
        "save it again as .xlsx and upload it."
    ),
)
TOO_MANY_ROWS: Final = register(
    "file.too_many_rows",
    id=(
        "Berkas berisi lebih dari {limit} baris data. Bagi data menjadi beberapa berkas yang "
        "masing-masing paling banyak {limit} baris, lalu unggah satu per satu."
    ),
    en=(
        "The file holds more than {limit} data rows. Split it into files of at most {limit} rows "
        "each and upload them one by one."
    ),
)
TOO_MANY_COLUMNS: Final = register(
    "file.too_many_columns",
    id=(
        "Baris {row} berisi lebih dari {limit} kolom. Hapus isi kolom tambahan di sebelah kanan "
        "tabel, lalu unggah lagi."
    ),
    en=(
        "Row {row} has more than {limit} columns. Clear the extra columns to the right of the "
        "table and upload again."
    ),
)
CELL_TOO_LONG: Final = register(
    "file.cell_too_long",
    id=(
        "Baris {row} berisi sel yang lebih panjang dari {limit} karakter, melebihi yang dapat "
        "dimuat sel Excel. Periksa isi baris tersebut."
    ),
    en=(
        "Row {row} has a cell longer than {limit} characters, more than an Excel cell can hold. "
        "Check the content of that row."
    ),
)
ENCODING_UNKNOWN: Final = register(
    "file.encoding_unknown",
    id=(
        "Huruf dalam berkas CSV ini tidak dapat dibaca. Buka di Excel, simpan sebagai "
        '"CSV UTF-8 (Comma delimited)", lalu unggah lagi.'
    ),
    en=(
        "The characters in this CSV file cannot be read. Open it in Excel, save it as "
        '"CSV UTF-8 (Comma delimited)" and upload it again.'
    ),
)
NO_DATA: Final = register(
    "file.no_data",
    id=(
        "Tidak ada data dalam berkas: semua baris kosong. Periksa apakah data ada di lembar "
        "yang benar, lalu unggah lagi."
    ),
    en=(
        "The file holds no data: every row is empty. Check that the data is on the right sheet "
        "and upload again."
    ),
)
SHEET_MISSING: Final = register(
    "file.sheet_missing",
    id='Lembar "{sheet}" tidak ada dalam berkas. Periksa nama lembarnya, lalu unggah lagi.',
    en='The workbook has no sheet named "{sheet}". Check the sheet name and upload again.',
)
TRAILING_EMPTY_ROWS_IGNORED: Final = register(
    "file.trailing_empty_rows_ignored",
    id=(
        "Pembacaan berhenti setelah {count} baris kosong berturut-turut di bawah baris {row}. "
        "Jika masih ada data di bawahnya, hapus baris-baris kosong itu lalu unggah lagi."
    ),
    en=(
        "Reading stopped after {count} empty rows in a row below row {row}. If there is more "
        "data further down, delete the empty rows and upload again."
    ),
)
OTHER_SHEETS_IGNORED: Final = register(
    "file.other_sheets_ignored",
    id='Hanya lembar "{sheet}" yang dibaca; lembar lain diabaikan: {sheets}.',
    en='Only the sheet "{sheet}" was read; these other sheets were ignored: {sheets}.',
)


# What openpyxl and the XML and zip layers under it raise for a malformed workbook. Anything
# else is a bug here and must fail loudly rather than be reported as a damaged file.
XLSX_FAILURES: Final = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    InvalidFileException,
    ParseError,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    EOFError,
    OSError,
)


def corrupt(error: BaseException) -> DomainError:
    detail = f"{type(error).__name__}: {error}".strip().rstrip(":")
    return DomainError(CORRUPT, detail=detail[:120])

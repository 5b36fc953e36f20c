"""An import never does nothing silently (issue 11, item 5; ADR 0028).

Each case goes through the real services and pages: a commit "only if every row is valid" with
bad rows says that nothing was saved and offers "valid rows only"; a file with nothing below its
headings is refused as "no data read"; CSV records ended by U+2028 or a vertical tab and .xlsx
rows stored out of order are read as the rows they are.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from payung.audit.models import AuditEvent
from payung.domain.errors import DomainError, message_for
from payung.imports.models import BatchStatus, CommitMode, ImportBatch
from payung.imports.services import batch_commit, batch_upload, batch_validate
from payung.jobs.models import Job
from payung.registry.models import Person
from tests.integration.test_import import HEADERS, ROWS, TODAY, _xlsx
from tests.unit.files.test_reader import write_sheet_xml

pytestmark = pytest.mark.django_db

NOT_ALL_VALID_ID = (
    "Tidak ada yang disimpan: 3 baris bermasalah; perbaiki atau pilih 'hanya baris yang valid' "
    "(2 baris akan disimpan)."
)
NOT_ALL_VALID_EN = (
    "Nothing was saved: 3 rows have problems; fix them or choose 'valid rows only' "
    "(2 rows would be saved)."
)
NO_ROWS_ID = (
    "Tidak ada data yang terbaca: di bawah judul kolom (baris {row}) tidak ada baris yang "
    "berisi data. Periksa berkasnya, lalu unggah lagi."
)


@pytest.fixture
def operator(demo):
    return demo["users"]["operator.desa"]


def _validated(operator, programme, path: Path) -> ImportBatch:
    upload = batch_upload(actor=operator, programme=programme, path=path, file_name=path.name)
    return batch_validate(actor=operator, batch=upload.batch, today=TODAY)


def _text(response) -> str:
    """The page's visible text, tags dropped and entities decoded."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


# --- "only if every row is valid" with bad rows ---------------------------------------------


def test_all_valid_with_bad_rows_refuses_saying_nothing_was_saved_and_the_counts(
    operator, demo, tmp_path
):
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "desa.xlsx"))

    with pytest.raises(DomainError) as error:
        batch_commit(actor=operator, batch=batch, mode=CommitMode.ALL_VALID)

    assert error.value.code == "import.not_all_valid"
    assert error.value.params == {"invalid": 3, "valid": 2}
    assert error.value.message("id") == NOT_ALL_VALID_ID
    assert error.value.message("en") == NOT_ALL_VALID_EN
    batch.refresh_from_db()
    assert batch.status == BatchStatus.VALIDATED  # nothing changed, so nothing is audited
    assert Person.objects.count() == 0
    assert not AuditEvent.objects.filter(action="import.commit").exists()


def test_the_page_says_why_nothing_was_saved_and_offers_valid_rows_only(
    client, operator, demo, tmp_path
):
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "desa.xlsx"))
    client.force_login(operator)

    preview = client.get(f"/imports/{batch.pk}/")
    refused = client.post(f"/imports/{batch.pk}/commit/", {"mode": "all_valid"}, follow=True)

    # Before saving, the form already says what "only if every row is valid" would do.
    assert (
        '3 baris bermasalah: dengan "Hanya jika semua baris valid" tidak ada yang disimpan; '
        '"Hanya baris yang valid" menyimpan 2 baris lainnya.'
    ) in _text(preview)
    assert refused.redirect_chain == [(f"/imports/{batch.pk}/?refused=all_valid#commit", 302)]
    text = _text(refused)
    assert NOT_ALL_VALID_ID in text
    assert (
        "Simpan 2 baris yang valid saja? 3 baris bermasalah tidak disimpan; unduh daftarnya "
        "untuk diperbaiki dan diimpor lagi nanti."
    ) in text
    assert "import.not_all_valid" not in text  # the code is not on the person's screen
    offer = re.search(r'<section class="card refusal".*?</section>', refused.content.decode(), re.S)
    assert offer is not None
    assert 'name="mode" value="valid_only"' in offer[0]
    assert "Simpan 2 baris yang valid saja</button>" in offer[0]
    assert not Job.objects.filter(kind="import.commit").exists()
    assert Person.objects.count() == 0

    saved = client.post(f"/imports/{batch.pk}/commit/", {"mode": "valid_only"})

    assert saved.status_code == 302
    job = Job.objects.get(kind="import.commit")
    assert job.params == {"batch": batch.pk, "mode": "valid_only"}


def test_the_refusal_is_in_english_for_an_english_reader(client, operator, demo, tmp_path):
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "desa.xlsx"))
    client.force_login(operator)
    client.cookies["django_language"] = "en"

    text = _text(client.get(f"/imports/{batch.pk}/?refused=all_valid"))

    assert NOT_ALL_VALID_EN in text
    assert "Save only the valid rows (2)" in text


def test_a_file_without_bad_rows_offers_no_refusal(client, operator, demo, tmp_path):
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "desa.xlsx", rows=ROWS[:2]))
    client.force_login(operator)

    response = client.post(f"/imports/{batch.pk}/commit/", {"mode": "all_valid"})

    assert response.status_code == 302
    assert response["Location"] == f"/imports/{batch.pk}/"
    assert Job.objects.get(kind="import.commit").params["mode"] == "all_valid"


# --- nothing below the headings -------------------------------------------------------------


def _assert_no_rows(batch: ImportBatch, header_row: int) -> None:
    assert batch.status == BatchStatus.REFUSED
    assert batch.refusal_code == "import.no_rows"
    assert batch.refusal_params == {"header_row": str(header_row)}
    assert batch.rows.count() == 0
    event = AuditEvent.objects.get(action="import.refuse", object_id=str(batch.pk))
    assert event.after == {"code": "import.no_rows"}


def test_a_header_only_workbook_is_refused_as_no_data_read(client, operator, demo, tmp_path):
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "kosong.xlsx", rows=[]))

    _assert_no_rows(batch, header_row=3)
    client.force_login(operator)
    text = _text(client.get(f"/imports/{batch.pk}/"))
    assert NO_ROWS_ID.format(row=3) in text
    assert "Simpan ke registri" not in text


def test_a_header_only_csv_is_refused_as_no_data_read(operator, demo, tmp_path):
    path = tmp_path / "kosong.csv"
    path.write_text("NIK;Nama;L/P;Tgl Lahir\r\n;;;\r\n  ;;;\r\n", encoding="utf-8")

    _assert_no_rows(_validated(operator, demo["bogor"], path), header_row=1)


def test_rows_with_nothing_in_a_known_column_are_no_data_either(operator, demo, tmp_path):
    # A template whose "No" column was numbered in advance, and nothing else filled in.
    rows = [[n, None, None, None, None, None, None] for n in range(1, 21)]

    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "template.xlsx", rows=rows))

    _assert_no_rows(batch, header_row=3)


# --- CSV records ended by other line breaks -------------------------------------------------

CSV_HEADERS = "NIK;Nama;L/P;Tgl Lahir;Pekerjaan;Nama Ibu"
CSV_ROWS = (
    "3201014508800004;Siti Aminah;P;05-08-1980;Buruh tani;Halimah",
    "3201010508800004;Budi;L;05-08-1980;Ojek;Aisyah",
)


@pytest.mark.parametrize(
    "separator",
    ["\u2028", "\u2029", "\x0b", "\x0c", "\x85"],
    ids=["U+2028", "U+2029", "VT", "FF", "NEL"],
)
def test_csv_records_ended_by_other_line_breaks_are_read_as_rows(
    operator, demo, tmp_path, separator
):
    path = tmp_path / "daftar.csv"
    path.write_text(separator.join([CSV_HEADERS, *CSV_ROWS]) + separator, encoding="utf-8")

    batch = _validated(operator, demo["bogor"], path)

    assert batch.status == BatchStatus.VALIDATED
    assert batch.rows_total == 2
    assert batch.summary["outcomes"] == {"valid": 2}
    assert sorted(batch.rows.values_list("row_number", flat=True)) == [2, 3]


# --- .xlsx rows stored out of order ---------------------------------------------------------


def _row(number: int | None, values: list[str]) -> bytes:
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
        if number
        else f'<c t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return (f'<row r="{number}">{cells}</row>' if number else f"<row>{cells}</row>").encode()


PEOPLE = [
    ["3201014508800004", "Siti Aminah", "P", "05-08-1980", "Buruh tani", "Halimah"],
    ["3201010508800004", "Budi", "L", "05-08-1980", "Ojek", "Aisyah"],
    ["3201011203850001", "Asep", "L", "12-03-1985", "Pemulung", "Onah"],
]


@pytest.mark.parametrize(
    ("rows", "numbers"),
    [
        # The header stored last: today it is dropped and the data read as trailing rows.
        (
            [_row(4, PEOPLE[2]), _row(2, PEOPLE[0]), _row(3, PEOPLE[1]), _row(1, HEADERS[1:])],
            [2, 3, 4],
        ),
        (
            [_row(1, HEADERS[1:]), _row(5, PEOPLE[2]), _row(2, PEOPLE[0]), _row(3, PEOPLE[1])],
            [2, 3, 5],
        ),
        # Rows without a number follow the row before them, wherever that is.
        (
            [
                _row(3, PEOPLE[1]),
                _row(None, PEOPLE[2]),
                _row(1, HEADERS[1:]),
                _row(None, PEOPLE[0]),
            ],
            [2, 3, 4],
        ),
    ],
    ids=["header-last", "row-5-before-row-2", "rows-without-r"],
)
def test_xlsx_rows_stored_out_of_order_are_read_in_sheet_order(
    operator, demo, tmp_path, rows, numbers
):
    batch = _validated(operator, demo["bogor"], write_sheet_xml(tmp_path / "urutan.xlsx", rows))

    assert batch.status == BatchStatus.VALIDATED
    assert batch.header_row == 1
    assert batch.rows_total == 3
    assert batch.summary["outcomes"] == {"valid": 3}
    names = dict(batch.rows.values_list("row_number", "full_name"))
    assert names == dict(zip(numbers, ["Siti Aminah", "Budi", "Asep"], strict=True))


def test_the_preview_says_each_kind_of_problem_in_words_with_its_first_row(
    client, operator, demo, tmp_path
):
    """Given rows with a bad birth date, the summary reads the message filled from its first row."""
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "desa.xlsx"))
    example = batch.summary["examples"]["date.invalid"]
    client.force_login(operator)

    text = _text(client.get(f"/imports/{batch.pk}/"))

    assert example["row"] == 8  # the title, an empty row, the headings, then the 5th data row
    kind = message_for("date.invalid", "id", **example["params"])
    assert f"{kind} (pertama di baris 8)" in text
    assert "date.invalid" not in text
    assert " … " not in text

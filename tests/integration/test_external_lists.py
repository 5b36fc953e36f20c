"""External lists become flags on people, with history: exact NIKs, probable matches, renewals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from payung.audit.models import AuditEvent
from payung.dedupe.lists import external_list_import
from payung.dedupe.models import PersonFlag
from payung.domain.errors import DomainError
from payung.domain.flags import MEANING, Effect, ListKind
from tests.integration.test_dedupe import NEIGHBOUR_VILLAGE, VILLAGE, _person

pytestmark = pytest.mark.django_db
SOURCE = "BPJS Ketenagakerjaan Cabang Cibinong"


def _csv(path: Path, rows: list[tuple[str, str]]) -> Path:
    lines = ["DAFTAR PESERTA AKTIF BPU", "NIK;Nama", *(f"{nik};{name}" for nik, name in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def verifier(demo):
    return demo["users"]["verifikator"]


@pytest.fixture
def people(db):
    return {
        "siti": _person("3201204508800001", "Siti Aminah"),
        "euis": _person("3201204508800002", "Euis Komariah", NEIGHBOUR_VILLAGE),
        "budi": _person("3201200508800001", "Budi Santoso", VILLAGE, sex="M"),
    }


def _import(verifier, path, list_date):
    return external_list_import(
        actor=verifier,
        kind=ListKind.BPJS_ACTIVE,
        source=SOURCE,
        list_date=list_date,
        region_code="32.01",
        path=path,
        file_name=path.name,
    )


def test_a_list_flags_exact_and_probable_matches_with_its_source_and_date(
    verifier, people, tmp_path
):
    path = _csv(
        tmp_path / "bpjs-1.csv",
        [
            ("3201204508800001", "SITI AMINAH"),  # exact NIK
            ("3201200508800010", "Budi Santoso"),  # NIK digits swapped, same name: probable
            ("3602014101900003", "Orang Lebak"),  # not in the registry
            ("3.20120E+15", "Rusak"),  # unreadable
        ],
    )
    result = _import(verifier, path, date(2026, 11, 1))

    assert (result.raised, result.kept, result.ended) == (2, 0, 0)
    flags = {f.person.full_name: f for f in PersonFlag.objects.select_related("person")}
    assert set(flags) == {"Siti Aminah", "Budi Santoso"}
    assert (flags["Siti Aminah"].match, flags["Siti Aminah"].score) == ("nik", None)
    assert flags["Budi Santoso"].match == "probable"
    assert flags["Budi Santoso"].score >= 8
    listed = result.external_list
    assert (listed.rows_total, listed.rows_unreadable) == (4, 1)
    assert (listed.matched_exact, listed.matched_probable) == (1, 1)
    assert flags["Siti Aminah"].first_list == listed
    event = AuditEvent.objects.get(action="external_list.import")
    assert event.after["raised"] == 2
    assert event.after["list_date"] == "2026-11-01"
    raised = AuditEvent.objects.filter(action="flag.raise")
    assert {e.subject_key for e in raised} == {
        f"person:{people['siti'].pk}",
        f"person:{people['budi'].pk}",
    }
    assert MEANING[ListKind.BPJS_ACTIVE][1] is Effect.EXCLUDES


def test_a_newer_list_keeps_ends_and_raises_flags_and_keeps_history(verifier, people, tmp_path):
    first = _csv(tmp_path / "1.csv", [("3201204508800001", "Siti Aminah")])
    _import(verifier, first, date(2026, 10, 1))
    second = _csv(tmp_path / "2.csv", [("3201204508800002", "Euis Komariah")])

    result = _import(verifier, second, date(2026, 11, 1))

    assert (result.raised, result.kept, result.ended) == (1, 0, 1)
    ended = PersonFlag.objects.get(person=people["siti"])
    assert ended.active is False
    assert ended.ended_by == result.external_list
    assert PersonFlag.objects.get(person=people["euis"]).active is True
    assert AuditEvent.objects.filter(action="flag.end").count() == 1

    again = _import(verifier, second, date(2026, 11, 1))
    assert again.reopened
    assert PersonFlag.objects.count() == 2
    third = _csv(tmp_path / "3.csv", [("3201204508800002", "Euis Komariah"), ("x", "y")])
    kept = _import(verifier, third, date(2026, 12, 1))
    assert (kept.raised, kept.kept, kept.ended) == (0, 1, 0)
    assert PersonFlag.objects.get(person=people["euis"]).last_list == kept.external_list


def test_an_older_list_than_the_last_one_is_refused(verifier, people, tmp_path):
    _import(verifier, _csv(tmp_path / "new.csv", [("3201204508800001", "Siti")]), date(2026, 11, 1))
    with pytest.raises(DomainError) as error:
        _import(
            verifier, _csv(tmp_path / "old.csv", [("3201204508800002", "Euis")]), date(2026, 9, 1)
        )
    assert error.value.code == "lists.older"
    assert PersonFlag.objects.count() == 1


def test_a_list_without_a_nik_column_is_refused(verifier, people, tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("Nama;Alamat\nSiti;Desa\n", encoding="utf-8")
    with pytest.raises(DomainError) as error:
        _import(verifier, path, date(2026, 11, 1))
    assert error.value.code == "lists.no_nik_column"


def test_the_command_imports_a_list_and_reports_what_changed(verifier, people, tmp_path):
    import io

    from django.core.management import call_command

    path = _csv(tmp_path / "meninggal.csv", [("3201204508800002", "Euis Komariah")])
    out = io.StringIO()
    args = ["import", str(path), "--kind", "deceased", "--source", "Disdukcapil"]
    call_command(
        "lists",
        *args,
        "--date",
        "2026-11-15",
        "--region",
        "32.01",
        "--user",
        "verifikator",
        stdout=out,
    )
    assert (
        out.getvalue()
        .strip()
        .endswith(
            "1 rows (0 unreadable); matched 1 by NIK, 0 probable; flags raised 1, kept 0, ended 0"
        )
    )
    assert PersonFlag.objects.get().kind == "deceased"


def test_the_person_page_shows_active_flags_in_words(client, verifier, people, tmp_path):
    path = _csv(tmp_path / "bpjs.csv", [("3201204508800001", "Siti Aminah")])
    _import(verifier, path, date(2026, 11, 1))
    client.force_login(verifier)
    page = client.get(f"/registry/{people['siti'].pk}/").content.decode()
    assert (
        "Sudah menjadi peserta aktif BPJS Ketenagakerjaan "
        "(BPJS Ketenagakerjaan Cabang Cibinong, daftar 01-11-2026)."
    ) in page
    assert (
        "Tercatat di daftar lain"
        not in client.get(f"/registry/{people['euis'].pk}/").content.decode()
    )


def test_an_exchanges_overlap_becomes_flags_renewed_by_the_next_exchange(verifier, people):
    import base64
    import os

    from payung.dedupe.exchange import exchange_match
    from payung.domain import exchange

    key = base64.urlsafe_b64encode(os.urandom(32)).decode()

    def lines(*niks):
        tokens = exchange.tokens_of(exchange.parse_key(key), {nik: nik for nik in niks})
        return sorted(t + "\n" for t in tokens)

    first = exchange_match(
        actor=verifier,
        region_code="32.01",
        key_text=key,
        partner="Kab. Lebak",
        lines=lines("3201204508800001", "3602014101900003"),
        flag_kind=ListKind.OTHER_PROGRAMME,
        list_date=date(2026, 11, 1),
    )
    assert first.people == [people["siti"].pk]
    assert (first.flags.raised, first.flags.ended) == (1, 0)
    flag = PersonFlag.objects.get()
    assert (flag.kind, flag.source, flag.match) == ("other_programme", "Kab. Lebak", "nik")
    assert flag.first_list.file_name == "exchange"

    second = exchange_match(
        actor=verifier,
        region_code="32.01",
        key_text=key,
        partner="Kab. Lebak",
        lines=lines("3201204508800002"),
        flag_kind=ListKind.OTHER_PROGRAMME,
        list_date=date(2026, 12, 1),
    )
    assert (second.flags.raised, second.flags.ended) == (1, 1)
    assert PersonFlag.objects.get(person=people["siti"]).active is False
    assert PersonFlag.objects.get(person=people["euis"]).active is True


def test_the_lists_page_uploads_a_list_and_shows_its_history(client, verifier, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(verifier)
    upload = SimpleUploadedFile(
        "bpjs.csv", b"NIK;Nama\n3201204508800001;Siti Aminah\n", content_type="text/csv"
    )
    form = {"kind": "bpjs_active", "source": SOURCE, "list_date": "2026-11-01", "file": upload}
    response = client.post("/lists/", form, follow=True)
    page = response.content.decode()
    assert (
        "1 baris dibaca; 1 orang ditemukan lewat NIK dan 0 kemungkinan; tanda baru 1, tetap 0, "
        "berakhir 0."
    ) in page
    assert [listed.source for listed in response.context["page"]] == [SOURCE]
    assert "Peserta aktif BPJS Ketenagakerjaan</td>" in page
    assert PersonFlag.objects.get().person == people["siti"]
    missing = client.post("/lists/", {"kind": "bpjs_active", "source": SOURCE})
    assert "Pilih jenis daftar, sumbernya, tanggalnya, dan berkasnya." in missing.content.decode()

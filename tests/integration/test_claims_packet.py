"""The claim packet (issue 13 item 8, ADR 0040): one case as an A4 PDF made by WeasyPrint with
Debian's fonts and no network, audited when made, never cached, named by the claim's id only."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from payung.audit.models import AuditEvent
from payung.claims import packet
from payung.claims.models import Claim
from payung.claims.services import claim_report, document_upload
from payung.domain._digits import mask
from tests.builders import village_operator
from tests.integration.test_claims import MONTHS, NOW, PDF, PNG, accident, billed
from tests.integration.test_enrolment import enrol, kpj
from tests.integration.test_screening import person

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes, tmp_path) -> str:
    """The PDF's text by Debian's poppler-utils (.ci/run installs it; a developer without it
    skips, CI never does)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler-utils) is missing in CI")
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    path = tmp_path / "packet.pdf"
    path.write_bytes(data)
    done = subprocess.run(  # noqa: S603 - a fixed program on a file this test wrote
        [pdftotext, "-layout", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


def _pdf_info(data: bytes, tmp_path) -> str:
    _pdf_text(data, tmp_path)  # skips (or fails in CI) without poppler-utils
    path = tmp_path / "packet.pdf"
    done = subprocess.run(  # noqa: S603 - a fixed program on a file this test wrote
        [shutil.which("pdfinfo") or "pdfinfo", str(path)], capture_output=True, check=True
    )
    return done.stdout.decode()


def _covered_claim(users, bogor, tmp_path):
    (enrolment,) = enrol(users, bogor, [person(1)], tmp_path)
    billed(users, bogor, MONTHS, paid=MONTHS)
    operator = users["operator.desa"]
    claim = claim_report(actor=operator, person=enrolment.person, report=accident(), now=NOW)
    document_upload(
        actor=operator, claim=claim, kind="ktp_deceased", data=PDF, file_name="KTP Budi.pdf"
    )
    document_upload(
        actor=operator, claim=claim, kind="death_certificate", data=PNG, file_name="akta.png"
    )
    return claim


def test_the_packet_is_a_pdf_named_by_its_id_never_cached_and_audited(
    users, bogor, client, tmp_path
):
    claim = _covered_claim(users, bogor, tmp_path)
    nik = claim.person.nik
    client.force_login(users["operator.desa"])

    detail = client.get(f"/claims/{claim.pk}/").content.decode()
    assert f'action="/claims/{claim.pk}/packet/"' in detail
    assert "Unduh paket klaim (PDF)" in detail
    assert client.get(f"/claims/{claim.pk}/packet/").status_code == 405  # a POST only
    response = client.post(f"/claims/{claim.pk}/packet/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == f'attachment; filename="paket-klaim-{claim.pk}.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    (made,) = AuditEvent.objects.filter(action="claim.packet")
    assert (made.object_type, made.object_id) == ("claims.Claim", str(claim.pk))
    assert made.actor_username == "operator.desa"
    assert made.subject_key == f"person:{claim.person_id}"
    assert made.after == {"language": "id", "documents": 2, "size": len(response.content)}
    assert "Parungpanjang" not in str(made.after)

    text = _pdf_text(response.content, tmp_path)
    assert "Paket klaim" in text
    assert claim.person.full_name in text
    assert mask(nik) in text
    assert nik not in text
    assert mask(kpj(claim.person_id)) in text
    assert "Terlindungi pada tanggal kejadian" in text
    assert f"Terlindungi pada 20-05-2026 oleh program {bogor}" in text
    assert "Meninggal karena kecelakaan kerja (JKK)" in text
    assert "20-05-2026 06:45" in text
    assert "Jl. Raya Parungpanjang km 3" in text
    assert "motornya tergelincir" in text
    assert "Belum dihitung" not in text  # the entitlement section says why nothing is computed
    assert "Rp48.000.000" in text  # 48 × the lowest income level JKK was billed on
    assert "Rp70.000.000" in text  # with the funeral and the periodic benefit
    assert "ktp_deceased" not in text  # documents by their checklist names, not codes
    assert "KTP Budi" not in text  # the uploaded name is not the packet's business
    assert "Dibuat oleh" in text
    assert "Mengetahui" in text
    assert "Nama: operator.desa" in text
    info = _pdf_info(response.content, tmp_path)
    assert "Page size:       595.276 x 841.89 pts (A4)" in info  # A4 portrait
    assert f"Title:           Paket klaim {claim.pk}\n" in info  # no name in the metadata
    assert "Producer:        WeasyPrint " in info


def test_the_packet_speaks_the_readers_language(users, bogor, client, tmp_path, settings):
    claim = _covered_claim(users, bogor, tmp_path)
    client.force_login(users["operator.desa"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(f"/claims/{claim.pk}/packet/")

    text = _pdf_text(response.content, tmp_path)
    assert "Claim packet" in text
    assert "Covered on the event date" in text
    assert "Not computed yet" not in text
    assert "JKK death benefit" in text
    assert "Rp70.000.000" in text
    assert "Made by" in text
    assert "Acknowledged by" in text
    assert AuditEvent.objects.get(action="claim.packet").after["language"] == "en"


def test_the_html_stage_holds_the_sections_and_no_full_nik(users, bogor, tmp_path):
    claim = _covered_claim(users, bogor, tmp_path)
    claim = Claim.objects.select_related("person", "village", "enrolment").get(pk=claim.pk)
    context = packet.packet_context(
        claim=claim, documents=list(claim.documents.all()), lang="id", made_at=NOW, made_by="x"
    )

    html = packet.packet_html(context, lang="id")

    assert claim.person.nik_masked in html
    assert claim.person.nik not in html
    assert claim.village.name in html
    assert 'data-section="entitlement"' in html
    assert "Belum dihitung" in html
    assert "size: A4 portrait" in html
    assert "DejaVu Sans" in html
    assert "http" not in html.lower()  # no link, font or image to fetch
    assert "url(" not in html


def test_rendering_fetches_nothing_and_refuses_every_url():
    fetcher = packet.NoNetwork()
    for url in (
        "https://fonts.example.org/a.woff2",
        "http://127.0.0.1/x.png",
        "file:///etc/passwd",
    ):
        with pytest.raises(packet.NetworkRefused):
            fetcher.fetch(url)
    assert fetcher.refused == [
        "https://fonts.example.org/a.woff2",
        "http://127.0.0.1/x.png",
        "file:///etc/passwd",
    ]
    # A page that asks for a remote font, stylesheet or image is not rendered with a hole in it:
    # the refusal stops the rendering.
    for asking in (
        '<link rel="stylesheet" href="https://cdn.example.org/x.css">',
        '<img src="http://127.0.0.1/x.png">',
        '<style>@font-face { font-family: X; src: url("https://f.example.org/x.woff2") }'
        " p { font-family: X }</style><p>x</p>",
    ):
        with pytest.raises(BaseException, match="fetching"):
            packet.pdf_of(f"<!DOCTYPE html><html><body>{asking}</body></html>")
    assert packet.pdf_of("<p>Halo</p>").startswith(b"%PDF-")


def test_the_packet_renders_with_the_network_unavailable(
    users, bogor, client, tmp_path, monkeypatch
):
    import socket

    def no_socket(*args, **kwargs):
        raise AssertionError("the packet opened a socket")

    claim = _covered_claim(users, bogor, tmp_path)
    client.force_login(users["operator.desa"])
    monkeypatch.setattr(socket, "socket", no_socket)
    monkeypatch.setattr(socket, "create_connection", no_socket)
    monkeypatch.setattr(socket, "getaddrinfo", no_socket)

    response = client.post(f"/claims/{claim.pk}/packet/")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_another_village_gets_not_found_and_nothing_is_audited(users, bogor, client, tmp_path):
    claim = _covered_claim(users, bogor, tmp_path)
    client.force_login(village_operator("32.01.20.2001"))

    assert client.post(f"/claims/{claim.pk}/packet/").status_code == 404
    client.force_login(users["pengawas.kecamatan"])
    assert client.post(f"/claims/{claim.pk}/packet/").status_code == 403
    assert not AuditEvent.objects.filter(action="claim.packet").exists()

"""A claim's documents are judged by their bytes (payung.files.documents): PDF, JPEG or PNG,
their name agreeing, complete, and a PDF without scripts or embedded files."""

from __future__ import annotations

import pytest

from payung.domain.errors import DomainError
from payung.files.documents import JPEG, MAX_BYTES, PDF, PNG, check_document, check_size

PDF_BYTES = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 17 + b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100 + b"\xff\xd9"


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (PDF_BYTES, "akta.pdf", PDF),
        (PDF_BYTES, "AKTA.PDF", PDF),
        (PDF_BYTES, "tanpa-akhiran", PDF),
        (PNG_BYTES, "ktp.png", PNG),
        (JPEG_BYTES, "foto.jpg", JPEG),
        (JPEG_BYTES, "foto.jpeg", JPEG),
    ],
)
def test_a_pdf_jpeg_or_png_is_accepted_by_its_bytes(data, name, kind):
    assert check_document(data, name=name) is kind


@pytest.mark.parametrize(
    ("data", "name", "code", "params"),
    [
        (b"", "a.pdf", "document.empty", {}),
        (PDF_BYTES, "akta.png", "document.name_mismatch", {"found": "PDF", "suffix": "png"}),
        (PNG_BYTES, "ktp.jpg", "document.name_mismatch", {"found": "PNG", "suffix": "jpg"}),
        (JPEG_BYTES, "foto.pdf", "document.name_mismatch", {"found": "JPEG", "suffix": "pdf"}),
        (
            b"  <html><body>x</body></html>",
            "a.pdf",
            "document.type",
            {"kind_en": "a web page (HTML/XML/SVG)"},
        ),
        (
            b"<svg onload=alert(1)>",
            "a.png",
            "document.type",
            {"kind_en": "a web page (HTML/XML/SVG)"},
        ),
        (b"MZ\x90\x00" + b"\x00" * 60, "a.pdf", "document.type", {"kind_en": "a program (EXE)"}),
        (
            b"PK\x03\x04" + b"\x00" * 60,
            "a.pdf",
            "document.type",
            {"kind_en": "a ZIP archive or an Office document"},
        ),
        (b"GIF89a" + b"\x00" * 20, "a.png", "document.type", {"kind_en": "a GIF image"}),
        (b"just some text", "a.pdf", "document.type", {"kind_en": "another kind of file"}),
        (PDF_BYTES[:-7], "a.pdf", "document.damaged", {"found": "PDF"}),
        (PNG_BYTES[:-12], "a.png", "document.damaged", {"found": "PNG"}),
        (JPEG_BYTES[:-2], "a.jpg", "document.damaged", {"found": "JPEG"}),
        (
            PDF_BYTES.replace(b"/Catalog", b"/Catalog /OpenAction << /S /JavaScript >>"),
            "a.pdf",
            "document.active_content",
            {},
        ),
        (
            PDF_BYTES.replace(b"/Catalog", b"/Catalog /AA << /O << /JS (x) >> >>"),
            "a.pdf",
            "document.active_content",
            {},
        ),
        (
            PDF_BYTES.replace(b"/Catalog", b"/Catalog /Names << /EmbeddedFiles 2 0 R >>"),
            "a.pdf",
            "document.active_content",
            {},
        ),
        (
            PDF_BYTES.replace(b"/Catalog", b"/Catalog /OpenAction << /S /Launch >>"),
            "a.pdf",
            "document.active_content",
            {},
        ),
    ],
)
def test_what_is_not_a_plain_document_is_refused_with_its_code(data, name, code, params):
    with pytest.raises(DomainError) as refused:
        check_document(data, name=name)
    assert refused.value.code == code
    assert {k: refused.value.params[k] for k in params} == params


def test_a_pdf_naming_a_json_key_is_not_taken_for_a_script():
    assert check_document(PDF_BYTES.replace(b"/Catalog", b"/Catalog /JSON 1"), name="a.pdf") is PDF


def test_the_size_is_judged_before_reading_and_said_in_megabytes():
    check_size(MAX_BYTES)
    with pytest.raises(DomainError) as large:
        check_size(MAX_BYTES + 1)
    assert (large.value.code, large.value.params) == (
        "document.too_large",
        {"size_mb": 11, "limit_mb": 10},
    )
    with pytest.raises(DomainError) as empty:
        check_size(0)
    assert empty.value.code == "document.empty"
    with pytest.raises(DomainError) as over_own_limit:
        check_document(PDF_BYTES, name="a.pdf", limit=10)
    assert over_own_limit.value.code == "document.too_large"

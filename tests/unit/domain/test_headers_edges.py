"""Header matching at its edges, and the synonym index as it is built (ADR 0032)."""

from __future__ import annotations

import pytest

from payung.domain import headers
from payung.domain.headers import (
    Field,
    find_header_row,
    looks_like_opensid,
    match_header,
    match_headers,
    normalise_header,
)


def test_the_synonym_index_rebuilt_equals_the_one_in_use():
    rebuilt = headers._build_index()
    assert dict(rebuilt) == dict(headers._INDEX)
    assert rebuilt[normalise_header("Nama Lengkap")] is Field.FULL_NAME
    assert set(rebuilt) == {normalise_header(s) for ss in headers._SYNONYMS.values() for s in ss}
    with pytest.raises(TypeError):
        rebuilt["x"] = Field.NIK  # read-only


def test_a_header_naming_two_fields_is_refused(monkeypatch):
    monkeypatch.setattr(
        headers, "_SYNONYMS", {Field.NIK: ("NIK", "Nomor"), Field.KK: ("No. KK", "nomor")}
    )
    with pytest.raises(ValueError, match="header 'nomor' names two fields"):
        headers._build_index()
    monkeypatch.setattr(headers, "_SYNONYMS", {Field.NIK: ("NIK", "nik")})
    assert dict(headers._build_index()) == {"nik": Field.NIK}


def test_an_unmatched_header_is_listed_as_written_with_spaces_collapsed():
    result = match_headers(["NIK", "Nama  Lengkap", "Warna   Favorit", None, ""])
    assert result.mapping == {0: Field.NIK, 1: Field.FULL_NAME}
    assert result.unmatched == ((2, "Warna Favorit"),)
    assert match_header("  NIK ") is Field.NIK


def test_the_header_row_is_looked_for_in_the_first_fifteen_rows():
    header = ["NIK", "Nama", "Tanggal Lahir"]
    assert find_header_row([[None]] * 14 + [header]) == 14
    assert find_header_row([[None]] * 15 + [header]) is None
    assert find_header_row([[None]] * 15 + [header], look_at=16) == 15


def test_three_opensid_headers_are_its_signature_two_are_not():
    assert looks_like_opensid(["Tag Id Card", "Hub. Keluarga", "Kawin"])
    assert not looks_like_opensid(["Tag Id Card", "Hub. Keluarga", "NIK"])

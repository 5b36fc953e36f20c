"""Indonesian by default, English on request, and a complete Indonesian catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
PACKAGE = Path(__file__).resolve().parents[2] / "src/payung"


def test_login_page_is_indonesian_by_default(client):
    page = client.get("/login/").content.decode()
    assert '<html lang="id">' in page
    assert "Masuk" in page


def test_switching_to_english(client, demo):
    client.force_login(demo["users"]["operator.desa"])
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/programmes/"})
    assert response.status_code == 302
    page = client.get("/programmes/").content.decode()
    assert '<html lang="en">' in page
    assert "Programme overview" in page
    client.post("/i18n/setlang/", {"language": "id", "next": "/programmes/"})
    assert "Programme overview" not in client.get("/programmes/").content.decode()


def _po_entries(path: Path) -> dict[str, str]:
    entries, msgid, msgstr, field = {}, None, None, None
    for line in [*path.read_text().splitlines(), ""]:
        if line.startswith("msgid "):
            if msgid:
                entries[msgid] = msgstr
            msgid, msgstr, field = line[7:-1], "", "id"
        elif line.startswith("msgid_plural "):
            field = None  # Indonesian has one form: msgstr[0] is the translation
        elif line.startswith(("msgstr ", "msgstr[0] ")):
            msgstr, field = line.split(" ", 1)[1][1:-1], "str"
        elif line.startswith('"') and field:
            if field == "id":
                msgid += line[1:-1]
            else:
                msgstr += line[1:-1]
        elif line.startswith("#, fuzzy") and msgid:
            msgstr = ""
    if msgid:
        entries[msgid] = msgstr
    return entries


def test_every_template_string_has_an_indonesian_translation():
    po = PACKAGE / "locale/id/LC_MESSAGES/django.po"
    entries = _po_entries(po)
    untranslated = [k for k, v in entries.items() if not v]
    assert untranslated == []
    used = set()
    for template in PACKAGE.rglob("templates/**/*.html"):
        used.update(re.findall(r'{% translate "([^"]+)" %}', template.read_text()))
    assert used - set(entries) == set()
    mo = po.with_suffix(".mo")
    assert mo.stat().st_mtime >= po.stat().st_mtime - 1, "run `make messages` after editing"


def test_the_compiled_catalogue_is_the_one_in_the_po_file():
    """A .po edited without `make messages` leaves the screens in English: compare the two files."""
    import ast
    import gettext

    po = PACKAGE / "locale/id/LC_MESSAGES/django.po"
    with (po.with_suffix(".mo")).open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    expected = {
        ast.literal_eval(f'"{msgid}"'): ast.literal_eval(f'"{msgstr}"')
        for msgid, msgstr in _po_entries(po).items()
    }
    # A plural entry is compiled under (msgid, 0); Indonesian has that one form.
    compiled = {
        (k[0] if isinstance(k, tuple) else k): v
        for k, v in compiled.items()
        if (k[1] == 0 if isinstance(k, tuple) else k)
    }
    assert {k for k in expected if compiled.get(k) != expected[k]} == set()
    assert set(compiled) - set(expected) == set()


def test_an_english_language_browser_still_gets_indonesian(client, demo):
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="id">' in page
    assert "Masuk" in page
    client.force_login(demo["users"]["operator.desa"])
    page = client.get("/programmes/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="id">' in page
    assert "Programme overview" not in page


def test_the_chosen_language_is_remembered_for_the_user_on_the_next_login(client, demo):
    from django.test import Client

    from payung.accounts.models import User

    operator = demo["users"]["operator.desa"]
    client.force_login(operator)
    client.post("/i18n/setlang/", {"language": "en", "next": "/programmes/"})
    assert User.objects.get(pk=operator.pk).language == "en"
    # another browser (no cookie), asking for Indonesian: the user's choice wins
    other = Client()
    other.force_login(operator)
    page = other.get("/programmes/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert '<html lang="en">' in page
    assert "Programme overview" in page
    # a language Payung does not speak changes nothing
    other.post("/i18n/setlang/", {"language": "fr", "next": "/programmes/"})
    assert User.objects.get(pk=operator.pk).language == "en"


def test_a_visitor_without_an_account_chooses_by_the_cookie(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    page = client.get("/login/").content.decode()
    assert '<html lang="en">' in page

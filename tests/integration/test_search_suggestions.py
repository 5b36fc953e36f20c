"""The registry search says whom a search probably meant ("maksud Anda", issue 15 item 5): the
same matcher as the duplicate checks, ranked by score, within the user's own region."""

from __future__ import annotations

import dataclasses

import pytest

from payung.dedupe.search import suggestions
from payung.domain.person import Sex
from payung.registry.models import Source
from payung.registry.services import person_register
from tests.builders import COMMAND_LINE, worker_data

pytestmark = pytest.mark.django_db
OWN_VILLAGE = "32.01.20.2006"  # the demo village operator's
OTHER_VILLAGE = "32.01.20.2001"  # another village of the district


def _register(nik, name, village, sex=Sex.MALE):
    data = dataclasses.replace(worker_data(nik, name, village, sex=sex), mother_name="")
    return person_register(actor=COMMAND_LINE, data=data, source=Source.VILLAGE_ENTRY).person


@pytest.fixture
def people(demo):
    return {
        "wawan": _register("3201200505850003", "Sukmajaya Wawan", OWN_VILLAGE),
        "wawan_o": _register("3201200606860004", "Wawan Sukmajayo", OWN_VILLAGE),
        "other": _register("3201200707870005", "Dadan Hermawan", OWN_VILLAGE),
        # the same name in another village: not the operator's to see
        "elsewhere": _register("3201200808880006", "Wawan Sukmajaya", OTHER_VILLAGE),
    }


def test_another_word_order_and_another_ending_are_suggested_best_first(demo, people):
    operator = demo["users"]["operator.desa"]
    found = suggestions(user=operator, query="Wawan Sukmajaya", exclude=set())
    assert [s.person for s in found] == [people["wawan"], people["wawan_o"]]
    assert found[0].score > found[1].score
    assert found[0].reason == "Nama: kata sama, urutan berbeda."
    english = suggestions(user=operator, query="Wawan Sukmajaya", exclude=set(), lang="en")
    assert [s.reason for s in english] == ["Name: same words in another order.", "Name: similar."]
    # The regency's officer sees the other village too, and the exact spelling there ranks first
    admin = demo["users"]["admin.bogor"]
    everywhere = suggestions(user=admin, query="Wawan Sukmajaya", exclude=set())
    assert everywhere[0].person == people["elsewhere"]
    assert {s.person for s in everywhere} >= {people["wawan"], people["wawan_o"]}


def test_what_the_exact_search_found_is_not_suggested_again(demo, people):
    operator = demo["users"]["operator.desa"]
    found = suggestions(user=operator, query="Wawan Sukmajaya", exclude={people["wawan"].pk})
    assert [s.person for s in found] == [people["wawan_o"]]


def test_a_nik_one_digit_off_finds_the_person_without_saying_where(demo, people):
    operator = demo["users"]["operator.desa"]
    (serial,) = suggestions(user=operator, query="3201200505850008", exclude=set())
    assert serial.person == people["wawan"]
    assert serial.reason.startswith("NIK hanya berbeda pada nomor urut")
    (district,) = suggestions(user=operator, query="3201210505850003", exclude=set(), lang="en")
    assert district.person == people["wawan"]
    assert district.reason.startswith("The NIKs differ in one digit of the district code")
    # letters typed for digits are read as digits
    (letters,) = suggestions(user=operator, query="32O12OO5O585OOO3", exclude=set())
    assert letters.person == people["wawan"]
    # the other village's person is never suggested to the village operator
    assert suggestions(user=operator, query="3201200808880007", exclude=set()) == []


def test_nothing_is_suggested_for_nothing_or_for_an_unrelated_name(demo, people):
    operator = demo["users"]["operator.desa"]
    assert suggestions(user=operator, query="  ", exclude=set()) == []
    assert suggestions(user=operator, query="12345", exclude=set()) == []
    assert suggestions(user=operator, query="Zz", exclude=set()) == []  # no word of 3 letters
    assert suggestions(user=operator, query="Hermawati Cicih", exclude=set()) == []


def test_the_registry_page_shows_the_suggestions_and_keeps_the_nik_out_of_the_url(
    client, demo, people
):
    client.force_login(demo["users"]["operator.desa"])
    page = client.post("/registry/", {"q": "Wawan Sukmajaya"}).content.decode()
    assert "Maksud Anda" in page
    assert "Tidak ada pekerja yang cocok dengan pencarian ini." in page
    assert 'data-testid="suggestions"' in page
    assert page.index("Sukmajaya Wawan</a>") < page.index("Wawan Sukmajayo</a>")
    assert "Wawan Sukmajaya</a>" not in page  # the other village's
    assert "Nama: kata sama, urutan berbeda." in page
    client.force_login(demo["users"]["admin.bogor"])  # the regency: the other village too
    exact = client.post("/registry/", {"q": "Wawan Sukmajaya"}).content.decode()
    assert exact.count("Wawan Sukmajaya</td>") == 1  # found exactly, not suggested again
    assert "Wawan Sukmajaya</a>" not in exact
    assert "Sukmajaya Wawan</a>" in exact  # its near namesakes still are
    nothing = client.post("/registry/", {"q": "Hermawati Cicih"}).content.decode()
    assert 'data-testid="suggestions"' not in nothing


def test_a_name_in_the_old_spelling_finds_the_new_one(demo, people):
    sukarno = _register("3201200909890007", "Sukarno", OWN_VILLAGE)
    operator = demo["users"]["operator.desa"]
    (found,) = suggestions(user=operator, query="Soekarno", exclude=set())
    assert found.person == sukarno
    assert found.reason == "Nama: sama setelah gelar dan ejaan lama disamakan."

"""The pages' forms (payung.edge.forms and each app's forms.py): what each makes of good, bad and
missing input is what the page made of it before it had a form. No database needed."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import timezone, translation

from payung.dedupe.forms import (
    ExternalListForm,
    PairDecisionForm,
    PairsDecisionForm,
    PairStatusForm,
)
from payung.domain.coverage import EndReason
from payung.domain.flags import ListKind
from payung.domain.period import Month
from payung.edge.forms import (
    IdsField,
    IsoDateField,
    MonthField,
    PageForm,
    RupiahField,
    accepted,
    parsed,
)
from payung.enrolment.forms import BatchForm, CoverageCheckForm, EndForm, RenewalTargetForm
from payung.finance.forms import (
    AdjustForm,
    BudgetForm,
    MonthForm,
    PaymentForm,
    RateForm,
    ReconciliationForm,
)
from payung.imports.forms import CommitForm, DetailForm, MappingForm, UploadForm
from payung.registry.forms import SearchForm
from payung.web.forms import PersonCheckForm


def _query(text: str) -> QueryDict:
    return QueryDict(text)


def _cleaned(form) -> dict:
    assert form.is_valid(), form.errors
    return form.cleaned_data


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


# --- the shared fields -------------------------------------------------------------------------


class _Fields(PageForm):
    month = MonthField()
    amount = RupiahField()
    day = IsoDateField(required=False)
    ids = IdsField(required=False)


def test_the_shared_fields_read_a_month_rupiah_an_iso_date_and_ticked_ids():
    form = _Fields(
        _query("month=2026-01&amount=Rp50.400.000&day=2026-01-31&ids=3&ids=x&ids=%C2%B2&ids=12")
    )
    assert _cleaned(form) == {
        "month": Month(2026, 1),
        "amount": 50_400_000,
        "day": date(2026, 1, 31),
        "ids": [3, 12],  # "x" and "²" (a digit to str.isdigit, not to int) are left out
    }


def test_a_bad_value_is_refused_in_the_domains_indonesian_words():
    form = _Fields(_query("month=2026-13&amount=lima&day=31-01-2026"))
    assert not form.is_valid()
    assert form.errors["month"] == ["Bulan '2026-13' tidak dikenali. Gunakan bentuk 2026-01."]
    assert form.errors["amount"] == ["'lima' bukan jumlah rupiah yang sah."]
    assert form.errors["day"] == ["Masukkan tanggal yang valid."]
    assert form.error_text() == "Bulan '2026-13' tidak dikenali. Gunakan bentuk 2026-01."


def test_an_empty_month_is_required_and_an_empty_date_is_none():
    form = _Fields(_query("amount=1"))
    assert not form.is_valid()
    assert list(form.errors) == ["month"]
    assert form.cleaned_data["day"] is None
    assert form.cleaned_data["ids"] == []


def test_accepted_says_the_forms_one_sentence_when_it_is_not_valid():
    request = RequestFactory().post("/", {"month": "januari"})
    request.session = {}
    request._messages = FallbackStorage(request)
    assert accepted(request, MonthForm(request.POST)) is False
    assert [m.message for m in get_messages(request)] == ["Isi bulan dengan bentuk 2026-01."]
    assert accepted(request, MonthForm(_query("month=2026-02"))) is True


def test_parsed_fails_loudly_on_a_form_that_refused_its_input():
    with pytest.raises(ValueError, match="MonthForm refused its input"):
        parsed(MonthForm(_query("month=x")))


# --- finance -----------------------------------------------------------------------------------


def test_the_finance_forms_say_what_the_pages_said():
    assert MonthForm(_query("month=")).error_text() == "Isi bulan dengan bentuk 2026-01."
    assert _cleaned(AdjustForm(_query("month=2026-03&reason=+late+"))) == {
        "month": Month(2026, 3),
        "reason": " late ",  # passed on as typed
    }
    payment = PaymentForm(_query("amount=50.400&paid_on=2026-02-30&reference=x"))
    assert payment.error_text() == "Isi jumlah dan tanggal pembayaran."
    assert _cleaned(PaymentForm(_query("amount=+50.400+&paid_on=2026-02-28"))) == {
        "amount": 50_400,
        "paid_on": date(2026, 2, 28),
        "reference": "",
    }
    assert BudgetForm(_query("amount=&region=32.01")).error_text() == (
        "'' bukan jumlah rupiah yang sah."
    )
    assert _cleaned(BudgetForm(_query("amount=1.000&region=+32.01+")))["region"] == "32.01"


def test_the_rate_form_names_the_programmes_scheme_when_none_is_typed():
    form = RateForm(
        _query("effective_from=2026-01&flat_monthly=16.800&basis=+Perbup+"), programme_pk=7
    )
    assert _cleaned(form) == {
        "effective_from": Month(2026, 1),
        "flat_monthly": 16_800,
        "scheme": "programme-7",
        "basis": "Perbup",
    }
    form = RateForm(_query("effective_from=2026-01&flat_monthly=x&scheme=bpu"), programme_pk=7)
    assert form.error_text() == "Isi bulan pertama (2026-01) dan harga per bulan."
    form = RateForm(_query("effective_from=2026-01&flat_monthly=1&scheme=bpu"), programme_pk=7)
    assert _cleaned(form)["scheme"] == "bpu"


def test_the_reconciliation_shows_this_month_for_a_month_it_cannot_read():
    this_month = Month.of(timezone.localdate())
    assert parsed(ReconciliationForm(_query("month=2026-02")))["month"] == Month(2026, 2)
    assert parsed(ReconciliationForm(_query("month=februari")))["month"] == this_month
    assert parsed(ReconciliationForm(_query("")))["month"] == this_month


# --- imports -----------------------------------------------------------------------------------


def test_the_upload_form_reads_the_programme_as_the_page_did():
    assert _cleaned(UploadForm(_query("programme=+5+&village="))) == {
        "programme": 5,
        "village": None,
    }
    assert _cleaned(UploadForm(_query("village=32.01.01.2001"))) == {
        "programme": 0,  # none posted: programme 0, which is none (404)
        "village": "32.01.01.2001",
    }
    refused = UploadForm(_query("programme=lima"))
    assert not refused.is_valid()
    assert refused.error_text() == "Pilih program dan berkas."


def test_the_commit_mode_is_passed_on_for_the_service_to_judge():
    assert parsed(CommitForm(_query("")))["mode"] == "all_valid"
    assert parsed(CommitForm(_query("mode=valid_only")))["mode"] == "valid_only"
    assert parsed(CommitForm(_query("mode=")))["mode"] == ""  # the service refuses it
    assert parsed(CommitForm(_query("mode=everything")))["mode"] == "everything"


def test_the_preview_knows_a_commit_refused_for_invalid_rows():
    assert parsed(DetailForm(_query("refused=all_valid")))["refused"] is True
    assert parsed(DetailForm(_query("refused=valid_only")))["refused"] is False
    assert parsed(DetailForm(_query("")))["refused"] is False


def test_the_mapping_form_gives_each_column_its_field_as_chosen():
    form = MappingForm(_query("col0=nik&col1=&col2=unknown&col9=nik"), columns=4)
    assert form.columns() == {0: "nik", 1: "", 2: "unknown", 3: None}


# --- enrolment ---------------------------------------------------------------------------------


def test_a_batch_month_that_is_not_a_month_is_none():
    assert parsed(BatchForm(_query("start_month=2026-05")))["start_month"] == Month(2026, 5)
    assert parsed(BatchForm(_query("start_month=mei")))["start_month"] is None
    assert parsed(BatchForm(_query("")))["start_month"] is None


def test_the_coverage_check_asks_about_today_unless_a_day_is_given():
    assert _cleaned(CoverageCheckForm(_query("nik=+3201"))) == {
        "nik": " 3201",  # coverage_on reads it
        "day": timezone.localdate(),
    }
    assert _cleaned(CoverageCheckForm(_query("day=2026-03-01")))["day"] == date(2026, 3, 1)
    refused = CoverageCheckForm(_query("nik=1&day=01-03-2026"))
    assert refused.error_text() == "Invalid isoformat string: '01-03-2026'"


def test_the_end_of_a_cover_needs_a_date_and_a_known_reason():
    assert _cleaned(EndForm(_query("on=2026-04-30&reason=died&note=+at+home+"))) == {
        "on": date(2026, 4, 30),
        "reason": EndReason.DIED,
        "note": "at home",
    }
    for query in ("on=2026-04-30&reason=bored", "reason=died", "on=30-04-2026&reason=died"):
        form = EndForm(_query(query))
        assert not form.is_valid()
        assert form.error_text() == "Isi tanggal dan alasan berakhirnya."


def test_the_renewal_target_is_the_posted_one_else_the_querys():
    def chosen(path: str, data: dict[str, str] | None = None) -> dict:
        factory = RequestFactory()
        request = factory.post(path, data) if data is not None else factory.get(path)
        return parsed(RenewalTargetForm.of(request))

    assert chosen("/?target=4", {"target": "9"}) == {"target": 9, "named": True}
    assert chosen("/?target=4", {"target": ""}) == {"target": 4, "named": True}
    assert chosen("/?target=4") == {"target": 4, "named": True}
    assert chosen("/?target=abc") == {"target": None, "named": True}
    assert chosen("/") == {"target": None, "named": False}


# --- dedupe ------------------------------------------------------------------------------------


def test_the_queue_shows_open_pairs_for_a_status_it_does_not_know():
    assert parsed(PairStatusForm(_query("status=same")))["status"] == "same"
    assert parsed(PairStatusForm(_query("status=merged")))["status"] == "open"
    assert parsed(PairStatusForm(_query("")))["status"] == "open"


def test_a_pair_decision_is_same_or_different():
    assert _cleaned(PairDecisionForm(_query("decision=same&reason=+same+KK+"))) == {
        "decision": "same",
        "reason": "same KK",
    }
    refused = PairDecisionForm(_query("decision=maybe"))
    assert refused.error_text() == "Pilih 'orang yang sama' atau 'orang berbeda'."


def test_a_bulk_decision_is_parsed_and_left_to_the_page_to_check():
    assert parsed(
        PairsDecisionForm(_query("decision=different&reason=+x+&pair=3&pair=a&pair=5"))
    ) == {
        "decision": "different",
        "reason": "x",
        "pair": [3, 5],
    }
    assert parsed(PairsDecisionForm(_query("decision=maybe"))) == {
        "decision": None,
        "reason": "",
        "pair": [],
    }


def test_an_external_list_needs_its_kind_source_and_date():
    assert _cleaned(
        ExternalListForm(_query("kind=deceased&source=+Dukcapil+&list_date=2026-01-31"))
    ) == {
        "kind": ListKind.DECEASED,
        "source": "Dukcapil",
        "list_date": date(2026, 1, 31),
    }
    for query in (
        "kind=alive&source=x&list_date=2026-01-31",
        "kind=deceased&source=+&list_date=2026-01-31",
    ):
        form = ExternalListForm(_query(query))
        assert not form.is_valid()
        assert form.error_text() == "Pilih jenis daftar, sumbernya, tanggalnya, dan berkasnya."


# --- registry and the live checks --------------------------------------------------------------


def test_the_search_is_kept_as_typed():
    assert _cleaned(SearchForm(_query("q=+Siti+"))) == {"q": " Siti "}


def test_the_live_checks_get_each_value_as_typed_and_the_names_trimmed():
    typed = parsed(PersonCheckForm(_query("nik=+3201+&full_name=+Siti+&phone=+0812&sex=P")))
    assert typed == {
        "nik": "3201",
        "full_name": "Siti",
        "birth_date": None,  # absent: parse_date refuses it, and its check is left out
        "sex": "P",
        "phone": " 0812",
        "village": "",
        "mother_name": "",
    }

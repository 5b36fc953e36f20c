"""The dashboard (ADR 0045): the user's figures, scoped; figures equal a recount."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone, translation

from payung.access.actor import actor_of
from payung.demo.seed import seed_enrolment_demo
from payung.demo.workers import demo_worker
from payung.domain.period import Month, month_range
from payung.domain.workflow import Action
from payung.enrolment.models import Enrolment
from payung.finance.billing import bills_issue
from payung.finance.models import BillMonth
from payung.finance.services import payment_record
from payung.programmes.models import Programme
from payung.registry.models import Source
from payung.registry.services import persons_register
from payung.reports.aggregates import month_in_period, programme_aggregates
from payung.reports.charts import bar_chart
from payung.screening.services import candidates_act

pytestmark = pytest.mark.django_db


def test_dashboard_opens_for_the_regency_officer_and_the_operator(client, demo):
    for username in ("operator.desa",):
        client.force_login(demo["users"][username])
        response = client.get("/dasbor/")
        assert response.status_code == 200
        assert b'data-testid="dashboard-figures"' in response.content


def test_operator_sees_only_their_village(client, demo):
    client.force_login(demo["users"]["operator.desa"])
    response = client.get("/dasbor/")
    assert b"Cibinong" not in response.content


def test_chart_escapes_labels():
    svg = str(bar_chart("<t>", [("<b>", 3), ("x", 1000)]))
    assert "<b>" not in svg
    assert "&lt;b&gt;" in svg
    assert 'role="img"' in svg
    assert "1.000" in svg


def test_dashboard_figures_equal_the_aggregates(client, demo):
    user = demo["users"]["operator.desa"]
    client.force_login(user)
    board = client.get("/dasbor/").context["board"]
    fresh = programme_aggregates(
        actor=actor_of(_Request(user)), programme=board.programme, month=board.month
    )
    assert board.total.figures == fresh.regency.figures


class _Request:
    def __init__(self, user):
        self.user = user


# What waits for whom, and the figures behind each number (issue 14 item 1) ------------------

TODAY = date(2026, 3, 15)  # inside Bogor's 2026 period; January billed and paid by the demo


def _board(user, **kwargs):
    from payung.reports.dashboard import dashboard

    programme = Programme.objects.get(regency_id="32.01", year=2026)
    with translation.override("en"):  # the labels in the source language, as the tests read them
        return dashboard(
            actor=user, programme=programme, month=Month(2026, 3), today=TODAY, **kwargs
        )


def _lines(board) -> dict[str, int]:
    return {line.label: line.count for line in board.waiting}


@pytest.fixture
def enrolled(demo):
    """The demo's five enrolled Bogor workers (January billed and paid), and in the demo village
    three more: a draft, one returned for correction, one screened; February billed, unpaid."""
    seed_enrolment_demo()
    users = demo["users"]
    bogor = demo["bogor"]
    rows = [
        demo_worker(nik, name, "porter", decile=2, mother="Ibu Kandung")
        for nik, name in (
            ("3201200101900006", "Tatang Draf"),
            ("3201200202900007", "Ujang Dikembalikan"),
            ("3201200303900008", "Wawan Disaring"),
        )
    ]
    registered = persons_register(
        actor=users["operator.desa"], rows=rows, source=Source.VILLAGE_ENTRY, programme=bogor
    )
    _draft, returned, screened = (bogor.candidates.get(person=r.person).pk for r in registered)
    candidates_act(
        actor=users["operator.desa"], candidate_ids=[returned, screened], action=Action.SUBMIT
    )
    candidates_act(
        actor=users["verifikator"],
        candidate_ids=[returned],
        action=Action.RETURN,
        reason="Foto KTP tidak terbaca",
    )
    bills_issue(actor=users["keuangan"], programme=bogor, month=Month(2026, 2))
    return demo


def test_each_role_sees_only_the_work_it_can_do(enrolled):
    users = enrolled["users"]
    operator = _lines(_board(users["operator.desa"]))
    assert operator["Returned to the village for correction"] == 1
    assert operator["Drafts not yet submitted"] == 1
    assert "To verify" not in operator
    assert "Months not yet billed" not in operator

    verifier = _lines(_board(users["verifikator"]))
    assert verifier["To verify"] == 1
    assert verifier["Verified, to approve"] == 0
    assert "Returned to the village for correction" not in verifier

    finance = _lines(_board(users["keuangan"]))
    # January and February billed by 15 March: March is the one month left to bill; February's
    # bill is issued and nothing is paid on it, January's was paid in full.
    assert finance == {"Months not yet billed": 1, "Bills not yet paid in full": 1}

    bpjs = _lines(_board(users["bpjs"]))
    assert bpjs["Sent to BPJS, awaiting the answer"] == 0  # the demo's answer registered all five

    assert _board(users["auditor"]).waiting == ()  # reads only: nothing waits for an auditor


def test_a_returned_candidacy_comes_first_and_links_to_its_filtered_queue(enrolled):
    board = _board(enrolled["users"]["operator.desa"])
    first = board.waiting[0]
    assert first.label == "Returned to the village for correction"
    assert first.urgent
    programme = enrolled["bogor"].pk
    assert first.url == f"/candidates/?programme={programme}&status=returned"


def test_months_to_bill_counts_from_the_first_month_to_today_inside_the_period(enrolled):
    from payung.reports.dashboard import months_to_bill

    finance = enrolled["users"]["keuangan"]
    bogor = enrolled["bogor"]
    assert months_to_bill(finance, bogor, date(2025, 12, 31)) == 0  # before the period
    assert months_to_bill(finance, bogor, date(2026, 2, 28)) == 0  # January and February billed
    assert months_to_bill(finance, bogor, date(2026, 3, 1)) == 1
    assert months_to_bill(finance, bogor, date(2027, 6, 1)) == 10  # March–December, no further


def test_a_payment_of_the_whole_due_takes_the_bill_off_the_list(enrolled):
    from payung.reports.dashboard import bills_unpaid

    finance = enrolled["users"]["keuangan"]
    bogor = enrolled["bogor"]
    february = BillMonth.objects.get(programme=bogor, month=date(2026, 2, 1))
    payment_record(
        actor=finance, bill=february, amount=february.total - 1, paid_on=TODAY, reference="SP2D-1"
    )
    assert bills_unpaid(finance, bogor) == 1  # one rupiah short is still unpaid
    payment_record(actor=finance, bill=february, amount=1, paid_on=TODAY, reference="SP2D-2")
    assert bills_unpaid(finance, bogor) == 0


def test_inactive_counts_who_fell_into_arrears_in_or_before_the_month(enrolled):
    users = enrolled["users"]
    first, second, *_ = Enrolment.objects.filter(programme=enrolled["bogor"]).order_by("pk")
    Enrolment.objects.filter(pk=first.pk).update(inactive_from=date(2026, 3, 1))
    Enrolment.objects.filter(pk=second.pk).update(inactive_from=date(2026, 4, 1))  # next month
    figures = _board(users["keuangan"]).total.figures
    assert (figures.covered, figures.inactive) == (5, 1)
    assert figures.waiting == 0
    village = _board(users["operator.desa"]).total.figures
    assert (village.covered, village.inactive) == (5, 1)
    # Another regency's administrator sees none of Bogor's workers.
    lebak = _board(users["admin.lebak"]).total.figures
    assert (lebak.covered, lebak.inactive) == (0, 0)


def test_the_population_share_is_shown_only_over_the_whole_regency(enrolled, settings, client):
    settings.PAYUNG_PBPU_POPULATION = {
        "32.01": {"value": 8, "year": 2026, "source": "BPS Kabupaten Bogor"}
    }
    users = enrolled["users"]
    assert _board(users["keuangan"]).population_share == 6250  # 5 of 8: 62,50%
    assert _board(users["operator.desa"]).population_share is None  # a village is not the regency
    client.force_login(users["keuangan"])
    page = client.get("/dasbor/").content.decode()
    assert 'data-testid="population-share">62,50%<' in page
    assert "06.02.021" in page
    assert "BPS Kabupaten Bogor" in page


def test_the_page_links_each_figure_to_the_list_behind_it(enrolled, client):
    client.force_login(enrolled["users"]["keuangan"])
    response = client.get("/dasbor/")
    page = response.content.decode()
    programme = enrolled["bogor"].pk
    assert f'href="/candidates/?programme={programme}&amp;status=waitlisted"' in page
    assert f'href="/finance/{programme}/budget/"' in page
    assert 'data-testid="covered"><a href="/coverage/">5<' in page
    month = month_in_period(enrolled["bogor"], Month.of(timezone.localdate()))
    assert f"· {month_range(month, month, 'id')}</small>" in page  # the month in words
    assert "2026-0" not in page
    # The rows: covered as a share of places, 5 of Bogor's district's places.
    assert response.context["board"].rows


def test_remaining_is_the_budget_less_what_was_paid_and_a_missing_budget_is_said(enrolled, client):
    users = enrolled["users"]
    village = _board(users["operator.desa"])
    # The demo village: Rp50,400,000 budget; January's five workers paid.
    paid = village.total.figures.paid
    assert paid == BillMonth.objects.get(month=date(2026, 1, 1)).total
    assert village.remaining == 50_400_000 - paid
    assert village.over_commitment == 0  # 250 places × Rp16,800 × 12 = the budget, exactly
    regency = _board(users["keuangan"])
    # Only the demo village has a budget line: the other villages' places are not funded.
    assert regency.over_commitment == regency.total.figures.committed - 50_400_000
    client.force_login(users["keuangan"])
    page = client.get("/dasbor/").content.decode()
    assert 'data-testid="over-commitment"' in page


def test_a_district_supervisor_starts_at_their_district_and_its_villages(enrolled):
    board = _board(enrolled["users"]["pengawas.kecamatan"])
    assert board.total.code == "32.01.20"  # Parungpanjang, not the regency
    assert (board.drilled, board.sees_regency) == (False, False)  # no "back" from where one starts
    village = _board(enrolled["users"]["pengawas.kecamatan"], district="32.01.20.2006")
    assert (village.total.code, village.drilled) == ("32.01.20.2006", True)
    opened = _board(enrolled["users"]["keuangan"], district="32.01.20")
    assert (opened.drilled, opened.sees_regency) == (True, True)
    assert _board(enrolled["users"]["operator.desa"]).drilled is False
    codes = [row.region.code for row in board.rows]
    assert codes  # the district's villages, each a row
    assert all(code.startswith("32.01.20.") for code in codes)
    covered = {row.region.code: row.region.figures.covered for row in board.rows}
    assert covered["32.01.20.2006"] == 5
    assert sum(covered.values()) == 5
    assert board.total.figures.covered == 5


def test_kept_figures_are_recounted_after_any_write(enrolled, monkeypatch):
    """ADR 0048: the dashboard's figures are kept per scope until the next audited write."""
    from payung.reports import aggregates
    from payung.reports.aggregates import programme_aggregates, programme_aggregates_cached

    counts = []

    def counting(**kwargs):
        counts.append(kwargs["actor"])
        return programme_aggregates(**kwargs)

    monkeypatch.setattr(aggregates, "programme_aggregates", counting)

    finance = enrolled["users"]["keuangan"]
    bogor = enrolled["bogor"]
    march = Month(2026, 3)
    kept = programme_aggregates_cached(actor=finance, programme=bogor, month=march)
    assert (
        kept.regency.figures
        == programme_aggregates(actor=finance, programme=bogor, month=march).regency.figures
    )
    # Kept: a second read is not a recount.
    again = programme_aggregates_cached(actor=finance, programme=bogor, month=march)
    assert again.regency.figures == kept.regency.figures
    assert len(counts) == 1
    february = BillMonth.objects.get(programme=bogor, month=date(2026, 2, 1))
    payment_record(actor=finance, bill=february, amount=1_000, paid_on=TODAY, reference="SP2D-3")
    after = programme_aggregates_cached(actor=finance, programme=bogor, month=march)
    assert len(counts) == 2  # the payment's audit row made it a recount
    assert after.regency.figures.paid == kept.regency.figures.paid + 1_000
    assert (
        after.regency.figures
        == programme_aggregates(actor=finance, programme=bogor, month=march).regency.figures
    )
    # Another scope never reads this one's figures: the village operator counts its own.
    village = programme_aggregates_cached(
        actor=enrolled["users"]["operator.desa"], programme=bogor, month=march
    )
    assert village.regency.figures.places == 250


def test_the_page_is_rendered_once_until_the_next_write_and_per_scope(
    enrolled, client, monkeypatch
):
    """ADR 0048: a reload reads the rendered figures; a payment (an audited write) shows at once;
    another role in the same region gets its own page (what waits for it differs)."""
    from django.core.cache import cache

    from payung.reports import dashboard_views

    built, real = [], dashboard_views.dashboard

    def counting(**kwargs):
        built.append(kwargs["actor"].username)
        return real(**kwargs)

    monkeypatch.setattr(dashboard_views, "dashboard", counting)
    cache.clear()
    finance = enrolled["users"]["keuangan"]
    bogor = enrolled["bogor"]
    client.force_login(finance)
    first = client.get("/dasbor/").content.decode()
    assert "Rp1.000" not in first
    paid_before = programme_aggregates(
        actor=finance, programme=bogor, month=month_in_period(bogor, Month.of(timezone.localdate()))
    ).regency.figures.paid
    again = client.get("/dasbor/").content.decode()
    assert built == ["keuangan"]  # the reload was not a recount
    assert again.count('data-testid="paid"') == 1
    assert again[again.index("<h1>") :] == first[first.index("<h1>") :]  # word for word

    february = BillMonth.objects.get(programme=bogor, month=date(2026, 2, 1))
    payment_record(actor=finance, bill=february, amount=1_000, paid_on=TODAY, reference="SP2D-9")
    after = client.get("/dasbor/").content.decode()
    assert built == ["keuangan", "keuangan"]
    paid = f"Rp{paid_before + 1_000:,}".replace(",", ".")
    assert f'data-testid="paid"><a href="/finance/?programme={bogor.pk}">{paid}</a>' in after

    client.force_login(enrolled["users"]["verifikator"])
    verifier = client.get("/dasbor/").content.decode()
    assert "Bulan yang belum ditagih" not in verifier  # the finance officer's line only
    assert "Bulan yang belum ditagih" in after
    assert built == ["keuangan", "keuangan", "verifikator"]
    assert client.get("/dasbor/?district=../../x").status_code == 200

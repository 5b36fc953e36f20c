"""The two real programmes, as the demo seeds them, and the rules of programme set-up."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from payung.budgets.selectors import area_budgets, budget_visible
from payung.domain.errors import DomainError
from payung.domain.programme import PayerModel, QuotaModel
from payung.programmes.models import ProgrammeArea
from payung.programmes.selectors import programme_figures
from payung.programmes.services import programme_create

pytestmark = pytest.mark.django_db


def test_bogor_250_per_village_and_rp50_4_million_each(demo):
    bogor = demo["bogor"]
    areas = ProgrammeArea.objects.filter(programme=bogor)
    assert areas.count() == 435
    assert set(areas.values_list("quota", flat=True)) == {250}
    budgets = area_budgets(programme=bogor, regions=areas.values_list("region_id", flat=True))
    assert set(budgets.values()) == {50_400_000}
    figures = programme_figures(user=demo["users"]["admin.bogor"], programme=bogor)
    assert figures.places == 108_750
    assert figures.budget_total == 21_924_000_000
    assert (figures.monthly_rate, figures.rate_remainder) == (16_800, 0)
    assert bogor.payer_model == PayerModel.VILLAGE_AID
    assert str(bogor.period.start) == "2026-01"
    assert str(bogor.period.end) == "2026-12"


def test_village_operator_sees_their_own_village_figures(demo):
    operator, bogor = demo["users"]["operator.desa"], demo["bogor"]
    figures = programme_figures(user=operator, programme=bogor)
    assert figures.visible_places == 250
    assert budget_visible(user=operator, programme=bogor, figures=figures) == 50_400_000
    assert figures.visible_areas == 1


def test_lebak_3450_in_total_rp670_68_million(demo):
    lebak = demo["lebak"]
    figures = programme_figures(user=demo["users"]["admin.lebak"], programme=lebak)
    assert figures.places == 3_450
    assert figures.budget_total == 670_680_000
    assert (figures.monthly_rate, figures.rate_remainder) == (16_200, 0)
    assert lebak.payer_model == PayerModel.REGENCY_BUDGET
    # A plain total keeps its places in one area, the regency itself.
    assert list(
        ProgrammeArea.objects.filter(programme=lebak).values_list("region_id", "quota")
    ) == [("36.02", 3_450)]


def _lebak_split(actor, **overrides):
    kwargs = {
        "actor": actor,
        "regency_code": "36.02",
        "name": "Per kecamatan",
        "legal_basis": "MoU",
        "year": 2027,
        "coverage_start": date(2027, 1, 15),
        "payer_model": PayerModel.REGENCY_BUDGET,
        "quota_model": QuotaModel.TOTAL_BY_DISTRICT,
        "quota_total": 100,
        "district_quotas": {"36.02.01": 60, "3602020": 40},
        "budget_total": 19_440_000,
    }
    kwargs.update(overrides)
    return programme_create(**kwargs)


def test_a_total_split_by_district_creates_district_places(demo):
    programme = _lebak_split(
        demo["users"]["admin.lebak"], district_quotas={"36.02.01": 60, "360202": 40}
    )
    assert dict(programme.areas.values_list("region_id", "quota")) == {
        "36.02.01": 60,
        "36.02.02": 40,
    }
    assert programme.coverage_start == date(2027, 1, 1)
    figures = programme_figures(user=demo["users"]["admin.lebak"], programme=programme)
    assert figures.monthly_rate == 16_200


def test_a_district_outside_the_regency_is_refused(demo):
    with pytest.raises(DomainError) as error:
        _lebak_split(demo["users"]["admin.lebak"], district_quotas={"36.02.01": 60, "32.01.01": 40})
    assert error.value.code == "programme.district"


def test_only_the_regency_administrator_of_that_regency_creates_programmes(demo):
    with pytest.raises(PermissionDenied):
        _lebak_split(demo["users"]["operator.desa"])
    with pytest.raises(PermissionDenied):
        _lebak_split(demo["users"]["admin.bogor"])
    with pytest.raises(PermissionDenied):
        _lebak_split(demo["users"]["auditor"])


def test_programme_overview_page_shows_the_figures(client, demo):
    client.force_login(demo["users"]["admin.lebak"])
    page = client.get("/programmes/").content.decode()
    assert "Rp670.680.000" in page
    assert "Rp16.200" in page
    assert "3.450" in page
    assert "Nota Kesepahaman Pemkab Lebak" in page


def test_district_filter_returns_the_htmx_fragment(client, demo):
    client.force_login(demo["users"]["admin.bogor"])
    response = client.get(
        f"/programmes/{demo['bogor'].pk}/", {"district": "32.01.20"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.templates[0].name == "web/_area_table.html"
    codes = {a.region_id for a in response.context["page"]}
    assert codes
    assert all(code.startswith("32.01.20.") for code in codes)

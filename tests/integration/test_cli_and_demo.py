"""The `payung` command and the demo it seeds."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from payung.accounts.models import User
from payung.domain.roles import Role
from payung.programmes.models import Programme

pytestmark = pytest.mark.django_db


def test_demo_seed_creates_one_user_per_role_and_two_programmes_once():
    out = io.StringIO()
    call_command("demo", "seed", stdout=out)
    call_command("demo", "seed", stdout=io.StringIO())
    assert Programme.objects.count() == 2
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == {r.value for r in Role}
    printed = out.getvalue()
    assert "payung-demo-2026" in printed
    assert "operator.desa" in printed
    assert "sysadmin" in printed
    assert "Pekerja demo / demo workers: 12" in printed
    # Enrolment and finance: five Bogor workers enrolled, January billed and paid, Lebak's rate.
    from payung.budgets.models import Budget, RateVersion
    from payung.enrolment.models import Enrolment
    from payung.finance.models import BillMonth, Payment

    assert Enrolment.objects.filter(programme__regency_id="32.01").count() == 5
    bill = BillMonth.objects.get()
    assert (bill.payer.region_id, bill.line_count) == ("32.01.20.2006", 5)
    # Village aid is excluded from PP 50/2025, so the ojek driver pays the full Rp16,800 too.
    assert bill.total == 5 * 16_800
    assert Payment.objects.get().amount == bill.total
    assert RateVersion.objects.get(programme__regency_id="36.02").flat_monthly == 16_200
    assert sorted(Budget.objects.values_list("payer__region_id", "amount")) == [
        ("32.01.20.2006", 50_400_000),
        ("36.02", 670_680_000),
    ]


def test_the_demo_users_are_created_by_the_command_named_in_the_trail():
    from payung.audit.models import AuditEvent

    call_command("demo", "seed", stdout=io.StringIO())
    created = AuditEvent.objects.filter(action="user.create")
    assert created.count() == User.objects.count()
    assert set(created.values_list("actor_id", "actor_username")) == {
        (None, "cli:payung demo seed")
    }


def test_the_demo_workers_show_every_step_of_the_workflow_once():
    from collections import Counter

    from payung.audit.models import AuditEvent
    from payung.programmes.models import ProgrammeArea
    from payung.registry.models import Candidate

    call_command("demo", "seed", stdout=io.StringIO())
    call_command("demo", "seed", stdout=io.StringIO())
    statuses = Counter(Candidate.objects.values_list("status", flat=True))
    assert statuses == {
        "enrolled": 5,  # the enrolment demo's five, enrolled and billed first
        "approved": 4,
        "waitlisted": 1,
        "verified": 2,
        "rejected": 1,
        "screened": 1,
        "returned": 1,
        "draft": 2,
    }
    area = ProgrammeArea.objects.get(region_id="32.01.20.2006", programme__regency_id="32.01")
    assert (area.quota, area.taken) == (9, 9)
    aged = Candidate.objects.get(status="screened")
    assert aged.screening.decision == "ineligible"
    assert [f["code"] for f in aged.screening.findings if f["outcome"] == "fail"] == [
        "eligibility.age_out"
    ]
    assert AuditEvent.objects.filter(action="candidate.approve").count() == 5 + 4


def test_regions_command_reports_an_unchanged_list():
    out = io.StringIO()
    call_command("regions", "load", stdout=out)
    assert "91599 in data, 0 created, 0 renamed, 0 retired" in out.getvalue()


def test_the_entry_point_runs_django_commands(capsys):
    from payung.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["regions", "--help"])
    assert exit_.value.code == 0
    assert "load" in capsys.readouterr().out


def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())


def test_the_demo_has_a_claim_in_every_state_of_the_lifecycle():
    from payung.claims.models import Claim, ClaimStatus

    call_command("demo", "seed", stdout=io.StringIO())
    call_command("demo", "seed", stdout=io.StringIO())  # idempotent: the same claims
    states = set(Claim.objects.values_list("status", flat=True))
    assert states == {s.value for s in ClaimStatus} - {ClaimStatus.REPORTED.value}
    # "reported" lasts only inside the report's transaction: its coverage is checked at once.
    assert Claim.objects.count() == 7


def test_the_demo_has_pairs_for_the_duplicate_queue_same_and_for_review():
    from payung.audit.models import AuditEvent
    from payung.dedupe.models import DuplicatePair, PairStatus
    from payung.domain.matching import Outcome, outcome

    out = io.StringIO()
    call_command("demo", "seed", stdout=out)
    call_command("demo", "seed", stdout=io.StringIO())  # idempotent: no second records again
    assert "Kemungkinan data ganda / probable duplicates: 5" in out.getvalue()
    pairs = {
        (p.person_a.full_name, p.person_b.full_name): p
        for p in DuplicatePair.objects.select_related("person_a", "person_b")
    }
    assert {names: outcome(p.score) for names, p in pairs.items()} == {
        ("Asep Saepudin", "ASEP SAEPUDIN"): Outcome.SAME,
        ("Euis Komariah", "Euis Komariyah"): Outcome.SAME,
        ("Siti Nurhalimah", "Halimah"): Outcome.REVIEW,
        ("Jajang Nurjaman", "Jajang"): Outcome.REVIEW,
        ("Dedi Supriadi", "Dedi Suprisdi"): Outcome.REVIEW,
    }
    assert {p.status for p in pairs.values()} == {PairStatus.OPEN}
    assert pairs["Siti Nurhalimah", "Halimah"].reasons[1]["params"]["agreement"] == "short_form"
    assert AuditEvent.objects.filter(action="duplicate.found").count() == 5

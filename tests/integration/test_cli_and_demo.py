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

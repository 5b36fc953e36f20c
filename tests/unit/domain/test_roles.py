import pytest

from payung.domain.errors import DomainError
from payung.domain.regions import RegionCode
from payung.domain.roles import Capability, Role


@pytest.mark.parametrize(
    ("role", "region"),
    [
        (Role.VILLAGE_OPERATOR, "32.01.01.2001"),
        (Role.DISTRICT_SUPERVISOR, "32.01.01"),
        (Role.VERIFIER, "32.01"),
        (Role.FINANCE_OFFICER, "32.01"),
        (Role.BPJS_LIAISON, "32.01"),
        (Role.REGENCY_ADMIN, "36.02"),
        (Role.AUDITOR, "36.02"),
        (Role.AUDITOR, None),
        (Role.SYSTEM_ADMIN, None),
    ],
)
def test_each_role_accepts_its_scope_level(role, region):
    role.check_scope(RegionCode.parse(region) if region else None)


@pytest.mark.parametrize(
    ("role", "region", "code"),
    [
        (Role.VILLAGE_OPERATOR, "32.01.01", "role.scope"),
        (Role.VILLAGE_OPERATOR, None, "role.scope_missing"),
        (Role.DISTRICT_SUPERVISOR, "32.01", "role.scope"),
        (Role.REGENCY_ADMIN, "32", "role.scope"),
        (Role.SYSTEM_ADMIN, "32.01", "role.scope"),
    ],
)
def test_a_scope_that_does_not_fit_the_role_is_refused(role, region, code):
    with pytest.raises(DomainError) as error:
        role.check_scope(RegionCode.parse(region) if region else None)
    assert error.value.code == code


def test_read_only_roles_cannot_write():
    assert Role.DISTRICT_SUPERVISOR.read_only
    assert Role.AUDITOR.read_only
    assert not Role.VILLAGE_OPERATOR.read_only
    assert Role.AUDITOR.can(Capability.VIEW_AUDIT)
    assert not Role.VILLAGE_OPERATOR.can(Capability.VIEW_AUDIT)
    assert not Role.REGENCY_ADMIN.can(Capability.ADMIN_SITE)
    assert Role.SYSTEM_ADMIN.can(Capability.ADMIN_SITE)


def test_every_role_has_labels_in_both_languages():
    for role in Role:
        assert role.label_id
        assert role.label_en


def test_claims_are_reported_by_the_village_the_labour_office_and_the_bpjs_liaison():
    reporting = {role for role in Role if role.can(Capability.REPORT_CLAIMS)}
    assert reporting == {
        Role.VILLAGE_OPERATOR,
        Role.VERIFIER,
        Role.BPJS_LIAISON,
        Role.SYSTEM_ADMIN,
    }


def test_complaints_are_handled_by_the_village_the_labour_office_and_the_regency():
    handling = {role for role in Role if role.can(Capability.HANDLE_COMPLAINTS)}
    assert handling == {
        Role.VILLAGE_OPERATOR,
        Role.VERIFIER,
        Role.REGENCY_ADMIN,
        Role.SYSTEM_ADMIN,
    }

"""Who may do what, and over which part of the country.

A user has one role and one region (their *scope*). The role fixes which level that region must
be at and what the user may do; the region fixes where. Every read in Payung is limited to records
inside the scope (see ``payung.access.scope``); every write additionally needs a capability.

| role                | scope level      | writes                         |
|---------------------|------------------|--------------------------------|
| village operator    | one village      | the village's data collection  |
| district supervisor | one district     | none (reads only)              |
| labour-office verifier | one regency   | verification (later issues)    |
| finance officer     | one regency      | bills, payments (later issues) |
| BPJS liaison        | one regency      | registration answers (later)   |
| regency admin       | one regency      | programmes, users, agency lists|
| auditor             | regency or all   | none; reads the audit trail    |
| system admin        | all              | everything, Django admin       |

A claim (an accident or a death, issue 13) is reported, and its documents read, by those who
report it under Permenaker 1/2025 Pasal 48A: the village, the labour office's verifier and the BPJS
liaison (``report_claims``).
"""

from __future__ import annotations

from enum import StrEnum

from payung.domain.errors import DomainError, register
from payung.domain.regions import Level, RegionCode

ROLE_SCOPE = register(
    "role.scope",
    id="Peran {role} harus dibatasi pada satu {expected}; wilayah {region} tidak sesuai.",
    en="Role {role} must be limited to one {expected}; region {region} does not fit.",
)
ROLE_SCOPE_MISSING = register(
    "role.scope_missing",
    id="Peran {role} memerlukan wilayah kerja.",
    en="Role {role} needs a working region.",
)


class Capability(StrEnum):
    VIEW_PROGRAMMES = "view_programmes"
    MANAGE_PROGRAMMES = "manage_programmes"
    COLLECT_DATA = "collect_data"
    VERIFY = "verify"
    MANAGE_FINANCE = "manage_finance"
    LIAISE_BPJS = "liaise_bpjs"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    VIEW_FULL_NIK = "view_full_nik"  # registration with BPJS needs the whole number
    REPORT_CLAIMS = "report_claims"  # report an accident or a death; read claims and documents
    HANDLE_COMPLAINTS = "handle_complaints"  # read, file for a resident and answer complaints
    ADMIN_SITE = "admin_site"


class Role(StrEnum):
    VILLAGE_OPERATOR = "village_operator"
    DISTRICT_SUPERVISOR = "district_supervisor"
    VERIFIER = "verifier"
    FINANCE_OFFICER = "finance_officer"
    BPJS_LIAISON = "bpjs_liaison"
    REGENCY_ADMIN = "regency_admin"
    AUDITOR = "auditor"
    SYSTEM_ADMIN = "system_admin"

    @property
    def label_id(self) -> str:
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self][1]

    @property
    def scope_levels(self) -> frozenset[Level | None]:
        """Levels the user's region may have; ``None`` means the whole installation."""
        return _SCOPE_LEVELS[self]

    @property
    def capabilities(self) -> frozenset[Capability]:
        return _CAPABILITIES[self]

    @property
    def read_only(self) -> bool:
        return self.capabilities <= {Capability.VIEW_PROGRAMMES, Capability.VIEW_AUDIT}

    def can(self, capability: Capability) -> bool:
        return capability in self.capabilities

    def check_scope(self, region: RegionCode | None) -> None:
        """Refuse a region that does not suit the role (a village operator needs a village)."""
        if region is None:
            if None not in self.scope_levels:
                raise DomainError(ROLE_SCOPE_MISSING, role=self.label_en)
            return
        if region.level not in self.scope_levels:
            expected = " / ".join(
                level.label_en for level in sorted(lv for lv in self.scope_levels if lv)
            )
            raise DomainError(ROLE_SCOPE, role=self.label_en, expected=expected, region=region.code)


_LABELS: dict[Role, tuple[str, str]] = {
    Role.VILLAGE_OPERATOR: ("Operator desa", "Village operator"),
    Role.DISTRICT_SUPERVISOR: ("Pengawas kecamatan", "District supervisor"),
    Role.VERIFIER: ("Verifikator Disnaker", "Labour-office verifier"),
    Role.FINANCE_OFFICER: ("Petugas keuangan", "Finance officer"),
    Role.BPJS_LIAISON: ("Penghubung BPJS Ketenagakerjaan", "BPJS liaison"),
    Role.REGENCY_ADMIN: ("Administrator kabupaten/kota", "Regency administrator"),
    Role.AUDITOR: ("Auditor", "Auditor"),
    Role.SYSTEM_ADMIN: ("Administrator sistem", "System administrator"),
}

_SCOPE_LEVELS: dict[Role, frozenset[Level | None]] = {
    Role.VILLAGE_OPERATOR: frozenset({Level.VILLAGE}),
    Role.DISTRICT_SUPERVISOR: frozenset({Level.DISTRICT}),
    Role.VERIFIER: frozenset({Level.REGENCY}),
    Role.FINANCE_OFFICER: frozenset({Level.REGENCY}),
    Role.BPJS_LIAISON: frozenset({Level.REGENCY}),
    Role.REGENCY_ADMIN: frozenset({Level.REGENCY}),
    Role.AUDITOR: frozenset({Level.REGENCY, None}),
    Role.SYSTEM_ADMIN: frozenset({None}),
}

_VIEW = Capability.VIEW_PROGRAMMES
_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.VILLAGE_OPERATOR: frozenset(
        {_VIEW, Capability.COLLECT_DATA, Capability.REPORT_CLAIMS, Capability.HANDLE_COMPLAINTS}
    ),
    Role.DISTRICT_SUPERVISOR: frozenset({_VIEW}),
    Role.VERIFIER: frozenset(
        {
            _VIEW,
            Capability.VERIFY,
            Capability.VIEW_FULL_NIK,
            Capability.REPORT_CLAIMS,
            Capability.HANDLE_COMPLAINTS,
        }
    ),
    Role.FINANCE_OFFICER: frozenset({_VIEW, Capability.MANAGE_FINANCE}),
    Role.BPJS_LIAISON: frozenset(
        {_VIEW, Capability.LIAISE_BPJS, Capability.VIEW_FULL_NIK, Capability.REPORT_CLAIMS}
    ),
    Role.REGENCY_ADMIN: frozenset(
        {
            _VIEW,
            Capability.MANAGE_PROGRAMMES,
            Capability.MANAGE_USERS,
            Capability.COLLECT_DATA,
            Capability.HANDLE_COMPLAINTS,
        }
    ),
    Role.AUDITOR: frozenset({_VIEW, Capability.VIEW_AUDIT}),
    Role.SYSTEM_ADMIN: frozenset(Capability),
}

"""Who may take a place in a programme: a programme's rule set and the screening it gives.

A regency writes its criteria (age on the coverage start date, occupations, domicile, DTSEN
decile, not already covered elsewhere, required fields); none is fixed by national law, so they
are data — a :class:`RuleSet` — kept per programme in numbered versions. :func:`screen` applies
one version to one :class:`Applicant` and returns every rule's finding, passed or not, so the
verifier's screen and the audit trail say *why*, and the decision keeps the version it was made
under.

Decisions: ``eligible`` (every rule passed), ``review`` (nothing excludes the person, but a
verifier must look: a recorded move, an unknown decile, an open probable duplicate) and
``ineligible`` (at least one rule fails). The verifier decides; screening only informs.

:func:`priority_key` turns the programme's waiting-list order into one sortable string, so the
database can rank a waiting list with an index instead of Python.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Final

from payung.domain.errors import DomainError, Issue, register
from payung.domain.flags import MEANING, Effect, ListKind
from payung.domain.occupations import Occupation, occupation_by_code
from payung.domain.regions import RegionCode


class Decision(StrEnum):
    ELIGIBLE = "eligible"
    REVIEW = "review"
    INELIGIBLE = "ineligible"


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 (an outcome, not a password)
    REVIEW = "review"
    FAIL = "fail"


RULES_INVALID: Final = register(
    "eligibility.rules_invalid",
    id="Aturan kelayakan tidak sah: {detail}.",
    en="The eligibility rules are not valid: {detail}.",
)
AGE_OK: Final = register(
    "eligibility.age_ok",
    id="Umur {age} tahun pada {on} (batas {low}–{high}).",
    en="Aged {age} on {on} (limits {low}–{high}).",
)
AGE_OUT: Final = register(
    "eligibility.age_out",
    id="Umur {age} tahun pada {on}, di luar batas {low}–{high} tahun.",
    en="Aged {age} on {on}, outside the limits of {low}–{high} years.",
)
OCCUPATION_OK: Final = register(
    "eligibility.occupation_ok",
    id="Pekerjaan {occupation} termasuk daftar program.",
    en="Occupation {occupation} is on the programme's list.",
)
OCCUPATION_OUT: Final = register(
    "eligibility.occupation_out",
    id="Pekerjaan {occupation} tidak termasuk daftar pekerjaan program.",
    en="Occupation {occupation} is not on the programme's list.",
)
OCCUPATION_MISSING: Final = register(
    "eligibility.occupation_missing",
    id="Pekerjaan belum dipilih dari daftar; pilih agar dapat disaring.",
    en="No occupation chosen from the list; choose one so it can be screened.",
)
OCCUPATION_NOT_INFORMAL: Final = register(
    "eligibility.occupation_not_informal",
    id=(
        "Pekerjaan {occupation_id} bukan pekerjaan informal; program ini untuk pekerja informal. "
        "Perbaiki pekerjaannya bila data kependudukan keliru."
    ),
    en=(
        "Occupation {occupation_en} is not informal work; the programme is for informal workers. "
        "Correct the occupation if the civil-registry data is wrong."
    ),
)
DOMICILE_OK: Final = register(
    "eligibility.domicile_ok",
    id="Berdomisili di wilayah program ({region}).",
    en="Lives in the programme's area ({region}).",
)
DOMICILE_OUT: Final = register(
    "eligibility.domicile_out",
    id="Berdomisili di {village}, di luar wilayah program ({region}).",
    en="Lives in {village}, outside the programme's area ({region}).",
)
DECILE_OK: Final = register(
    "eligibility.decile_ok",
    id="Desil DTSEN {decile} (paling tinggi {limit}).",
    en="DTSEN decile {decile} (at most {limit}).",
)
DECILE_OUT: Final = register(
    "eligibility.decile_out",
    id="Desil DTSEN {decile} melebihi batas desil {limit}.",
    en="DTSEN decile {decile} is above the limit of {limit}.",
)
DECILE_UNKNOWN: Final = register(
    "eligibility.decile_unknown",
    id="Desil DTSEN belum diketahui (batas desil {limit}); periksa di DTSEN.",
    en="The DTSEN decile is not known (limit {limit}); check it in DTSEN.",
)
FLAGS_OK: Final = register(
    "eligibility.flags_ok",
    id="Tidak ditemukan dalam daftar kepesertaan BPJS, program lain, kematian, pindah, atau ASN.",
    en="Not found on the lists of BPJS participants, other programmes, deaths, moves or "
    "civil servants.",
)
MOTHER_NAME_MISSING: Final = register(
    "eligibility.mother_name_missing",
    id="Nama ibu kandung wajib diisi.",
    en="The mother's maiden name is required.",
)
HEIR_MISSING: Final = register(
    "eligibility.heir_missing",
    id="Ahli waris wajib diisi.",
    en="An heir is required.",
)
REQUIRED_OK: Final = register(
    "eligibility.required_ok",
    id="Data wajib lengkap ({fields_id}).",
    en="Required data complete ({fields_en}).",
)
OTHER_PLACE: Final = register(
    "eligibility.other_place",
    id="Sudah mendapat tempat pada periode yang sama di program {programmes}.",
    en="Already holds a place for the same months in programme {programmes}.",
)
DUPLICATE_OPEN: Final = register(
    "eligibility.duplicate_open",
    id="Ada {count} kemungkinan data ganda yang belum diputuskan; periksa di daftar data ganda.",
    en="{count} probable duplicate(s) not yet decided; check the duplicates queue.",
)

# The flags a rule set may exclude on; the default checks every kind of list.
FLAG_KINDS: Final = tuple(ListKind)
PRIORITY_KEYS: Final = ("decile", "risk", "submitted")
REQUIRED_FIELDS: Final = ("mother_name", "heir")


@dataclass(frozen=True)
class RuleSet:
    """One version of a programme's criteria. ``None`` switches a rule off."""

    age_min: int | None = 18
    age_max: int | None = 65
    occupations: tuple[str, ...] | None = None  # None: any occupation on the catalogue
    domicile: str | None = None  # a region code; None: the programme's regency is passed in
    max_decile: int | None = None
    flags: tuple[ListKind, ...] = FLAG_KINDS
    required: tuple[str, ...] = ("mother_name",)
    priority: tuple[str, ...] = ("decile", "risk", "submitted")
    # Verification policy kept with the rules: how many randomly drawn candidacies a verifier
    # must have opened before approving several at once (0: no sample).
    bulk_sample: int = 0

    def __post_init__(self) -> None:
        low, high = self.age_min, self.age_max
        for value in (low, high):
            if value is not None and not 0 <= value <= 120:
                raise DomainError(RULES_INVALID, detail=f"age {value}")
        if low is not None and high is not None and low > high:
            raise DomainError(RULES_INVALID, detail=f"age {low} > {high}")
        if not 0 <= self.bulk_sample <= 100:
            raise DomainError(RULES_INVALID, detail=f"sample {self.bulk_sample}")
        if self.max_decile is not None and not 1 <= self.max_decile <= 10:
            raise DomainError(RULES_INVALID, detail=f"decile {self.max_decile}")
        for code in self.occupations or ():
            try:
                occupation_by_code(code)
            except DomainError:
                raise DomainError(RULES_INVALID, detail=f"occupation {code}") from None
        if self.domicile is not None:
            try:
                RegionCode.parse(self.domicile)
            except DomainError:
                raise DomainError(RULES_INVALID, detail=f"region {self.domicile}") from None
        for name, allowed, given in (
            ("required", REQUIRED_FIELDS, self.required),
            ("priority", PRIORITY_KEYS, self.priority),
        ):
            unknown = [g for g in given if g not in allowed]
            if unknown or len(set(given)) != len(given):
                raise DomainError(RULES_INVALID, detail=f"{name} {', '.join(given)}")

    def to_json(self) -> dict[str, Any]:
        return {
            "age_min": self.age_min,
            "age_max": self.age_max,
            "occupations": list(self.occupations) if self.occupations is not None else None,
            "domicile": self.domicile,
            "max_decile": self.max_decile,
            "flags": [k.value for k in self.flags],
            "required": list(self.required),
            "priority": list(self.priority),
            "bulk_sample": self.bulk_sample,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RuleSet:
        known = set(cls().to_json())
        unknown = sorted(set(data) - known)
        if unknown:
            raise DomainError(RULES_INVALID, detail=f"unknown {', '.join(unknown)}")
        default = cls()
        try:
            occupations = data.get("occupations", default.occupations)
            flags = tuple(ListKind(k) for k in data.get("flags", default.flags))
            return cls(
                age_min=_optional_int(data.get("age_min", default.age_min)),
                age_max=_optional_int(data.get("age_max", default.age_max)),
                occupations=tuple(occupations) if occupations is not None else None,
                domicile=data.get("domicile", default.domicile),
                max_decile=_optional_int(data.get("max_decile", default.max_decile)),
                flags=flags,
                required=tuple(data.get("required", default.required)),
                priority=tuple(data.get("priority", default.priority)),
                bulk_sample=_optional_int(data.get("bulk_sample", 0)) or 0,
            )
        except (TypeError, ValueError) as error:
            if isinstance(error, DomainError):
                raise
            raise DomainError(RULES_INVALID, detail=str(error)) from None


def _optional_int(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise DomainError(RULES_INVALID, detail=f"{value!r} is not a whole number")
    return int(value)


@dataclass(frozen=True)
class FlagFact:
    """An active flag on the person: the kind of list, its source and its date."""

    kind: ListKind
    source: str
    list_date: date


@dataclass(frozen=True)
class Applicant:
    """What screening needs to know about one person, as plain values."""

    birth_date: date
    village_code: str
    occupation_code: str = ""
    decile: int | None = None
    mother_name: str = ""
    heirs: int = 0
    flags: Sequence[FlagFact] = ()
    open_duplicates: int = 0
    # Programmes (of this installation) in which the person already holds a place for
    # overlapping months: one person is protected once, whatever the rule set says.
    other_places: Sequence[str] = ()


@dataclass(frozen=True)
class Finding:
    rule: str
    outcome: Outcome
    issue: Issue

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "outcome": self.outcome.value,
            "code": self.issue.code,
            "params": dict(self.issue.params),
        }


@dataclass(frozen=True)
class Screening:
    decision: Decision
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def reasons(self) -> tuple[Finding, ...]:
        """The findings that did not pass: what keeps the person out or needs a look."""
        return tuple(f for f in self.findings if f.outcome is not Outcome.PASS)

    def to_json(self) -> list[dict[str, Any]]:
        return [f.to_json() for f in self.findings]


def age_on(birth_date: date, day: date) -> int:
    """Completed years on ``day`` (a birthday on 29 February counts from 1 March)."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def _finding(rule: str, outcome: Outcome, code: str, **params: object) -> Finding:
    return Finding(rule, outcome, Issue(code, params))


def _not_informal(code: str) -> Occupation | None:
    if not code:
        return None
    try:
        occupation = occupation_by_code(code)
    except DomainError:
        return None
    return None if occupation.informal else occupation


def _limit(value: int | None, default: str) -> str:
    return default if value is None else str(value)


def screen(
    applicant: Applicant, rules: RuleSet, *, coverage_start: date, regency: str
) -> Screening:
    """Apply ``rules`` to ``applicant``; ``regency`` is the programme's (the default domicile)."""
    findings: list[Finding] = []
    if rules.age_min is not None or rules.age_max is not None:
        age = age_on(applicant.birth_date, coverage_start)
        low, high = _limit(rules.age_min, "0"), _limit(rules.age_max, "—")
        inside = (rules.age_min is None or age >= rules.age_min) and (
            rules.age_max is None or age <= rules.age_max
        )
        params = {"age": age, "on": coverage_start.isoformat(), "low": low, "high": high}
        findings.append(
            _finding(
                "age",
                Outcome.PASS if inside else Outcome.FAIL,
                AGE_OK if inside else AGE_OUT,
                **params,
            )
        )
    not_informal = _not_informal(applicant.occupation_code)
    if not_informal is not None:
        # Whatever the programme's list: a civil servant or a pupil is not what these cover.
        findings.append(
            _finding(
                "occupation",
                Outcome.FAIL,
                OCCUPATION_NOT_INFORMAL,
                occupation_id=not_informal.name_id,
                occupation_en=not_informal.name_en,
            )
        )
    elif rules.occupations is not None:
        code = applicant.occupation_code
        if not code:
            findings.append(_finding("occupation", Outcome.REVIEW, OCCUPATION_MISSING))
        elif code in rules.occupations:
            findings.append(_finding("occupation", Outcome.PASS, OCCUPATION_OK, occupation=code))
        else:
            findings.append(_finding("occupation", Outcome.FAIL, OCCUPATION_OUT, occupation=code))
    area = RegionCode.parse(rules.domicile or regency)
    if area.contains(RegionCode.parse(applicant.village_code)):
        findings.append(_finding("domicile", Outcome.PASS, DOMICILE_OK, region=area.code))
    else:
        findings.append(
            _finding(
                "domicile",
                Outcome.FAIL,
                DOMICILE_OUT,
                village=applicant.village_code,
                region=area.code,
            )
        )
    if rules.max_decile is not None:
        limit = rules.max_decile
        if applicant.decile is None:
            findings.append(_finding("decile", Outcome.REVIEW, DECILE_UNKNOWN, limit=limit))
        elif applicant.decile <= limit:
            findings.append(
                _finding("decile", Outcome.PASS, DECILE_OK, decile=applicant.decile, limit=limit)
            )
        else:
            findings.append(
                _finding("decile", Outcome.FAIL, DECILE_OUT, decile=applicant.decile, limit=limit)
            )
    findings.extend(_flag_findings(applicant.flags, rules.flags))
    if applicant.other_places:
        findings.append(
            _finding(
                "other_place",
                Outcome.FAIL,
                OTHER_PLACE,
                programmes=", ".join(sorted(applicant.other_places)),
            )
        )
    findings.extend(_required_findings(applicant, rules.required))
    if applicant.open_duplicates:
        findings.append(
            _finding("duplicates", Outcome.REVIEW, DUPLICATE_OPEN, count=applicant.open_duplicates)
        )
    outcomes = {f.outcome for f in findings}
    if Outcome.FAIL in outcomes:
        decision = Decision.INELIGIBLE
    elif Outcome.REVIEW in outcomes:
        decision = Decision.REVIEW
    else:
        decision = Decision.ELIGIBLE
    return Screening(decision, tuple(findings))


def _flag_findings(flags: Sequence[FlagFact], checked: Sequence[ListKind]) -> list[Finding]:
    if not checked:
        return []
    found = []
    for fact in sorted(flags, key=lambda f: (f.kind.value, f.list_date, f.source)):
        if fact.kind not in checked:
            continue
        code, effect = MEANING[fact.kind]
        outcome = Outcome.FAIL if effect is Effect.EXCLUDES else Outcome.REVIEW
        found.append(
            _finding(
                "flags",
                outcome,
                code,
                source=fact.source,
                list_date=fact.list_date.isoformat(),
            )
        )
    return found or [_finding("flags", Outcome.PASS, FLAGS_OK)]


def _required_findings(applicant: Applicant, required: Sequence[str]) -> list[Finding]:
    if not required:
        return []
    missing = []
    if "mother_name" in required and not applicant.mother_name.strip():
        missing.append(_finding("required", Outcome.FAIL, MOTHER_NAME_MISSING))
    if "heir" in required and applicant.heirs < 1:
        missing.append(_finding("required", Outcome.FAIL, HEIR_MISSING))
    said = [_REQUIRED_WORDS[name] for name in required]
    return missing or [
        _finding(
            "required",
            Outcome.PASS,
            REQUIRED_OK,
            fields_id=", ".join(words[0] for words in said),
            fields_en=", ".join(words[1] for words in said),
        )
    ]


# A required field in words, Indonesian and English (a finding's parameters serve both).
_REQUIRED_WORDS: Final = {
    "mother_name": ("nama ibu kandung", "mother's maiden name"),
    "heir": ("ahli waris", "heir"),
}


def priority_key(
    rules: RuleSet, *, decile: int | None, occupation_code: str, submitted: str
) -> str:
    """A string that sorts a waiting list in the programme's order (smallest first).

    Lower decile first (unknown last), higher work-accident risk first (unknown last), then the
    earlier submission; ``submitted`` is an ISO timestamp in UTC, which sorts as text. Every
    part has a fixed width so the strings compare as the tuples would.
    """
    parts: list[str] = []
    for key in rules.priority:
        if key == "decile":
            parts.append(f"{decile:02d}" if decile is not None else "99")
        elif key == "risk":
            try:
                known = occupation_by_code(occupation_code) if occupation_code else None
                risk = int(known.risk) if known is not None and known.risk is not None else 0
            except DomainError:
                risk = 0
            parts.append(str(9 - risk))
        else:
            parts.append(submitted[:26].ljust(26, "0"))
    return "|".join(parts)

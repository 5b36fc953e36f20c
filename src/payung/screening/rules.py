"""A programme's eligibility rules, kept as versions: each screening names the version it applied,
so a decision can always be read against the rules it was made under (ADR 0023)."""

from __future__ import annotations

from django.db import transaction

from payung.access.actor import Actor, actor_pk
from payung.access.scope import require
from payung.audit.services import audit_record
from payung.domain.eligibility import RuleSet
from payung.domain.roles import Capability
from payung.programmes.models import Programme
from payung.screening.models import RuleSetVersion


def rules_of(version: RuleSetVersion) -> RuleSet:
    """The rules a stored version holds."""
    return RuleSet.from_json(version.rules)


@transaction.atomic
def ruleset_save(
    *, actor: Actor, programme: Programme, rules: RuleSet, note: str = ""
) -> RuleSetVersion:
    """A new version of ``programme``'s rules; earlier decisions keep theirs."""
    require(actor, Capability.MANAGE_PROGRAMMES)
    # Lock the programme so two administrators saving at once get versions n+1 and n+2.
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    last = programme.rule_sets.order_by("-version").first()
    version = RuleSetVersion.objects.create(
        programme=programme,
        version=(last.version + 1) if last else 1,
        rules=rules.to_json(),
        note=note,
        created_by_id=actor_pk(actor),
    )
    audit_record(
        actor=actor,
        action="rule_set.create",
        target=version,
        before={"version": last.version, "rules": last.rules} if last else None,
        after={"version": version.version, "rules": version.rules},
        reason=note,
    )
    return version


def ruleset_current(*, programme: Programme, actor: Actor) -> RuleSetVersion:
    """The version in force; a programme without rules gets the default rules as version 1."""
    current = programme.rule_sets.order_by("-version").first()
    if current is not None:
        return current
    with transaction.atomic():
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        current = programme.rule_sets.order_by("-version").first()
        if current is None:
            current = RuleSetVersion.objects.create(
                programme=programme, version=1, rules=RuleSet().to_json(), note="default"
            )
            audit_record(
                actor=actor,
                action="rule_set.create",
                target=current,
                after={"version": 1, "rules": current.rules},
                reason="default rules",
            )
    return current

"""The exchange of keyed NIK hashes with another installation or regency (protocol in
``payung.domain.exchange``; ADR 0019). Export writes a token file of the people of a region;
match reads the other party's file and returns the people both hold. Both are audited, and
neither file nor audit row carries a NIK."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q

from payung.accounts.scope import require, scoped
from payung.dedupe.services import audit_region
from payung.domain import exchange
from payung.domain.regions import RegionCode
from payung.domain.roles import Capability
from payung.registry.models import Person


def _tokens(actor: Any, region: RegionCode, key: bytes) -> dict[str, str]:
    people = scoped(
        Person.objects.filter(merged_into__isnull=True).filter(
            Q(village__code__startswith=region.code + ".") | Q(village__code=region.code)
        ),
        actor,
    ).values_list("pk", "nik")
    return exchange.tokens_of(key, {str(pk): nik for pk, nik in people.iterator(chunk_size=5_000)})


@transaction.atomic
def exchange_export(*, actor: Any, region_code: str, key_text: str, partner: str) -> list[str]:
    """The sorted tokens of the region's people, for ``partner``."""
    require(actor, Capability.VERIFY)
    region = RegionCode.parse(region_code)
    tokens = sorted(_tokens(actor, region, exchange.parse_key(key_text)))
    audit_region(
        actor=actor,
        action="exchange.export",
        region=region,
        after={"partner": partner, "tokens": len(tokens)},
    )
    return tokens


@dataclass(frozen=True)
class Overlap:
    people: list[int]
    received: int


@transaction.atomic
def exchange_match(
    *, actor: Any, region_code: str, key_text: str, partner: str, lines: Iterable[str]
) -> Overlap:
    """The people of the region whose NIK the partner's file also holds."""
    require(actor, Capability.VERIFY)
    region = RegionCode.parse(region_code)
    key = exchange.parse_key(key_text)
    received = exchange.parse_tokens(lines)
    people = [int(pk) for pk in exchange.overlap(_tokens(actor, region, key), received)]
    audit_region(
        actor=actor,
        action="exchange.match",
        region=region,
        after={"partner": partner, "received": len(received), "overlap": len(people)},
    )
    return Overlap(people=people, received=len(received))

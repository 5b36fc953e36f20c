"""The exchange of keyed NIK hashes with another installation or regency (protocol in
``payung.domain.exchange``; ADR 0019). Export writes a token file of the people of a region;
match reads the other party's file and returns the people both hold. Both are audited, and
neither file nor audit row carries a NIK."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from payung.access.actor import Actor, actor_pk
from payung.access.scope import require
from payung.dedupe.lists import ListImport, flags_update
from payung.dedupe.models import ExternalList
from payung.dedupe.services import audit_region, person_record
from payung.domain import exchange
from payung.domain.flags import ListKind
from payung.domain.regions import RegionCode
from payung.domain.roles import Capability
from payung.registry.crypto import Keys
from payung.registry.selectors import people_in_region


def _tokens(actor: Actor, region: RegionCode, key: bytes) -> dict[str, str]:
    people = people_in_region(user=actor, region=region).values_list("pk", "nik")
    return exchange.tokens_of(key, {str(pk): nik for pk, nik in people.iterator(chunk_size=5_000)})


@transaction.atomic
def exchange_export(*, actor: Actor, region_code: str, key_text: str, partner: str) -> list[str]:
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
    flags: ListImport | None = None


@transaction.atomic
def exchange_match(
    *,
    actor: Actor,
    region_code: str,
    key_text: str,
    partner: str,
    lines: Iterable[str],
    flag_kind: ListKind | None = None,
    list_date: date | None = None,
) -> Overlap:
    """The people of the region whose NIK the partner's file also holds. With ``flag_kind``
    (usually ``other_programme``) they are flagged as on a list from ``partner`` dated
    ``list_date`` (today by default), through the same flags, renewals and history as any
    external list (ADR 0020)."""
    require(actor, Capability.VERIFY)
    region = RegionCode.parse(region_code)
    key = exchange.parse_key(key_text)
    received = exchange.parse_tokens(lines)
    own = _tokens(actor, region, key)
    people = [int(pk) for pk in exchange.overlap(own, received)]
    flags = None
    if flag_kind is not None:
        listed = ExternalList.objects.create(
            kind=flag_kind,
            source=partner,
            list_date=list_date or timezone.localdate(),
            region_code=region.code,
            file_name="exchange",
            sha256=hashlib.sha256("".join(sorted(received)).encode()).hexdigest(),
            rows_total=len(received),
            matched_exact=len(people),
            imported_by_id=actor_pk(actor),
        )
        flags = flags_update(
            actor=actor,
            listed=listed,
            found=dict.fromkeys(people, ("nik", None)),
            people=[int(pk) for pk in own.values()],
        )
    audit_region(
        actor=actor,
        action="exchange.match",
        region=region,
        after={"partner": partner, "received": len(received), "overlap": len(people)},
    )
    return Overlap(people=people, received=len(received), flags=flags)


# --- a province's matching on a distributed engine (issue 15 item 6, ADR 0051) ------------------


def match_export(
    *, actor: Actor, region_code: str, key_text: str, installation: str, partner: str
) -> bytes:
    """The region's people as matching reads them, for a province's matching run on Spark
    (``spark/match_job.py``), sealed under the agreed exchange key: one JSON line per person
    with its exchange token (what ``exchange match`` takes back), the installation's name and
    the fields the matcher compares. Unlike a token file it holds personal data, so it is
    sealed (AES-256-GCM under a key derived from the exchange key) and audited."""
    require(actor, Capability.VERIFY)
    region = RegionCode.parse(region_code)
    key = exchange.parse_key(key_text)
    people = people_in_region(user=actor, region=region)
    lines = []
    for person in people.iterator(chunk_size=5_000):
        record = person_record(person, "")
        lines.append(
            json.dumps(
                {
                    "token": exchange.token(key, person.nik),
                    "installation": installation,
                    "nik": record.nik,
                    "name": record.name,
                    "birth_date": record.birth_date.isoformat() if record.birth_date else None,
                    "sex": record.sex,
                    "village": record.village,
                    "phone": record.phone,
                    "mother_name": record.mother_name,
                    "family_card": record.family_card,
                },
                ensure_ascii=False,
                sort_keys=True,
            )
        )
    audit_region(
        actor=actor,
        action="exchange.match_export",
        region=region,
        after={"partner": partner, "installation": installation, "people": len(lines)},
    )
    return Keys(key).seal("\n".join(sorted(lines)).encode(), context=exchange.MATCH_EXPORT_CONTEXT)

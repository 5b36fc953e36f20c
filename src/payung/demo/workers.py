"""Demo workers in the demo village, moved along the workflow by the demo users.

Twelve people of Desa Parungpanjang enter the Bogor programme through the ordinary audited
services, so the candidacy queue, the screening reasons, the waiting list and the audit trail
all have something to show. Under demo rules (age 18–65, DTSEN decile 1–4, mother's maiden name
and an heir) the village submits ten; the labour office verifies seven and approves five (the
village's free places are lowered to four for the demo, so one waits), rejects one (decile 7),
returns one (no mother's maiden name) and leaves one screened as not eligible (aged 67); two are
drafts.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import F

from payung.accounts.models import User
from payung.domain.eligibility import RuleSet
from payung.domain.nik import parse_nik
from payung.domain.occupations import occupation_by_code
from payung.domain.person import Sex
from payung.domain.phone import parse_phone
from payung.domain.worker_row import Heir, HeirRelation, WorkerData
from payung.domain.workflow import Action
from payung.programmes.models import Programme, ProgrammeArea
from payung.registry.models import Candidate, Person, Source
from payung.registry.services import persons_register
from payung.registry.values import nik_index
from payung.screening.rules import ruleset_save
from payung.screening.services import candidates_act

VILLAGE = "32.01.20.2006"
DEMO_FREE = 4  # the demo village's free places, lowered so the waiting list shows

# name, sex, birth date, occupation, decile, mother's maiden name
_PEOPLE = [
    ("Asep Saepudin", Sex.MALE, date(1981, 3, 14), "farm_labourer", 1, "Enok"),
    ("Euis Komariah", Sex.FEMALE, date(1979, 7, 2), "street_vendor", 2, "Iyah"),
    ("Dedi Supriadi", Sex.MALE, date(1990, 11, 23), "motorcycle_taxi", 3, "Onah"),
    ("Siti Nurhalimah", Sex.FEMALE, date(1985, 1, 30), "domestic_worker", 2, "Imas"),
    ("Ujang Rohmat", Sex.MALE, date(1972, 5, 5), "porter", 4, "Ijah"),
    ("Nining Suryani", Sex.FEMALE, date(1994, 9, 9), "scavenger", 1, "Tati"),
    ("Agus Salim", Sex.MALE, date(1968, 12, 12), "construction_labourer", 3, "Popon"),
    ("Yayah Rokayah", Sex.FEMALE, date(1988, 4, 17), "farm_labourer", 7, "Cucu"),
    ("Endang Sutisna", Sex.MALE, date(1958, 2, 2), "parking_attendant", 2, "Entin"),
    ("Rina Marlina", Sex.FEMALE, date(1999, 6, 21), "online_motorcycle_taxi", 3, ""),
    ("Jajang Nurjaman", Sex.MALE, date(1983, 8, 8), "grave_digger", 2, "Eha"),
    ("Lilis Suryati", Sex.FEMALE, date(1991, 10, 10), "hawker", None, "Apong"),
]


def demo_worker(
    nik: str,
    name: str,
    occupation: str,
    *,
    decile: int | None,
    mother: str,
    heirs: tuple[Heir, ...] = (),
    phone: str = "",
    rt: str = "001",
) -> WorkerData:
    """A checked row for a demo worker of the demo village; sex and birth date from the NIK."""
    parsed = parse_nik(nik, reference_date=date(2026, 11, 1))
    job = occupation_by_code(occupation)
    return WorkerData(
        nik=parsed,
        family_card=None,
        full_name=name,
        sex=parsed.sex,
        birth_place="Bogor",
        birth_date=parsed.birth_date,
        village_code=VILLAGE,
        hamlet="Kampung Babakan",
        rt=rt,
        rw="002",
        address="Jl. Raya Parungpanjang",
        phone=parse_phone(phone) if phone else None,
        occupation=job,
        occupation_text=job.name_id,
        monthly_income=None,
        mother_name=mother,
        heirs=heirs,
        decile=decile,
    )


def _worker(
    n: int, name: str, sex: Sex, born: date, occupation: str, decile: int | None, mother: str
) -> WorkerData:
    day = born.day + (40 if sex is Sex.FEMALE else 0)
    return demo_worker(
        f"320120{day:02d}{born:%m%y}{n:04d}",
        name,
        occupation,
        decile=decile,
        mother=mother,
        heirs=(Heir(name="Ahli Waris " + name.split()[0], relation=HeirRelation.CHILD),),
        phone=f"08127700{n:04d}",
        rt=f"{n % 5 + 1:03d}",
    )


@transaction.atomic
def seed_workers() -> int:
    """Create the demo workers once (after the enrolment demo); returns how many candidacies."""
    bogor = Programme.objects.get(regency_id="32.01", year=2026)
    rows = [_worker(n, *person) for n, person in enumerate(_PEOPLE, start=1)]
    if Person.objects.filter(nik_index=nik_index(rows[0].nik.value)).exists():
        return 0
    operator = User.objects.get(username="operator.desa")
    verifier = User.objects.get(username="verifikator")
    ruleset_save(
        actor=User.objects.get(username="admin.bogor"),
        programme=bogor,
        rules=RuleSet(age_min=18, age_max=65, max_decile=4, required=("mother_name", "heir")),
        note="Demo: kriteria contoh (umur 18–65, desil DTSEN 1–4)",
    )
    registered = persons_register(
        actor=operator, rows=rows, source=Source.VILLAGE_ENTRY, programme=bogor
    )
    ids = list(
        Candidate.objects.filter(programme=bogor, person__in=[r.person for r in registered])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    ProgrammeArea.objects.filter(programme=bogor, region_id=VILLAGE).update(
        quota=F("taken") + DEMO_FREE
    )
    candidates_act(actor=operator, candidate_ids=ids[:10], action=Action.SUBMIT)
    candidates_act(
        actor=verifier,
        candidate_ids=ids[:7],
        action=Action.VERIFY,
        reason="Berkas lengkap, dicek dengan KTP dan KK",
        bulk=True,
    )
    candidates_act(
        actor=verifier,
        candidate_ids=ids[:5],
        action=Action.APPROVE,
        reason="Rapat verifikasi Disnaker 1 Desember 2026",
        bulk=True,
    )
    candidates_act(
        actor=verifier,
        candidate_ids=[ids[7]],
        action=Action.REJECT,
        reason="Desil DTSEN 7, di atas batas program",
    )
    candidates_act(
        actor=verifier,
        candidate_ids=[ids[9]],
        action=Action.RETURN,
        reason="Nama ibu kandung belum diisi",
    )
    return len(ids)

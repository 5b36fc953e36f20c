"""Second records of five demo workers, as a village list gets them wrong, so a new verifier finds
the duplicate queue at work (issue 15 item 7).

Each is registered through the ordinary service (as a village entering a list again would), then
the labour office's verifier runs the whole-region comparison: two pairs come out "the same
person" (score 10 or more) and three "for review" (6 to 10), each with its reasons in words.

- Asep Saepudin again in capitals, the NIK's serial one digit off (a neighbour's NIK looks so
  too), the same phone and mother: the same person;
- Euis Komariah as "Euis Komariyah" (a letter added), the NIK's year mistyped (that NIK no longer
  fits her birth date, so a typo): the same person;
- Siti Nurhalimah as "Halimah" (the name she is called by), a digit off in the NIK's district code:
  review;
- Jajang Nurjaman as "Jajang" (a word left out), two serial digits swapped: review;
- Dedi Supriadi as "Dedi Suprisdi" (a keyboard slip), the serial one digit off: review.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from django.db import transaction

from payung.accounts.models import User
from payung.dedupe.services import duplicates_scan
from payung.demo.workers import demo_worker
from payung.domain.phone import parse_phone
from payung.domain.worker_row import WorkerData
from payung.registry.models import Person, Source
from payung.registry.services import persons_register
from payung.registry.values import nik_index

# NIK as typed, name as typed, the birth date the list states, mother, phone, occupation
SECOND_RECORDS = (
    ("3201201403810007", "ASEP SAEPUDIN", date(1981, 3, 14), "Enok", "081277000001", "porter"),
    ("3201204207780002", "Euis Komariyah", date(1979, 7, 2), "Iyah", "", "street_vendor"),
    ("3201217001850004", "Halimah", date(1985, 1, 30), "Imas", "", "domestic_worker"),
    ("3201200808830101", "Jajang", date(1983, 8, 8), "Eha", "", "grave_digger"),
    ("3201202311900008", "Dedi Suprisdi", date(1990, 11, 23), "Onah", "", "motorcycle_taxi"),
)


def _second(nik: str, name: str, born: date, mother: str, phone: str, job: str) -> WorkerData:
    data = demo_worker(nik, name, job, decile=2, mother=mother)
    return dataclasses.replace(data, birth_date=born, phone=parse_phone(phone) if phone else None)


@transaction.atomic
def seed_duplicates() -> int:
    """Register the second records once and let the verifier compare the regency's people;
    returns how many new pairs the comparison recorded (0 when already seeded)."""
    if Person.objects.filter(nik_index=nik_index(SECOND_RECORDS[0][0])).exists():
        return 0
    persons_register(
        actor=User.objects.get(username="operator.desa"),
        rows=[_second(*record) for record in SECOND_RECORDS],
        source=Source.VILLAGE_ENTRY,
    )
    scan = duplicates_scan(actor=User.objects.get(username="verifikator"), region_code="32.01")
    return scan.new

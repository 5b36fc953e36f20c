"""The blocking keys again, for everyone: issue 15 added keys (the family card, the village and
birth date, a NIK that is not the person's own), reads letters in NIKs as digits and writes the
name key's birth date with day and month in either order; the hashes' key moved to v3, so no old
hash is ever mistaken for a new key (ADR 0050)."""

from django.db import migrations


def rebuild(apps, schema_editor):
    from payung.dedupe.keys import person_keys_fill

    person = apps.get_model("registry", "Person")
    key = apps.get_model("dedupe", "PersonKey")
    if person.objects.exists() or key.objects.exists():
        person_keys_fill(rebuild=True, person_model=person, key_model=key)


class Migration(migrations.Migration):
    dependencies = [
        ("dedupe", "0004_fill_person_keys"),
        ("registry", "0004_person_occupation_catalogue"),
    ]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]

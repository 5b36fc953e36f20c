"""The blocking keys of the people registered before ``PersonKey`` existed (ADR 0021)."""

from django.db import migrations


def fill(apps, schema_editor):
    from payung.dedupe.keys import person_keys_fill

    person = apps.get_model("registry", "Person")
    if person.objects.exists():
        person_keys_fill(person_model=person, key_model=apps.get_model("dedupe", "PersonKey"))


class Migration(migrations.Migration):
    dependencies = [
        ("dedupe", "0003_person_keys_import_matches"),
        ("registry", "0002_person_merged_into_alter_candidate_status"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]

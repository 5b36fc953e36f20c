"""Load the shipped reference rates and reliefs (BPU formula, PP 50/2025)."""

from django.db import migrations

from payung.budgets.rates import reference_rates_load


def load(apps, schema_editor):
    reference_rates_load(
        apps.get_model("finance", "RateVersion"), apps.get_model("finance", "Relief")
    )


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

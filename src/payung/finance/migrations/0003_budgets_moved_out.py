"""Payers, budget lines, rates, reliefs and finance terms now belong to ``payung.budgets``
(``budgets.0001_initial``, ADR 0033): they leave this app's state only. Their tables are not
touched, and a bill's payer still points at the same table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0001_initial"),
        ("finance", "0002_reference_rates"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name="financeterms",
                    name="programme",
                ),
                migrations.RemoveField(
                    model_name="payer",
                    name="programme",
                ),
                migrations.RemoveField(
                    model_name="payer",
                    name="region",
                ),
                migrations.AlterField(
                    model_name="billmonth",
                    name="payer",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="bills",
                        to="budgets.payer",
                    ),
                ),
                migrations.RemoveField(
                    model_name="rateversion",
                    name="programme",
                ),
                migrations.RemoveField(
                    model_name="relief",
                    name="programme",
                ),
                migrations.DeleteModel(
                    name="Budget",
                ),
                migrations.DeleteModel(
                    name="FinanceTerms",
                ),
                migrations.DeleteModel(
                    name="Payer",
                ),
                migrations.DeleteModel(
                    name="RateVersion",
                ),
                migrations.DeleteModel(
                    name="Relief",
                ),
            ],
        ),
    ]

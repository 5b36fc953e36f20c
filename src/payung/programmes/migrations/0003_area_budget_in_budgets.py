"""An area's budget has one home, its payer's budget line in ``payung.budgets`` (ADR 0033): the
copy of the stated per-village figure on every area goes. ``budgets.0002_area_budgets_folded``
runs first and keeps any area figure that was not that copy as a budget line."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0002_programmearea_taken_and_more"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="programmearea",
            name="area_budget_not_negative",
        ),
        migrations.RemoveField(
            model_name="programmearea",
            name="budget",
        ),
    ]

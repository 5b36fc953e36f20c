"""Before ``programmes.0003`` drops ``ProgrammeArea.budget``: an area figure that is not the copy of
the programme's stated per-village budget (which ``budgets.selectors.area_budgets`` derives) is
kept as the budget line of that area for the programme's year, unless it has one already. The
services only ever wrote the copy, so on a database they made this adds nothing (ADR 0033).

Backwards, the column is filled again from what the budgets app derives for each area."""

from django.db import migrations


def fold(apps, schema_editor):
    area_model = apps.get_model("programmes", "ProgrammeArea")
    payer_model = apps.get_model("budgets", "Payer")
    budget_model = apps.get_model("budgets", "Budget")
    areas = (
        area_model.objects.exclude(budget=None)
        .select_related("programme")
        .order_by("programme_id", "region_id")
    )
    for area in areas:
        programme = area.programme
        if programme.quota_model == "per_village" and area.budget == programme.budget_per_village:
            continue  # the copy: derived from now on
        payer, _ = payer_model.objects.get_or_create(programme=programme, region_id=area.region_id)
        budget_model.objects.get_or_create(
            payer=payer, year=programme.year, defaults={"amount": area.budget}
        )


def unfold(apps, schema_editor):
    area_model = apps.get_model("programmes", "ProgrammeArea")
    budget_model = apps.get_model("budgets", "Budget")
    for area in area_model.objects.filter(programme__quota_model="per_village").select_related(
        "programme"
    ):
        line = budget_model.objects.filter(
            payer__programme=area.programme,
            payer__region_id=area.region_id,
            year=area.programme.year,
        ).first()
        area.budget = line.amount if line else area.programme.budget_per_village
        area.save(update_fields=["budget"])


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0001_initial"),
        ("programmes", "0002_programmearea_taken_and_more"),
    ]
    run_before = [("programmes", "0003_area_budget_in_budgets")]

    operations = [migrations.RunPython(fold, unfold)]

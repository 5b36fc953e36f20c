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
        payer, _ = payer_model.objects.get_or_create(
            programme_id=programme.pk, region_id=area.region_id
        )
        budget_model.objects.get_or_create(
            payer=payer, year=programme.year, defaults={"amount": area.budget}
        )


def unfold(apps, schema_editor):
    area_model = apps.get_model("programmes", "ProgrammeArea")
    programme_model = apps.get_model("programmes", "Programme")
    budget_model = apps.get_model("budgets", "Budget")
    for programme in programme_model.objects.filter(quota_model="per_village"):
        lines = dict(
            budget_model.objects.filter(
                payer__programme_id=programme.pk, year=programme.year
            ).values_list("payer__region_id", "amount")
        )
        for area in area_model.objects.filter(programme_id=programme.pk):
            area.budget = lines.get(area.region_id, programme.budget_per_village)
            area.save(update_fields=["budget"])


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0001_initial"),
        ("programmes", "0002_programmearea_taken_and_more"),
    ]
    run_before = [("programmes", "0003_area_budget_in_budgets")]

    operations = [migrations.RunPython(fold, unfold)]

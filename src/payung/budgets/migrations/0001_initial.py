"""Payers, budget lines, rates, reliefs and a programme's finance terms move from the finance app
to this one (ADR 0033). The tables stay where they are, under their finance_* names: this
migration only tells Django's state that the models are now this app's (the finance app's
``0003_budgets_moved_out`` drops them from its own state), so an installed database keeps every
row, and on a fresh one ``finance.0001_initial`` still creates the tables. The content types
follow the models, so permissions and anything else keyed on them stay attached."""

import django.db.models.deletion
from django.db import migrations, models

MOVED = ["rateversion", "relief", "financeterms", "payer", "budget"]


def content_types_follow(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="finance", model__in=MOVED).update(app_label="budgets")


def content_types_return(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="budgets", model__in=MOVED).update(app_label="finance")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("finance", "0002_reference_rates"),
        ("programmes", "0002_programmearea_taken_and_more"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(content_types_follow, content_types_return),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="FinanceTerms",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("scheme", models.CharField(default="bpu", max_length=40)),
                        ("arrears_months", models.PositiveSmallIntegerField(default=3)),
                        (
                            "warn_at_percent",
                            models.DecimalField(decimal_places=2, default=90, max_digits=5),
                        ),
                        (
                            "programme",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="finance_terms",
                                to="programmes.programme",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "finance_financeterms",
                    },
                ),
                migrations.CreateModel(
                    name="Payer",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "programme",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="payers",
                                to="programmes.programme",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="regions.region",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "finance_payer",
                        "ordering": ["programme_id", "region_id"],
                    },
                ),
                migrations.CreateModel(
                    name="Budget",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("year", models.PositiveSmallIntegerField()),
                        ("amount", models.BigIntegerField()),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "payer",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="budgets",
                                to="budgets.payer",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "finance_budget",
                        "ordering": ["payer_id", "year"],
                    },
                ),
                migrations.CreateModel(
                    name="RateVersion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("scheme", models.CharField(max_length=40)),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("bpu", "BPU formula (JKK % of income, JKM flat)"),
                                    ("flat", "Flat price per worker-month"),
                                ],
                                max_length=8,
                            ),
                        ),
                        ("effective_from", models.DateField()),
                        ("effective_to", models.DateField(blank=True, null=True)),
                        (
                            "jkk_percent",
                            models.DecimalField(
                                blank=True, decimal_places=3, max_digits=6, null=True
                            ),
                        ),
                        ("lowest_income", models.BigIntegerField(blank=True, null=True)),
                        ("jkm_monthly", models.BigIntegerField(blank=True, null=True)),
                        ("flat_monthly", models.BigIntegerField(blank=True, null=True)),
                        ("basis", models.CharField(blank=True, max_length=300)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "programme",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="rate_versions",
                                to="programmes.programme",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "finance_rateversion",
                        "ordering": ["scheme", "effective_from"],
                    },
                ),
                migrations.CreateModel(
                    name="Relief",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=80)),
                        ("percent_off", models.DecimalField(decimal_places=3, max_digits=6)),
                        ("windows", models.JSONField()),
                        ("excluded_payers", models.JSONField(default=list)),
                        ("basis", models.CharField(blank=True, max_length=300)),
                        (
                            "programme",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="programmes.programme",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "finance_relief",
                        "ordering": ["name"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="payer",
                    constraint=models.UniqueConstraint(
                        fields=("programme", "region"), name="payer_once"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="budget",
                    constraint=models.UniqueConstraint(
                        fields=("payer", "year"), name="budget_once"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="budget",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("amount__gte", 0)), name="budget_not_negative"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="rateversion",
                    constraint=models.UniqueConstraint(
                        fields=("programme", "scheme", "effective_from"), name="rate_version_once"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="rateversion",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("programme", None)),
                        fields=("scheme", "effective_from"),
                        name="reference_rate_version_once",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="relief",
                    constraint=models.UniqueConstraint(
                        fields=("programme", "name"), name="relief_once"
                    ),
                ),
            ],
        ),
    ]

from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "payung.budgets"
    label = "budgets"
    verbose_name = "Anggaran dan tarif iuran / Budgets and contribution rates"

from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "payung.finance"
    label = "finance"
    verbose_name = "Iuran, tagihan dan anggaran / Contributions, bills and budgets"

    def ready(self) -> None:
        from payung.finance import jobs  # noqa: F401 - registers the job handlers

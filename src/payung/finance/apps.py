from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "payung.finance"
    label = "finance"
    verbose_name = "Tagihan dan pembayaran iuran / Contribution bills and payments"

    def ready(self) -> None:
        from payung.finance import jobs  # noqa: F401 - registers the job handlers

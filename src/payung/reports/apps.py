from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "payung.reports"
    label = "reports"
    verbose_name = "Laporan dan data terbuka / reports and open data"

    def ready(self) -> None:
        # The job handler report.build, and the kinds of report it can build.
        from payung.reports import kept, kept_kinds  # noqa: F401

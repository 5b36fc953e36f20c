from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "payung.imports"
    label = "imports"
    verbose_name = "Impor data / Data import"

    def ready(self) -> None:
        from payung.imports import jobs  # noqa: F401 - registers the job handlers

from django.apps import AppConfig


class DedupeConfig(AppConfig):
    name = "payung.dedupe"
    label = "dedupe"
    verbose_name = "Data ganda / Duplicates"

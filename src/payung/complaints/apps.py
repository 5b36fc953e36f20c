from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "payung.complaints"
    label = "complaints"
    verbose_name = "Pengaduan / Complaints"

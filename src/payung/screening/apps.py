from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "payung.screening"
    label = "screening"
    verbose_name = "Penyaringan dan verifikasi / Screening and verification"

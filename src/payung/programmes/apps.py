from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "payung.programmes"
    label = "programmes"
    verbose_name = "Program / Programmes"

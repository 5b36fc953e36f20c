from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "payung.registry"
    label = "registry"
    verbose_name = "Registri pekerja / Worker registry"

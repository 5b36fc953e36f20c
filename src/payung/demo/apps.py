from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "payung.demo"
    label = "demo"
    verbose_name = "Demo"

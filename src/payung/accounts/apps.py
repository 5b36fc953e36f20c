from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "payung.accounts"
    label = "accounts"
    verbose_name = "Pengguna / Users"

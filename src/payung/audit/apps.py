from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "payung.audit"
    label = "audit"
    verbose_name = "Jejak audit / Audit trail"

from django.apps import AppConfig

from payung.audit.catalogue import discover


class AuditConfig(AppConfig):
    name = "payung.audit"
    label = "audit"
    verbose_name = "Jejak audit / Audit trail"

    def ready(self) -> None:
        # Each app's audit_actions.py registers its actions; the writers refuse any other.
        discover()

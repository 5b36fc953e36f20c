from django.contrib.admin.apps import AdminConfig


class PayungAdminConfig(AdminConfig):
    """Django admin, open to system administrators only."""

    default_site = "payung.access.admin_site.PayungAdminSite"

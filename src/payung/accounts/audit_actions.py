"""The audit actions of user accounts (see payung/audit/catalogue.py)."""

from django.utils.translation import gettext_lazy as _

from payung.audit.catalogue import register

USER = "accounts.User"

register(
    "user.create",
    label=_("User account created"),
    object_type=USER,
    before="Nothing.",
    after="The new account's fields (username, role, region, …), never the password.",
)
register(
    "user.update",
    label=_("User account changed (administration site)"),
    object_type=USER,
    before="The account's fields before the change, never the password.",
    after="The account's fields after the change, never the password.",
)
register(
    "user.activate",
    label=_("User account activated"),
    object_type=USER,
    before="`is_active` before (false).",
    after="`is_active` after (true).",
)
register(
    "user.deactivate",
    label=_("User account deactivated"),
    object_type=USER,
    before="`is_active` before (true).",
    after="`is_active` after (false).",
)

"""Navigation per role: each entry appears only for users whose role has its capability."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from payung.domain.roles import Capability

_NAVIGATION = [
    (Capability.VIEW_PROGRAMMES, "dashboard", _("Dashboard")),
    (Capability.VIEW_PROGRAMMES, "programme_list", _("Programmes")),
    (Capability.VIEW_PROGRAMMES, "person_list", _("Workers")),
    (Capability.COLLECT_DATA, "import_list", _("Imports")),
    (Capability.VIEW_PROGRAMMES, "candidate_list", _("Candidates")),
    (Capability.VIEW_PROGRAMMES, "coverage_check", _("Coverage")),
    (Capability.VIEW_PROGRAMMES, "reports_index", _("Reports")),
    (Capability.MANAGE_PROGRAMMES, "boundary_page", _("Boundaries")),
    (Capability.LIAISE_BPJS, "registration_list", _("BPJS registration")),
    (Capability.REPORT_CLAIMS, "claim_list", _("Claims")),
    (Capability.HANDLE_COMPLAINTS, "complaint_list", _("Complaints")),
    (Capability.MANAGE_FINANCE, "finance_home", _("Finance")),
    (Capability.VERIFY, "pair_list", _("Duplicates")),
    (Capability.VERIFY, "external_lists", _("Other lists")),
    (Capability.VIEW_AUDIT, "audit_list", _("Audit trail")),
    (Capability.ADMIN_SITE, "admin:index", _("System administration")),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated or not getattr(user, "role", ""):
        return {"nav_items": []}
    items = [
        {"url": reverse(name), "label": label, "active": request.path.startswith(reverse(name))}
        for capability, name, label in _NAVIGATION
        if user.can(capability)
    ]
    return {"nav_items": items}

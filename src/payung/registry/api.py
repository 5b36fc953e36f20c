"""``POST /api/v1/workers/``: registering a worker from another system (an agency's application,
OpenSID), through the same service as the form and the import.

Session authentication with Django's CSRF token (``X-CSRFToken``), as the read endpoints. The
body is JSON with the data-entry form's field names; the NIK travels in the body only. Answers:

- ``201`` ``{"outcome": "created", "person": id, "nik": masked, "candidacy_created": bool}``;
- ``200`` ``{"outcome": "linked", …, "takes_part": ["Programme (2026)", …]}`` — the NIK was
  known: no second record, and where the person already takes part (as far as the user sees);
- ``400`` ``{"error": "validation", "problems": [{"code", "field", "message"}]}`` or
  ``{"error": "request.json", …}``;
- ``401`` without a session, ``403`` without ``collect_data``, ``404`` for a programme outside
  the user's region, ``409`` ``{"error": "registry.registered_elsewhere", …}`` and the like.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from payung.accounts.scope import require
from payung.domain.errors import DomainError
from payung.domain.roles import Capability
from payung.domain.worker_row import validate_worker_row
from payung.programmes.selectors import programme_get
from payung.registry.forms import PersonForm
from payung.registry.models import Source
from payung.registry.selectors import participation
from payung.registry.services import Outcome, person_register


def _lang() -> str:
    return get_language() or "id"


def _error(status: int, code: str, message: str, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": code, "message": message, **extra}, status=status)


@require_POST
def api_worker_register(request: HttpRequest) -> JsonResponse:
    if not request.user.is_authenticated:
        return _error(401, "auth.required", _("Please log in."))
    try:
        require(request.user, Capability.COLLECT_DATA)
    except PermissionDenied:
        return _error(403, "auth.forbidden", _("Your role may not register workers."))
    try:
        body = json.loads(request.body or b"{}")
        if not isinstance(body, dict):
            raise ValueError("not an object")
    except ValueError:
        return _error(400, "request.json", _("The body must be a JSON object."))
    values = {
        field: body.get(name) if body.get(name) not in ("", None) else None
        for name, field in PersonForm.FIELDS.items()
    }
    result = validate_worker_row(
        values,
        reference_date=timezone.localdate(),
        resolve_village=lambda village, district: str(village),
    )
    if result.data is None:
        problems = [
            {
                "code": issue.code,
                "field": issue.params.get("field", ""),
                "message": issue.message(_lang()),
            }
            for issue in result.errors
        ]
        return _error(400, "validation", _("The worker's data has problems."), problems=problems)
    programme = None
    if body.get("programme") is not None:
        try:
            programme = programme_get(user=request.user, pk=int(body["programme"]))
        except (Http404, TypeError, ValueError):
            return _error(404, "not_found", _("Not found"))
    try:
        registration = person_register(
            actor=request.user, data=result.data, source=Source.AGENCY_LIST, programme=programme
        )
    except DomainError as error:
        return _error(409, error.code, error.message(_lang()))
    person = registration.person
    if person is None:  # person_register raises its refusals; a result always has its person
        raise RuntimeError("registration without a person")
    answer: dict[str, Any] = {
        "outcome": registration.outcome.value,
        "person": person.pk,
        "nik": person.nik_masked,
        "candidacy_created": registration.candidate_created,
        "warnings": [issue.code for issue in result.issues if not issue.is_error],
    }
    if registration.outcome is Outcome.LINKED:
        taking_part = participation(user=request.user, nik_indexes=[person.nik_index])
        answer["takes_part"] = taking_part.get(person.nik_index, [])
    return JsonResponse(answer, status=201 if registration.outcome is Outcome.CREATED else 200)

"""``POST /api/v1/workers/``: registering a worker from another system (an agency's application,
OpenSID), through the same service as the form and the import.

Session authentication with Django's CSRF token (``X-CSRFToken``), as the read endpoints. The
body is JSON with the data-entry form's field names; the NIK travels in the body only. Answers:

- ``201`` ``{"outcome": "created", "person": id, "nik": masked, "candidacy_created": bool}``;
- ``200`` ``{"outcome": "linked", …, "takes_part": ["Programme (2026)", …]}`` — the NIK was
  known: no second record, and where the person already takes part (as far as the user sees);
- ``400`` ``{"error": "request.validation", "problems": [{"code", "field", "message",
  "messages"}]}`` or
  ``{"error": "request.json", …}``;
- ``401`` without a session, ``403`` without ``collect_data``, ``404`` for a programme outside
  the user's region, ``409`` ``{"error": "registry.registered_elsewhere", …}`` and the like;
- ``405``, ``413`` (``request.too_large``), ``415`` (``request.content_type``), ``400``
  ``request.too_deep`` and every other refusal in the one shape of ``payung.edge.api``: the code,
  its ``message`` in the request's language and ``messages`` in both.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone

from payung.access.actor import actor_of
from payung.access.scope import require
from payung.domain import api as codes
from payung.domain.errors import DomainError
from payung.domain.roles import Capability
from payung.domain.worker_row import validate_worker_row
from payung.edge.api import ApiRefusal, api_endpoint, error_response, issue_json, json_object
from payung.programmes.selectors import programme_get
from payung.registry.forms import PersonForm
from payung.registry.models import Source
from payung.registry.selectors import participation
from payung.registry.services import Outcome, person_register


@api_endpoint("POST")
def api_worker_register(request: HttpRequest) -> JsonResponse:
    try:
        require(actor_of(request), Capability.COLLECT_DATA)
    except PermissionDenied:
        return error_response(403, codes.FORBIDDEN)
    body = json_object(request)
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
            issue_json(issue, field=issue.params.get("field", "")) for issue in result.errors
        ]
        return error_response(400, codes.VALIDATION, problems=problems)
    programme = None
    if body.get("programme") is not None:
        try:
            programme = programme_get(user=actor_of(request), pk=int(body["programme"]))
        except (Http404, TypeError, ValueError, OverflowError):
            raise ApiRefusal(404, codes.NOT_FOUND) from None
    try:
        registration = person_register(
            actor=actor_of(request),
            data=result.data,
            source=Source.AGENCY_LIST,
            programme=programme,
        )
    except DomainError as error:
        return error_response(409, error.code, error.params)
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
        taking_part = participation(user=actor_of(request), nik_indexes=[person.nik_index])
        answer["takes_part"] = taking_part.get(person.nik_index, [])
    return JsonResponse(answer, status=201 if registration.outcome is Outcome.CREATED else 200)

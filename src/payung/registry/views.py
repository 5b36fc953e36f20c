"""Registry pages: the list and NIK search, data entry, correction and the revealed NIK.

The person's page and the form's live checks show what later stages know too (flags, probable
duplicates): they are composed at the top, in ``payung/web/people.py``.

NIKs travel only in POST bodies, never in URLs, so they do not reach access logs or history.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from payung.access.actor import Actor, actor_of
from payung.access.scope import require
from payung.audit.services import audit_record
from payung.domain.errors import DomainError, Severity
from payung.domain.headers import Field
from payung.domain.occupations import occupation_by_code
from payung.domain.roles import Capability
from payung.domain.worker_row import validate_worker_row
from payung.edge.pages import language
from payung.programmes.selectors import programme_get, programme_list
from payung.regions.selectors import village_choices
from payung.registry.forms import PersonEditForm, PersonForm
from payung.registry.models import Source
from payung.registry.selectors import person_get, person_heir
from payung.registry.services import Outcome, person_register, person_update


def _villages(user: Actor) -> list[tuple[str, str]]:
    return [(v.code, f"{v.name} ({v.code})") for v in village_choices(user=user)]


def _validated(form: PersonForm, values: dict[Field, object]) -> Any:
    """The domain's checks of a form's values; each error placed on its field."""
    result = validate_worker_row(
        values,
        reference_date=timezone.localdate(),
        resolve_village=lambda village, district: str(village),
    )
    for issue in result.issues:
        if issue.severity is Severity.ERROR:
            form.add_error(
                form.field_for(str(issue.params.get("field", ""))), issue.message(language())
            )
    return result


def _form(request: HttpRequest) -> PersonForm:
    form = PersonForm(request.POST or None)
    form.fields["village"].choices = _villages(actor_of(request))
    form.fields["programme"].choices = [("", "—")] + [
        (p.pk, str(p)) for p in programme_list(user=actor_of(request))
    ]
    return form


@login_required
@require_http_methods(["GET", "POST"])
def person_create_view(request: HttpRequest) -> HttpResponse:
    require(actor_of(request), Capability.COLLECT_DATA)
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        result = _validated(form, form.domain_values())
        if result.data is not None:
            programme_id = form.cleaned_data.get("programme")
            programme = (
                programme_get(user=actor_of(request), pk=programme_id) if programme_id else None
            )
            try:
                registration = person_register(
                    actor=actor_of(request),
                    data=result.data,
                    source=Source.VILLAGE_ENTRY,
                    programme=programme,
                )
            except DomainError as error:
                form.add_error("nik", error.message(language()))
            else:
                if registration.outcome is Outcome.LINKED:
                    messages.info(
                        request,
                        _("This NIK was already registered here; the existing record was kept."),
                    )
                else:
                    messages.success(request, _("Worker saved."))
                for issue in result.warnings:
                    messages.warning(request, issue.message(language()))
                return redirect("person_detail", pk=registration.person.pk)
    return render(request, "registry/person_form.html", {"form": form})


@login_required
@require_POST
def person_reveal_nik_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the full NIK to a role that needs it; the reading itself is audited (UU 27/2022)."""
    person = person_get(user=actor_of(request), pk=pk)
    if not actor_of(request).can(Capability.VIEW_FULL_NIK):
        raise PermissionDenied("view_full_nik")
    with transaction.atomic():
        audit_record(
            actor=actor_of(request),
            action="person.reveal_nik",
            target=person,
            subject_key=person.subject_key,
        )
    return render(request, "registry/_nik.html", {"nik": person.nik})


def _edit_initial(person: Any, heir: Any) -> dict[str, object]:
    return {
        "full_name": person.full_name,
        "birth_place": person.birth_place,
        "hamlet": person.hamlet,
        "rt": person.rt,
        "rw": person.rw,
        "address": person.address,
        "phone": person.phone,
        "occupation": occupation_by_code(person.occupation_code).name_id
        if person.occupation_code
        else "",
        "monthly_income": person.monthly_income or "",
        "mother_name": person.mother_name,
        "decile": person.decile,
        "heir_name": heir.name if heir else "",
        "heir_relation": heir.relation if heir else "",
    }


@login_required
@require_http_methods(["GET", "POST"])
def person_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The village corrects a record (e.g. after the labour office returned it)."""
    require(actor_of(request), Capability.COLLECT_DATA)
    person = person_get(user=actor_of(request), pk=pk)
    form = PersonEditForm(
        request.POST or None,
        initial=_edit_initial(person, person_heir(user=actor_of(request), person=person)),
    )
    if request.method == "POST" and form.is_valid():
        # The identity comes from the record: checked again with the rest, never from the form.
        values = form.domain_values()
        values.update(
            {
                Field.NIK: person.nik,
                Field.KK: person.family_card,
                Field.SEX: "L" if person.sex == "M" else "P",
                Field.BIRTH_DATE: person.birth_date,
                Field.VILLAGE_CODE: person.village_id,
            }
        )
        result = _validated(form, values)
        if result.data is not None:
            try:
                person_update(
                    actor=actor_of(request),
                    person=person,
                    data=result.data,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as error:
                form.add_error(None, error.message(language()))
            else:
                messages.success(request, _("Worker saved."))
                return redirect("person_detail", pk=person.pk)
    return render(request, "registry/person_edit.html", {"form": form, "person": person})

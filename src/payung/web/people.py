"""Pages about one worker that show what several stages know of them, composed at the top.

A stage's own pages may show only what that stage and the stages below it hold (the layers,
``docs/adr/0034-reactions-through-one-table.md``). These three show more:

- the person's page: the registry's record with the external-list flags matching keeps on it;
- the live checks of the data-entry form: the registry's NIK checks, and whether the person
  typed is probably someone registered under another NIK (the import's probable-duplicate
  warning, ``imports.probable.probable_for``);
- a worker's cover: enrolment's coverage periods with finance's word on each month (paid, in
  grace, inactive: ``finance.services.protection_of``);
- the registry's search, with the people the search probably meant ("maksud Anda", by the
  duplicate checks' matcher: ``dedupe.search``).

They keep their URLs, names and templates (``registry/…``, ``enrolment/…``); only the place that
may import every stage composes them.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from payung.access.actor import actor_of
from payung.dedupe.search import suggestions
from payung.dedupe.selectors import person_flags
from payung.domain.dates import parse_date
from payung.domain.errors import DomainError, Issue
from payung.domain.matching import MatchRecord
from payung.domain.nik import check_birth_date, check_sex, parse_nik
from payung.domain.period import Month
from payung.domain.person import parse_sex
from payung.domain.phone import parse_phone
from payung.domain.roles import Capability
from payung.edge.forms import parsed
from payung.edge.pages import language, page_of
from payung.enrolment.models import CoverageEnd
from payung.enrolment.selectors import enrolment_coverages, enrolment_get
from payung.finance.services import protection_of
from payung.imports.probable import probable_for
from payung.registry.forms import SearchForm
from payung.registry.selectors import nik_status, participation, person_get, person_list
from payung.registry.values import nik_index
from payung.web.forms import PersonCheckForm

SHOWN_FOUND = 200  # the exact results a suggestion is checked against


@login_required
@require_http_methods(["GET", "POST"])
def person_list_view(request: HttpRequest) -> HttpResponse:
    """The registry: the user's people, an exact search (a whole NIK or part of a name), and the
    people it probably meant. The search comes by POST, so a NIK never sits in a URL."""
    form = SearchForm(request.POST if request.method == "POST" else None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    user = actor_of(request)
    people = person_list(user=user, search=search)
    page = page_of(request, people)
    meant = []
    if search:
        found = set(people.values_list("pk", flat=True)[:SHOWN_FOUND])
        meant = suggestions(user=user, query=search, exclude=found, lang=language())
    return render(
        request, "registry/person_list.html", {"page": page, "q": search, "suggestions": meant}
    )


@login_required
@require_POST
def person_check_view(request: HttpRequest) -> HttpResponse:
    """Live checks while typing (HTMX): NIK structure, NIK vs. birth date and sex, phone, and
    whether the NIK is already registered — here, or only "elsewhere"."""
    findings: list[tuple[str, str]] = []
    today = timezone.localdate()
    nik = None
    typed = parsed(PersonCheckForm(request.POST))
    raw_nik = typed["nik"]
    if raw_nik:
        try:
            nik = parse_nik(raw_nik, reference_date=today)
        except DomainError as error:
            findings.append(("error", error.message(language())))
    if nik is not None:
        findings.extend(("warning", w.message(language())) for w in nik.warnings)
        checks: list[Issue | None] = []
        with contextlib.suppress(DomainError):
            checks.append(
                check_birth_date(nik, parse_date(typed["birth_date"], reference_date=today))
            )
        with contextlib.suppress(DomainError):
            checks.append(check_sex(nik, parse_sex(typed["sex"])))
        findings.extend(("error", c.message(language())) for c in checks if c is not None)
        status = nik_status(user=actor_of(request), nik=nik.value, today=today)
        if status == "here":
            findings.append(("info", _("This NIK is already registered in your area.")))
            programmes = participation(user=actor_of(request), nik_indexes=[nik_index(nik.value)])
            if programmes:
                findings.append(
                    (
                        "info",
                        _("Already takes part in: %(programmes)s.")
                        % {"programmes": ", ".join(next(iter(programmes.values())))},
                    )
                )
        elif status == "elsewhere":
            findings.append(("warning", _("This NIK is already registered elsewhere.")))
        else:
            findings.append(("ok", _("NIK is valid and not yet registered.")))
            probable = _probable_duplicate(request, typed, nik.value, today)
            if probable is not None:
                findings.append(("warning", probable.message(language())))
    if typed["phone"].strip():
        try:
            parse_phone(typed["phone"])
        except DomainError as error:
            findings.append(("error", error.message(language())))
    return render(request, "registry/_checks.html", {"findings": findings})


def _probable_duplicate(
    request: HttpRequest, typed: dict[str, Any], nik: str, today: Any
) -> Issue | None:
    """Someone already registered under another NIK who is probably the person being typed (a
    NIK typo, a name written another way), said as the import's preview says it."""
    name = typed["full_name"]
    if not name:
        return None
    born = None
    with contextlib.suppress(DomainError):
        born = parse_date(typed["birth_date"], reference_date=today)
    sex = ""
    with contextlib.suppress(DomainError):
        sex = parse_sex(typed["sex"]).value
    phone = ""
    with contextlib.suppress(DomainError):
        phone = parse_phone(typed["phone"]).e164 if typed["phone"].strip() else ""
    record = MatchRecord(
        key="r0",
        nik=nik,
        name=name,
        birth_date=born,
        sex=sex,
        village=typed["village"],
        phone=phone,
        mother_name=typed["mother_name"],
    )
    return probable_for(record, actor=actor_of(request))


@login_required
@require_GET
def person_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_get(user=actor_of(request), pk=pk)
    return render(
        request,
        "registry/person_detail.html",
        {
            "person": person,
            "can_reveal": actor_of(request).can(Capability.VIEW_FULL_NIK),
            "can_edit": actor_of(request).can(Capability.COLLECT_DATA),
            "can_report_claim": actor_of(request).can(Capability.REPORT_CLAIMS),
            "flags": person_flags(user=actor_of(request), person=person, lang=language()),
        },
    )


@login_required
@require_GET
def enrolment_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_get(user=actor_of(request), pk=pk)
    today = Month.of(timezone.localdate())
    state = protection_of(enrolment, as_of=today)
    return render(
        request,
        "enrolment/enrolment_detail.html",
        {
            "enrolment": enrolment,
            "coverages": enrolment_coverages(user=actor_of(request), enrolment=enrolment),
            "protection": state,
            "warnings": [issue.message(language()) for issue in state.issues()],
            "reasons": CoverageEnd.choices,
            "can_end": actor_of(request).can(Capability.VERIFY),
        },
    )

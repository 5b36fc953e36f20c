"""Finance pages: a programme's bills by month, one bill with its payments, the reconciliation
with BPJS's invoice, budgets and rates. Writes need ``manage_finance`` (the services check it)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from payung.access.actor import actor_of
from payung.access.scope import require
from payung.budgets.rates import finance_terms, rate_version_add
from payung.budgets.selectors import rate_list
from payung.budgets.services import budget_set
from payung.domain.money import format_rupiah
from payung.domain.period import Month
from payung.domain.roles import Capability
from payung.edge.forms import accepted, parsed
from payung.edge.pages import (
    chosen_pk,
    language,
    page_of,
    run_and_say,
)
from payung.files.uploads import with_upload
from payung.finance.billing import bill_adjust, bill_due, bills_issue
from payung.finance.forms import (
    AdjustForm,
    BudgetForm,
    MonthForm,
    PaymentForm,
    RateForm,
    ReconciliationForm,
)
from payung.finance.selectors import (
    arrears_runs,
    bill_adjustments,
    bill_get,
    bill_latest,
    bill_lines,
    bill_months,
    bill_paid,
    bill_payments,
    budget_overview,
    reconciliation,
)
from payung.finance.services import arrears_job_enqueue, invoice_import, payment_record
from payung.programmes.models import Programme
from payung.programmes.selectors import programme_chosen, programme_get, programme_list


@login_required
@require_GET
def finance_home_view(request: HttpRequest) -> HttpResponse:
    programme = programme_chosen(user=actor_of(request), pk=chosen_pk(request, "programme"))
    months = bill_months(user=actor_of(request), programme=programme) if programme else []
    return render(
        request,
        "finance/home.html",
        {
            "programme": programme,
            "programmes": programme_list(user=actor_of(request)),
            "months": months,
            "bills": bill_latest(user=actor_of(request), programme=programme) if programme else [],
            "can_manage": actor_of(request).can(Capability.MANAGE_FINANCE),
            "this_month": str(Month.of(timezone.localdate())),
            "last_month": str(Month.of(timezone.localdate()).plus(-1)),
            "arrears_runs": arrears_runs(user=actor_of(request), programme=programme)[:5]
            if programme
            else [],
        },
    )


@login_required
@require_POST
def bills_issue_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get(user=actor_of(request), pk=pk)
    if accepted(request, form := MonthForm(request.POST)):
        month = form.cleaned_data["month"]
        run_and_say(
            request,
            lambda: bills_issue(actor=actor_of(request), programme=programme, month=month),
            lambda issued: (
                _("%(bills)s bills issued with %(lines)s lines, %(total)s in all.")
                % {
                    "bills": issued.bills,
                    "lines": issued.lines,
                    "total": format_rupiah(issued.total),
                }
            ),
        )
    return redirect(f"{_home()}?programme={programme.pk}")


def _home() -> str:
    return reverse("finance_home")


@login_required
@require_POST
def bill_adjust_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get(user=actor_of(request), pk=pk)
    if accepted(request, form := AdjustForm(request.POST)):
        month, reason = form.cleaned_data["month"], form.cleaned_data["reason"]
        run_and_say(
            request,
            lambda: len(
                bill_adjust(
                    actor=actor_of(request), programme=programme, month=month, reason=reason
                )
            ),
            lambda made: _("%(count)s adjustment lines added.") % {"count": made},
        )
    return redirect(f"{_home()}?programme={programme.pk}")


@login_required
@require_POST
def arrears_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get(user=actor_of(request), pk=pk)
    if accepted(request, form := MonthForm(request.POST)):
        month = form.cleaned_data["month"]
        run_and_say(
            request,
            lambda: arrears_job_enqueue(actor=actor_of(request), programme=programme, as_of=month),
            lambda job: (
                _("The arrears update as of %(month)s runs in the background (job %(job)s).")
                % {"month": month, "job": job.pk}
            ),
        )
    return redirect(f"{_home()}?programme={programme.pk}")


@login_required
@require_POST
def invoice_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get(user=actor_of(request), pk=pk)
    require(actor_of(request), Capability.MANAGE_FINANCE)  # before the file is even looked at
    lang = language()
    result, error = with_upload(
        request.FILES.get("file"),
        lang,
        lambda path, name: invoice_import(
            actor=actor_of(request), programme=programme, path=path, file_name=name
        ),
    )
    if error is not None:
        messages.error(request, error)
    elif result is not None:
        if result.already:
            messages.info(request, _("This invoice was imported before; nothing changed."))
        else:
            messages.success(
                request, _("%(lines)s invoice lines read.") % {"lines": result.invoice.line_count}
            )
        for number, problem in result.problems[:20]:
            messages.error(request, f"{_('Row')} {number}: {problem.message(lang)}")
    return redirect(f"{_home()}?programme={programme.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def bill_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    bill = bill_get(user=actor_of(request), pk=pk)
    if request.method == "POST":
        if accepted(request, form := PaymentForm(request.POST)):
            paid = form.cleaned_data
            run_and_say(
                request,
                lambda: payment_record(
                    actor=actor_of(request),
                    bill=bill,
                    amount=paid["amount"],
                    paid_on=paid["paid_on"],
                    reference=paid["reference"],
                ),
                lambda _payment: _("Payment recorded."),
            )
        return redirect("bill_detail", pk=bill.pk)
    payments = bill_payments(user=actor_of(request), bill=bill)
    return render(
        request,
        "finance/bill_detail.html",
        {
            "bill": bill,
            "page": page_of(request, bill_lines(user=actor_of(request), bill=bill), 100),
            "adjustments": bill_adjustments(user=actor_of(request), bill=bill),
            "payments": payments,
            "due": bill_due(bill),
            "paid": bill_paid(user=actor_of(request), bill=bill),
            "can_manage": actor_of(request).can(Capability.MANAGE_FINANCE),
        },
    )


@login_required
@require_GET
def reconciliation_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get(user=actor_of(request), pk=pk)
    month = parsed(ReconciliationForm(request.GET))["month"]
    result, rows = reconciliation(user=actor_of(request), programme=programme, month=month)
    return render(
        request,
        "finance/reconciliation.html",
        {"programme": programme, "month": month, "result": result, "rows": rows},
    )


# The budget page is composed at the top (``payung.web.budget``, ADR 0041): beside these figures
# it shows what BPJS paid on the programme's claims, which finance may not read. These two halves
# are the page's finance part.


def budget_save(request: HttpRequest, programme: Programme) -> HttpResponse:
    """The budget page's POST: set one payer's budget line for the programme's year."""
    if accepted(request, form := BudgetForm(request.POST)):
        budget = form.cleaned_data
        run_and_say(
            request,
            lambda: budget_set(
                actor=actor_of(request),
                programme=programme,
                region=budget["region"],
                year=programme.year,
                amount=budget["amount"],
            ),
            lambda _budget: _("Budget saved."),
        )
    return redirect("budget", pk=programme.pk)


def budget_context(request: HttpRequest, programme: Programme) -> dict[str, Any]:
    """What ``finance/budget.html`` shows: the overview per payer, per district and in total."""
    overview = budget_overview(user=actor_of(request), programme=programme)
    lang = language()
    return {
        "programme": programme,
        "overview": overview,
        "payers": [
            (row, [i.message(lang) for i in row.check.issues] if row.check else [])
            for row in overview.payers
        ],
        "can_manage": actor_of(request).can(Capability.MANAGE_FINANCE),
    }


@login_required
@require_http_methods(["GET", "POST"])
def rates_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get(user=actor_of(request), pk=pk)
    if request.method == "POST":
        if accepted(request, form := RateForm(request.POST, programme_pk=programme.pk)):
            rate = form.cleaned_data
            run_and_say(
                request,
                lambda: rate_version_add(
                    actor=actor_of(request),
                    programme=programme,
                    scheme=rate["scheme"],
                    effective_from=rate["effective_from"],
                    flat_monthly=rate["flat_monthly"],
                    basis=rate["basis"],
                ),
                lambda _rate: _("Rate saved."),
            )
        return redirect("rates", pk=programme.pk)
    rates, reliefs = rate_list(user=actor_of(request), programme=programme)
    return render(
        request,
        "finance/rates.html",
        {
            "programme": programme,
            "rates": rates,
            "reliefs": reliefs,
            "terms": finance_terms(programme),
            "can_manage": actor_of(request).can(Capability.MANAGE_FINANCE),
        },
    )

"""The finance pages' forms: they parse what a page posts (a month, an amount, a date); the
services check everything else and ``manage_finance``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payung.domain.period import Month
from payung.edge.forms import IsoDateField, MonthField, PageForm, RupiahField
from payung.edge.pages import month_or_none


class MonthForm(PageForm):
    """The month a programme's bills are issued for, or its arrears brought up to."""

    refusal = _("Give the month as 2026-01.")

    month = MonthField()


class AdjustForm(MonthForm):
    """The month whose bills are adjusted, and why (the service asks for a reason)."""

    reason = forms.CharField(required=False, strip=False)


class PaymentForm(PageForm):
    """A payment of a bill: how much, on which day, and the transfer's reference."""

    refusal = _("Give the amount and the date of the payment.")

    amount = RupiahField()
    paid_on = IsoDateField()
    reference = forms.CharField(required=False, strip=False)


class ReconciliationForm(forms.Form):
    """The month a reconciliation page shows (``?month=2026-01``)."""

    month = forms.Field(required=False)

    def clean_month(self) -> Month:
        """The month asked for; this month when none is asked or it is not a month (the page
        always fell back so, rather than refusing a link)."""
        return month_or_none(str(self.cleaned_data["month"] or "")) or Month.of(
            timezone.localdate()
        )


class BudgetForm(PageForm):
    """A region's budget for the programme's year. An amount that is not rupiah is refused in
    the domain's words (``money.*``); the region is checked by the service."""

    amount = RupiahField()
    region = forms.CharField(required=False)


class RateForm(PageForm):
    """A new version of the programme's monthly rate, from a first month on."""

    refusal = _("Give the first month (2026-01) and the monthly price.")

    effective_from = MonthField()
    flat_monthly = RupiahField()
    scheme = forms.CharField(required=False)
    basis = forms.CharField(required=False)

    def __init__(self, *args: Any, programme_pk: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme_pk = programme_pk

    def clean_scheme(self) -> str:
        """The rate table's scheme; the programme's own (``programme-<id>``) when none is
        typed."""
        return str(self.cleaned_data["scheme"]) or f"programme-{self.programme_pk}"

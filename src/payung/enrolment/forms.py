"""The enrolment pages' forms: they parse what a page posts; the services and selectors check the
rest (a batch's start month, a NIK, the end of a cover)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payung.domain.coverage import EndReason
from payung.domain.period import Month
from payung.edge.forms import IsoDateField, PageForm, parsed
from payung.edge.pages import month_or_none


class BatchForm(forms.Form):
    """A new registration batch. ``start_month`` may be left out."""

    start_month = forms.Field(required=False)

    def clean_start_month(self) -> Month | None:
        """The month the batch starts, ``None`` when empty or not a month (``2026-01``): the
        service then takes its own default, as the page always did for a month it could not
        read."""
        return month_or_none(str(self.cleaned_data["start_month"] or ""))


class CoverageCheckForm(PageForm):
    """Was this NIK covered on this day? The NIK is checked by ``coverage_on`` (its ``nik.*``
    refusals); the day is today when none is given."""

    nik = forms.Field(required=False)
    day = forms.Field(required=False)

    def clean_nik(self) -> str:
        return str(self.cleaned_data["nik"] or "")

    def clean_day(self) -> date:
        """The day asked about; today when empty. A day that is not ``2026-01-31`` is refused
        with Python's words for it (``Invalid isoformat string: …``), as the page said it
        before it had a form; a browser's date input sends no other."""
        text = self.cleaned_data["day"]
        if not text:
            return timezone.localdate()
        try:
            return date.fromisoformat(str(text))
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


class EndForm(PageForm):
    """The first step of ending a cover early: the day, the reason and an optional note."""

    refusal = _("Give the date and the reason of the end.")

    on = IsoDateField()
    reason = forms.TypedChoiceField(
        choices=[(r.value, r.value) for r in EndReason], coerce=EndReason
    )
    note = forms.CharField(required=False)


class RenewalTargetForm(forms.Form):
    """The programme to renew into, by id. ``target`` is ``None`` when none is named or it is
    not a number (the page then shows the first target); ``named`` says one was asked for, so a
    number that is not a target is a 404."""

    target = forms.Field(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = str(data.get("target") or "")
        data["named"] = bool(text)
        data["target"] = int(text) if text.isascii() and text.isdigit() else None
        return data

    @classmethod
    def of(cls, request: HttpRequest) -> RenewalTargetForm:
        """Bound to the posted target (the renewal's hidden field), else to the query's
        (``?target=``, the page's "show" form)."""
        posted = cls(request.POST)
        return posted if parsed(posted)["named"] else cls(request.GET)

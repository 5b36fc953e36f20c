"""What every page's form needs: one sentence when the input cannot be used, and the fields
the stages' pages read the same way (a month, an amount in rupiah, an ISO date, ticked ids).

A view binds its app's form (``forms.py``) to ``request.POST`` or ``request.GET`` and hands
``form.cleaned_data`` to one service or selector; it never reads a request value by hand
(``tests/unit/test_thin_edges.py``). The forms parse only: every rule stays in the domain or the
service, and a value a page used to take silently (a month not understood is "this month")
is taken in the form's ``clean_<field>``, said in its docstring.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.utils.functional import Promise

from payung.domain.errors import DomainError
from payung.domain.money import rupiah
from payung.domain.period import Month
from payung.edge.pages import language


class PageForm(forms.Form):
    """A page's form. ``refusal`` is the one sentence the page says when any of its input
    cannot be used (as the page said it before it had a form); without one, the page says the
    first field's own message (e.g. the domain's words for an amount that is not rupiah)."""

    refusal: ClassVar[str | Promise] = ""

    def error_text(self) -> str:
        """What the page says for a bound form that is not valid, or when something beside
        the form is missing (the uploaded file): ``refusal`` then."""
        if self.refusal:
            return str(self.refusal)
        for errors in self.errors.values():
            if errors:
                return str(errors[0])
        return ""


def accepted(request: HttpRequest, form: PageForm) -> bool:
    """``form.is_valid()``; if not, its :meth:`~PageForm.error_text` as an error message on the
    next page."""
    if form.is_valid():
        return True
    messages.error(request, form.error_text())
    return False


def parsed(form: forms.Form) -> dict[str, Any]:
    """The cleaned data of a form that takes any input: each value it cannot use falls back in
    its ``clean_<field>`` (said there), or is passed on for the service to judge. A form of that
    kind that is not valid is a bug in the form, and fails loudly."""
    if not form.is_valid():
        raise ValueError(f"{type(form).__name__} refused its input: {form.errors.as_json()}")
    return form.cleaned_data


class MonthField(forms.Field):
    """A month typed as ``2026-01`` (``payung.domain.period.Month``); one not understood is
    refused with the domain's words (``period.month_format``)."""

    def to_python(self, value: Any) -> Month | None:
        text = str(value or "")
        if not text.strip():
            return None  # then "required", unless the field is not
        try:
            return Month.parse(text)
        except DomainError as error:
            raise forms.ValidationError(error.message(language()), code=error.code) from None


class RupiahField(forms.Field):
    """Whole rupiah as the domain reads them (``50.400.000``, ``Rp50,400,000``); an empty or
    unreadable amount is refused with the domain's own words (``money.*``)."""

    def to_python(self, value: Any) -> int:
        try:
            return rupiah(str(value or "").strip())
        except DomainError as error:
            raise forms.ValidationError(error.message(language()), code=error.code) from None


class IsoDateField(forms.Field):
    """A date as a browser's date input sends it (``2026-01-31``, ``date.fromisoformat``);
    ``None`` when empty and not required."""

    default_error_messages: ClassVar[dict[str, Any]] = {
        "invalid": forms.DateField.default_error_messages["invalid"]
    }

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class IdsField(forms.Field):
    """The ids ticked in a list (``<input type=checkbox name=pair value=12>``, repeated); a
    value that is not a number is left out."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        values = value if isinstance(value, list | tuple) else []
        return [int(v) for v in values if isinstance(v, str) and v.isascii() and v.isdigit()]

"""The claims pages' forms: they parse what a page posts; the service checks the rest (the text,
the phone, the date, the NIK)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from payung.claims.models import ClaimKind
from payung.edge.forms import IsoDateField, PageForm


class ReportForm(PageForm):
    """A report: the worker by NIK or KPJ (in the POST body, never the URL; the NIK when both
    are given) or by the person's page (``person``, an id), and what Permenaker 1/2025 Pasal 48A
    asks."""

    refusal = _("Fill in the kind, the date and time, the place, the cause, the chronology and "
                "the reporter's name and phone.")  # fmt: skip

    nik = forms.CharField(required=False, max_length=40, strip=True)
    kpj = forms.CharField(required=False, max_length=40, strip=True)
    person = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=ClaimKind.choices)
    on_the_way = forms.BooleanField(required=False)
    event_date = IsoDateField()
    event_time = forms.TimeField(input_formats=["%H:%M", "%H:%M:%S"])
    place = forms.CharField(max_length=500, strip=False)
    cause = forms.CharField(max_length=500, strip=False)
    chronology = forms.CharField(max_length=5000, strip=False, widget=forms.Textarea)
    reporter_name = forms.CharField(max_length=200, strip=False)
    reporter_phone = forms.CharField(max_length=40)


class DocumentForm(PageForm):
    """The kind of an uploaded document (a free code until the checklist is merged); the file
    itself is judged by ``payung.files.documents``."""

    refusal = _("Choose the document's kind.")

    kind = forms.CharField(max_length=40)


class CloseForm(PageForm):
    """Closing a "kemungkinan JKM belum diklaim" case: the reason is required."""

    refusal = _("Give the reason for closing the case.")

    reason = forms.CharField(max_length=500, strip=True)

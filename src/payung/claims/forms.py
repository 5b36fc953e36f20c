"""The claims pages' forms: they parse what a page posts; the service checks the rest (the text,
the phone, the date, the NIK)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from payung.claims.models import ClaimKind, SchoolLevelChoice
from payung.domain.benefits import Component
from payung.domain.claims import Action
from payung.edge.forms import IsoDateField, PageForm, RupiahField


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
    traffic_accident = forms.BooleanField(required=False)
    event_date = IsoDateField()
    event_time = forms.TimeField(input_formats=["%H:%M", "%H:%M:%S"])
    place = forms.CharField(max_length=500, strip=False)
    cause = forms.CharField(max_length=500, strip=False)
    chronology = forms.CharField(max_length=5000, strip=False, widget=forms.Textarea)
    reporter_name = forms.CharField(max_length=200, strip=False)
    reporter_phone = forms.CharField(max_length=40)


class ChecklistDocumentForm(PageForm):
    """The kind of an uploaded document, chosen from the checklist of the claim's kind
    (``claims.progress.document_choices``); the file itself is judged by
    ``payung.files.documents``."""

    refusal = _("Choose the document's kind from the checklist.")

    kind = forms.ChoiceField(choices=())

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"] = forms.ChoiceField(choices=choices)


class OptionalRupiahField(RupiahField):
    """An amount that may be left empty (a component not paid): ``None`` then."""

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        if value in self.empty_values or not str(value).strip():
            return None
        return super().to_python(value)


class StepForm(PageForm):
    """One lifecycle step on a claim: the action and what it carries (only what the action
    needs is read; ``domain.claims.transition`` says what is missing). An amount per benefit
    component is ``amount_<component>``."""

    action = forms.ChoiceField(choices=[(a.value, a.value) for a in Action])
    on = IsoDateField(required=False)
    bpjs_number = forms.CharField(required=False, max_length=60)
    reference = forms.CharField(required=False, max_length=100)
    reason = forms.CharField(required=False, max_length=2000, strip=False)
    handed_by = forms.CharField(required=False, max_length=200)
    claimant = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for component in Component:
            self.fields[f"amount_{component.value}"] = OptionalRupiahField(required=False)

    def amounts(self) -> dict[str, int]:
        return {
            component.value: self.cleaned_data.get(f"amount_{component.value}") or 0
            for component in Component
            if self.cleaned_data.get(f"amount_{component.value}")
        }


class CloseForm(PageForm):
    """Closing a "kemungkinan JKM belum diklaim" case: the reason is required."""

    refusal = _("Give the reason for closing the case.")

    reason = forms.CharField(max_length=500, strip=True)


class DetailsForm(PageForm):
    """A surviving worker's JKK facts (``claims.services.AccidentDetails``): the rows of
    partial disability are chosen from the benefit table (``choices``)."""

    refusal = _("Check the days unable to work, the disabilities and the transport.")

    days_off_work = forms.IntegerField(required=False, min_value=0, max_value=36_500)
    total_disability = forms.BooleanField(required=False)
    disabilities = forms.MultipleChoiceField(required=False, choices=())
    transport_mode = forms.ChoiceField(required=False, choices=())
    transport_claimed = OptionalRupiahField(required=False)

    def __init__(
        self,
        *args: Any,
        disabilities: list[tuple[str, str]],
        transports: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["disabilities"] = forms.MultipleChoiceField(
            required=False, choices=disabilities
        )
        self.fields["transport_mode"] = forms.ChoiceField(
            required=False, choices=[("", "—"), *transports]
        )


class ChildForm(PageForm):
    """A child for the education benefit: the level and grade in the school year the event
    falls in; the end (marriage or work) when known."""

    refusal = _("Fill in the child's name, birth date, school level and grade.")

    name = forms.CharField(max_length=100, strip=False)
    birth_date = IsoDateField()
    level = forms.ChoiceField(choices=SchoolLevelChoice.choices)
    grade = forms.IntegerField(min_value=1, max_value=99)
    ends_on = IsoDateField(required=False)

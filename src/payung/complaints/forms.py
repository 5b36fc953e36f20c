"""The complaints pages' forms: they parse what a page posts; the service checks the rest (the
village, the length and characters of the text, the name and the contact)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from payung.complaints.models import ComplaintCategory, ComplaintStatus
from payung.complaints.selectors import VillageGroup
from payung.edge.forms import PageForm

# Generous bounds for parsing only: the service says the limits in the catalogue's words.
_LONG = 10_000
_SHORT = 1_000

STEPS = ("acknowledge", "answer", "reopen", "tell")


class QueueForm(PageForm):
    """The queue's filter: one status, or all (anything not understood is all)."""

    status = forms.ChoiceField(required=False, choices=[("", ""), *ComplaintStatus.choices])

    def chosen(self) -> str:
        return str(self.cleaned_data.get("status") or "") if self.is_valid() else ""


class FilingForm(PageForm):
    """A complaint: the village (from the grouped list), the category, the text, the name and an
    optional contact."""

    refusal = _("Choose the village and the category, and write the complaint and your name.")

    village = forms.ChoiceField(choices=())
    category = forms.ChoiceField(choices=ComplaintCategory.choices)
    text = forms.CharField(max_length=_LONG, strip=False, widget=forms.Textarea)
    name = forms.CharField(max_length=_SHORT, strip=False)
    contact = forms.CharField(required=False, max_length=_SHORT, strip=False)

    def __init__(self, *args: Any, groups: list[VillageGroup], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"] = forms.ChoiceField(
            choices=[(g.label, list(g.villages)) for g in groups]
        )


class PublicFilingForm(FilingForm):
    """The public form adds the guard's token and a field people never see (``website``): a
    form that fills it is a robot's."""

    token = forms.CharField(max_length=500)
    website = forms.CharField(required=False, max_length=_SHORT)


class LookupForm(PageForm):
    """A complainant's tracking code and PIN, posted (never in an address)."""

    refusal = _("Fill in the tracking code and the PIN.")

    code = forms.CharField(max_length=40, strip=True)
    pin = forms.CharField(max_length=40, strip=True)


class StepForm(PageForm):
    """One step on a complaint (closing has its own confirmation page): ``answer`` is the
    answer's text for the answer step."""

    refusal = _("Choose a step.")

    step = forms.ChoiceField(choices=[(s, s) for s in STEPS])
    answer = forms.CharField(required=False, max_length=_LONG, strip=False, widget=forms.Textarea)

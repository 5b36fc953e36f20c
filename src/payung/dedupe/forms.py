"""The duplicate review's and the external lists' forms: they parse what a page posts; the
services decide (``pair_decide``, ``pairs_decide``, ``external_list_import``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from payung.dedupe.models import PairStatus
from payung.domain.flags import ListKind
from payung.edge.forms import IdsField, IsoDateField, PageForm

DECISIONS = [("same", "same"), ("different", "different")]


class PairStatusForm(forms.Form):
    """The queue's filter (``?status=open``)."""

    status = forms.Field(required=False)

    def clean_status(self) -> str:
        """The status asked for; the open pairs when none is asked or it is not a status (the
        page always fell back so, rather than refusing a link)."""
        status = self.cleaned_data["status"]
        return str(status) if status in PairStatus.values else PairStatus.OPEN


class PairDecisionForm(PageForm):
    """One pair: "same person" (a merge, confirmed first) or "different people", and why."""

    refusal = _("Choose 'same person' or 'different people'.")

    decision = forms.ChoiceField(choices=DECISIONS)
    reason = forms.CharField(required=False)


class PairsDecisionForm(forms.Form):
    """The pairs ticked in the queue, the decision and why. ``decision`` is ``None`` when it is
    neither "same" nor "different"; the page refuses that with no pair ticked alike."""

    decision = forms.Field(required=False)
    reason = forms.Field(required=False)
    pair = IdsField(required=False)

    def clean_decision(self) -> str | None:
        decision = self.cleaned_data["decision"]
        return str(decision) if decision in dict(DECISIONS) else None

    def clean_reason(self) -> str:
        return str(self.cleaned_data["reason"] or "").strip()


class ExternalListForm(PageForm):
    """An external list received (its kind, source and date); the file comes in
    ``request.FILES``."""

    refusal = _("Choose the kind of list, its source, its date and the file.")

    kind = forms.TypedChoiceField(choices=[(k.value, k.value) for k in ListKind], coerce=ListKind)
    source = forms.CharField()
    list_date = IsoDateField()

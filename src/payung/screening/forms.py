"""The screening pages' forms: they parse what the queue, a candidacy's page, the rules page and
the places page send; the selectors filter, the services decide (``candidates_act``,
``ruleset_save``, ``places_move``) and the domain judges the rules (``RuleSet``).

Each form takes any input: a value it cannot read falls back as the page always did (said in
its ``clean_<field>``), so the views read them with ``payung.edge.forms.parsed``.
"""

from __future__ import annotations

from typing import Any

from django import forms

from payung.domain.eligibility import REQUIRED_FIELDS, RuleSet
from payung.domain.flags import ListKind
from payung.domain.workflow import Action
from payung.edge.forms import IdsField


class _AsSent(forms.Field):
    """A value as the page sent it (``""`` when absent), for a selector or service to judge."""

    def to_python(self, value: Any) -> str:
        return "" if value is None else str(value)


class _Trimmed(_AsSent):
    """A value as sent, without the spaces around it."""

    def to_python(self, value: Any) -> str:
        return super().to_python(value).strip()


class _Number(forms.Field):
    """A whole number typed in a box (`` 21 ``); ``None`` (the rule is off) when it is empty or
    not one: a sign, a space inside or a digit that is not ASCII (``²``) is not a number here."""

    def to_python(self, value: Any) -> int | None:
        text = "" if value is None else str(value).strip()
        return int(text) if text.isascii() and text.isdigit() else None


class _Ticked(forms.Field):
    """The values ticked in a list of checkboxes (``name=flags`` repeated), as sent."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[str]:
        values = value if isinstance(value, list | tuple) else []
        return [str(v) for v in values]


class QueueForm(forms.Form):
    """The queue's filters (``?status=&decision=&district=&village=&flag=&duplicates=1``), each
    passed on as typed for ``candidate_list`` (a value it does not know finds no candidacy)."""

    status = _AsSent(required=False)
    decision = _AsSent(required=False)
    district = _AsSent(required=False)
    village = _AsSent(required=False)
    flag = _AsSent(required=False)
    duplicates = _AsSent(required=False)

    def clean_duplicates(self) -> bool:
        """Only the open duplicates when the box sent ``1``; any other value is the box left
        unticked (the page always read it so)."""
        return bool(self.cleaned_data["duplicates"] == "1")


class DecisionForm(forms.Form):
    """A decision on a candidacy: the action and why."""

    action = _AsSent(required=False)
    reason = _Trimmed(required=False)

    def clean_action(self) -> Action | None:
        """The workflow's action posted; ``None`` when none is chosen or it is not an action
        (the page then says "Choose an action."). Which actions a page offers is the page's
        check, not the form's."""
        try:
            return Action(self.cleaned_data["action"])
        except ValueError:
            return None


class BulkDecisionForm(DecisionForm):
    """A decision on the candidacies ticked in the queue (``name=candidate`` repeated); an id
    that is not a number is left out (``IdsField``), one the user may not see is left out by
    ``candidate_list``."""

    candidate = IdsField(required=False)


class RulesForm(forms.Form):
    """A new version of a programme's rules. The values are read as the page always read them;
    :meth:`rules` makes the ``RuleSet``, which refuses what is not a rule
    (``eligibility.rules_invalid``)."""

    age_min = _Number(required=False)
    age_max = _Number(required=False)
    max_decile = _Number(required=False)
    bulk_sample = _Number(required=False)
    occupations = _Ticked(required=False)
    flags = _Ticked(required=False)
    required = _Ticked(required=False)
    priority = _AsSent(required=False)
    note = _Trimmed(required=False)

    def clean_bulk_sample(self) -> int:
        """No sample (``0``) when the box is empty or not a number."""
        return self.cleaned_data["bulk_sample"] or 0

    def clean_occupations(self) -> tuple[str, ...] | None:
        """The occupations ticked, for the domain to check; none ticked is any occupation."""
        return tuple(self.cleaned_data["occupations"]) or None

    def clean_flags(self) -> tuple[ListKind, ...]:
        """The kinds of external list ticked, in their order; a value that is not a kind is
        left out (the page always dropped it)."""
        return tuple(ListKind(k) for k in self.cleaned_data["flags"] if k in set(ListKind))

    def clean_required(self) -> tuple[str, ...]:
        """The fields a record must have, in the domain's order (``REQUIRED_FIELDS``), each
        once; a value that is not one is left out (the page always dropped it)."""
        ticked = self.cleaned_data["required"]
        return tuple(f for f in REQUIRED_FIELDS if f in ticked)

    def clean_priority(self) -> tuple[str, ...]:
        """The priority keys as typed between commas (``decile,risk``), the empty ones left
        out; the domain refuses a key it does not know."""
        return tuple(p for p in self.cleaned_data["priority"].split(",") if p)

    def rules(self) -> RuleSet:
        """The rules posted, as the domain reads them; raises its ``DomainError``
        (``eligibility.rules_invalid``) for values that are not rules (an age of 130, an unknown
        occupation)."""
        data = self.cleaned_data
        return RuleSet(
            age_min=data["age_min"],
            age_max=data["age_max"],
            occupations=data["occupations"],
            max_decile=data["max_decile"],
            flags=data["flags"],
            required=data["required"],
            priority=data["priority"],
            bulk_sample=data["bulk_sample"],
        )


class MoveForm(forms.Form):
    """A move of unused places between two areas of the programme, and why; the service's
    check (``places_move_check``) judges every value."""

    source = _Trimmed(required=False)
    target = _Trimmed(required=False)
    places = forms.Field(required=False)
    reason = _Trimmed(required=False)

    def clean_places(self) -> int:
        """How many places, as Python reads a whole number (`` 3 ``); ``0`` when none is sent
        or it is not a number, which the check refuses as a move of none."""
        value = self.cleaned_data["places"]
        try:
            return int("0" if value is None else str(value))
        except ValueError:
            return 0

"""The audit actions of budget lines, programme prices and finance terms (see
payung/audit/catalogue.py)."""

from django.utils.translation import gettext_lazy as _

from payung.audit.catalogue import register

register(
    "budget.set",
    label=_("Budget line set"),
    object_type="budgets.Budget",
    before="The amount before, or nothing for a new budget line.",
    after="The payer's region, the year and the amount.",
)
register(
    "rate_version.create",
    label=_("Programme price saved"),
    object_type="budgets.RateVersion",
    before="Nothing.",
    after="The new price's fields (scheme, kind, effective months, flat monthly price, basis).",
)
register(
    "finance_terms.update",
    label=_("Scheme billed changed"),
    object_type="budgets.FinanceTerms",
    before="The programme's finance terms before (scheme billed, arrears months).",
    after="The finance terms after.",
)

"""The dashboard's figures (ADR 0045): programme_aggregates for the user's scope, one level
(the regency's districts, or one district's villages), plus what is left of the budget.

``waiting`` gathers "what waits for this user": one provider per kind of work, each answering
only a user with the capability to do it, every count scoped to the user's region.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import BigIntegerField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from payung.access.actor import Actor, actor_region, actor_user
from payung.access.scope import scoped
from payung.claims.progress import claim_queue
from payung.complaints.selectors import complaint_counts
from payung.domain.period import Month, MonthSpan
from payung.domain.roles import Capability
from payung.enrolment.models import LineStatus, RegistrationLine
from payung.finance.models import AdjustmentLine, BillMonth, Payment
from payung.programmes.models import Programme
from payung.registry.models import Candidate, CandidateStatus
from payung.reports.aggregates import Figures, RegionFigures, programme_aggregates_cached
from payung.reports.publication import pbpu_population


@dataclass(frozen=True)
class Waiting:
    """One line of "what waits for you": how many, in words, and the list behind it."""

    label: str  # translated
    count: int
    url: str  # the list that holds them, filtered where the list can filter
    urgent: bool = False  # past a time limit: shown first and marked


Provider = Callable[[Actor, Programme, date], list[Waiting]]


def _can(actor: Actor, capability: Capability) -> bool:
    """A signed-in user with the capability: the work waits for people, not for the server."""
    user = actor_user(actor)
    return user is not None and user.can(capability)


def _candidates(actor: Actor, programme: Programme, status: CandidateStatus) -> int:
    return scoped(Candidate.objects.filter(programme=programme, status=status), actor).count()


def _queue_url(programme: Programme, status: CandidateStatus) -> str:
    query = urlencode({"programme": programme.pk, "status": status.value})
    return f"{reverse('candidate_list')}?{query}"


def _village_waiting(actor: Actor, programme: Programme, today: date) -> list[Waiting]:
    """The village's own work: candidacies sent back for correction, drafts not yet sent."""
    if not _can(actor, Capability.COLLECT_DATA):
        return []
    returned = _candidates(actor, programme, CandidateStatus.RETURNED)
    drafts = _candidates(actor, programme, CandidateStatus.DRAFT)
    return [
        Waiting(
            _("Returned to the village for correction"),
            returned,
            _queue_url(programme, CandidateStatus.RETURNED),
            urgent=returned > 0,
        ),
        Waiting(
            _("Drafts not yet submitted"), drafts, _queue_url(programme, CandidateStatus.DRAFT)
        ),
    ]


def _verifier_waiting(actor: Actor, programme: Programme, today: date) -> list[Waiting]:
    """The labour office's: screened candidacies to verify, verified ones to approve (by a second
    verifier: maker-checker)."""
    if not _can(actor, Capability.VERIFY):
        return []
    return [
        Waiting(
            _("To verify"),
            _candidates(actor, programme, CandidateStatus.SCREENED),
            _queue_url(programme, CandidateStatus.SCREENED),
        ),
        Waiting(
            _("Verified, to approve"),
            _candidates(actor, programme, CandidateStatus.VERIFIED),
            _queue_url(programme, CandidateStatus.VERIFIED),
        ),
    ]


def _bpjs_waiting(actor: Actor, programme: Programme, today: date) -> list[Waiting]:
    """The BPJS liaison's: workers sent for registration whose answer is not recorded yet."""
    if not _can(actor, Capability.LIAISE_BPJS):
        return []
    sent = scoped(
        RegistrationLine.objects.filter(batch__programme=programme, status=LineStatus.SENT), actor
    ).count()
    url = f"{reverse('registration_list')}?{urlencode({'programme': programme.pk})}"
    return [Waiting(_("Sent to BPJS, awaiting the answer"), sent, url)]


def months_to_bill(actor: Actor, programme: Programme, today: date) -> int:
    """The programme's months up to this one (inside its period) with no bill issued yet."""
    period = programme.period
    last = min(Month.of(today), period.end)
    if last < period.start:
        return 0
    billed = set(
        scoped(BillMonth.objects.filter(programme=programme), actor)
        .order_by()
        .values_list("month", flat=True)
        .distinct()
    )
    months = MonthSpan.between(period.start, last).months
    return sum(1 for i in range(months) if period.start.plus(i).first_day not in billed)


def bills_unpaid(actor: Actor, programme: Programme) -> int:
    """Issued bills whose total with adjustments is more than what was paid on them."""
    adjusted = (
        AdjustmentLine.objects.filter(bill=OuterRef("pk"))
        .order_by()
        .values("bill")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    paid = (
        Payment.objects.filter(bill=OuterRef("pk"))
        .order_by()
        .values("bill")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    zero = Value(0, output_field=BigIntegerField())
    return (
        scoped(BillMonth.objects.filter(programme=programme), actor)
        .annotate(
            due=F("total")
            + Coalesce(Subquery(adjusted, output_field=BigIntegerField()), zero)
            - Coalesce(Subquery(paid, output_field=BigIntegerField()), zero)
        )
        .filter(due__gt=0)
        .count()
    )


def _finance_waiting(actor: Actor, programme: Programme, today: date) -> list[Waiting]:
    if not _can(actor, Capability.MANAGE_FINANCE):
        return []
    url = f"{reverse('finance_home')}?{urlencode({'programme': programme.pk})}"
    return [
        Waiting(_("Months not yet billed"), months_to_bill(actor, programme, today), url),
        Waiting(_("Bills not yet paid in full"), bills_unpaid(actor, programme), url),
    ]


def _claims_waiting(actor: Actor, programme: Programme, today: date) -> list[Waiting]:
    """Claims past one of their time limits (ADR 0042), over every programme of the region: a
    claim is the worker's, whichever programme covered them."""
    if not _can(actor, Capability.REPORT_CLAIMS):
        return []
    overdue = sum(1 for row in claim_queue(user=actor, today=today) if row.overdue)
    return [Waiting(_("Claims past a time limit"), overdue, reverse("claim_list"), overdue > 0)]


def _complaints_waiting(actor: Actor, programme: Programme, today: date) -> list[Waiting]:
    if not _can(actor, Capability.HANDLE_COMPLAINTS):
        return []
    counts = complaint_counts(actor=actor, today=today)
    url = reverse("complaint_list")
    return [
        Waiting(_("Complaints not yet taken up"), counts["received"], url),
        Waiting(
            _("Complaints past their time limit"),
            counts["overdue_respond"] + counts["overdue_answer"],
            url,
            urgent=counts["overdue_respond"] + counts["overdue_answer"] > 0,
        ),
    ]


# Providers of "what waits for this user", in the order of the work (ADR 0045): each gives its
# lines only to a user with the capability to act on them.
WAITING: tuple[Provider, ...] = (
    _village_waiting,
    _verifier_waiting,
    _bpjs_waiting,
    _finance_waiting,
    _claims_waiting,
    _complaints_waiting,
)


def waiting(*, actor: Actor, programme: Programme, today: date) -> list[Waiting]:
    """What waits for ``actor`` in ``programme``: urgent lines first, then in the work's order."""
    lines = [line for provider in WAITING for line in provider(actor, programme, today)]
    return sorted(lines, key=lambda line: not line.urgent)


@dataclass(frozen=True)
class Row:
    """One region of the level shown, with its covered workers as a share of its places."""

    region: RegionFigures
    share: int | None  # hundredths of a percent; None where the region has no places


@dataclass(frozen=True)
class Dashboard:
    programme: Programme
    month: Month
    total: RegionFigures
    rows: tuple[Row, ...]
    remaining: int | None
    over_commitment: int
    waiting: tuple[Waiting, ...] = ()
    # Satu Data 06.02.021: covered workers as a share of the regency's PBPU population, in
    # hundredths of a percent, when an operator has given the population (else None: unknown).
    population_share: int | None = None
    population: dict[str, Any] | None = None
    drilled: bool = False  # opened below the reader's own starting region: a way back is offered
    sees_regency: bool = False  # the reader's region holds the whole programme


def remaining(figures: Figures) -> int | None:
    """What is left of the budget after what was paid (sisa anggaran: pagu − realisasi)."""
    return None if figures.budget is None else figures.budget - figures.paid


def over_commitment(figures: Figures) -> int:
    """By how much the places' cost over the period exceeds the budget set (0 when it does not):
    a budget line missing for some villages, or set too low."""
    if figures.budget is None:
        return figures.committed
    return max(figures.committed - figures.budget, 0)


def share(part: int, whole: int) -> int | None:
    """``part`` of ``whole`` in hundredths of a percent, rounded half up; None when whole is 0."""
    if whole <= 0:
        return None
    return (part * 10_000 * 2 + whole) // (2 * whole)


def dashboard(
    *,
    actor: Actor,
    programme: Programme,
    month: Month,
    district: str = "",
    today: date | None = None,
) -> Dashboard:
    aggregates = programme_aggregates_cached(actor=actor, programme=programme, month=month)
    root = aggregates.regency
    # A user who works in a district or a village starts at their own region: its villages, or
    # its own figures; anyone may open one district of what they see with ``district``.
    own = actor_region(actor)
    for code in (district, str(own) if own is not None else ""):
        if code:
            try:
                root = aggregates.region(code)
                break
            except KeyError:
                continue
    population = pbpu_population(programme.regency_id)
    whole = aggregates.regency
    # The population is the regency's: the share means something only over the whole regency,
    # so a user who sees part of it (a village, a district) is not shown one.
    sees_regency = actor_region(actor) is None or str(actor_region(actor)) == whole.code
    population_share = (
        share(whole.figures.covered, int(population.get("value") or 0))
        if population and sees_regency
        else None
    )
    return Dashboard(
        programme,
        month,
        root,
        tuple(Row(r, share(r.figures.covered, r.figures.places)) for r in root.children),
        remaining(root.figures),
        over_commitment(root.figures),
        tuple(waiting(actor=actor, programme=programme, today=today or timezone.localdate())),
        population_share,
        population if population_share is not None else None,
        drilled=root.code != (str(own) if own is not None else whole.code),
        sees_regency=sees_regency,
    )

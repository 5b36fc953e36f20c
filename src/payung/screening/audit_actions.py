"""The audit actions of screening, the candidacy workflow and places (see
payung/audit/catalogue.py).

Each workflow step is written as ``candidate.<Action>`` by ``places.move`` (and the bulk
screening), so every :class:`~payung.domain.workflow.Action` has its action here, except
``merge``, which the registry declares (its merge writes it too).
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from payung.audit.catalogue import register
from payung.domain.workflow import Action

CANDIDATE = "registry.Candidate"
STATUS_BEFORE = "The candidacy's status before the step."
STATUS_AFTER = "Its status after the step."


def _step(
    action: Action, label: Promise, *, before: str = STATUS_BEFORE, after: str = STATUS_AFTER
) -> str:
    return register(
        f"candidate.{action.value}", label=label, object_type=CANDIDATE, before=before, after=after
    )


register(
    "rule_set.create",
    label=_("Eligibility rules saved"),
    object_type="screening.RuleSetVersion",
    before="The previous version's number and rules, or nothing for a programme's first rules.",
    after="The new version's number and rules.",
)
_step(Action.SUBMIT, _("Candidacy submitted to the labour office"))
_step(
    Action.SCREEN,
    _("Candidacy screened"),
    before="The candidacy's status and screening decision before (none yet).",
    after="Its status, the decision, the rules version and the findings (codes and values).",
)
_step(
    Action.RESCREEN,
    _("Candidacy screened again"),
    before="The candidacy's status and screening decision before.",
    after="Its status (sent back to screened when the decision changed), the new decision, the "
    "rules version and the findings.",
)
_step(Action.VERIFY, _("Candidacy verified"))
_step(Action.RETURN, _("Candidacy returned to the village"))
_step(Action.REJECT, _("Candidacy rejected"))
_step(
    Action.APPROVE,
    _("Candidacy approved"),
    after="Its status after and the area whose place it took.",
)
_step(
    Action.WAITLIST,
    _("Candidacy put on the waiting list"),
    after="Its status after and the area whose places are full.",
)
_step(
    Action.PROMOTE,
    _("Candidacy given a freed place"),
    after="Its status after (approved) and the area whose place it took.",
)
_step(
    Action.ENROL,
    _("Candidacy enrolled with BPJS"),
    after="Its status after (enrolled) and the number of the registration batch.",
)
_step(Action.END, _("Participation ended"))
register(
    "candidate.open",
    label=_("Candidacy opened by a verifier"),
    object_type=CANDIDATE,
    before="Nothing.",
    after="Nothing: the reading itself is recorded (a bulk approval's sample asks for it).",
)
register(
    "candidate.waitlist_reason",
    label=_("Why the candidacy waits"),
    object_type=CANDIDATE,
    before="Nothing.",
    after="The code `quota.full` with the area, its places taken and quota, and the position on "
    "the waiting list.",
)
register(
    "candidate.promotion_held",
    label=_("Freed place held back by the budget"),
    object_type=CANDIDATE,
    before="Nothing.",
    after="The area and the budget's refusal (its code and figures).",
)
register(
    "place.release",
    label=_("Place freed"),
    object_type=CANDIDATE,
    before="Nothing.",
    after="The area whose place the candidacy gave up.",
)
register(
    "programme_area.move_places",
    label=_("Places moved between areas"),
    object_type="programmes.ProgrammeArea",
    before="The area's quota and places taken before the move.",
    after="Its quota and places taken after, and the two areas (`from`, `to`).",
)

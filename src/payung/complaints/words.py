"""What the complaints pages say about a complaint's time limits, in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from payung.complaints.models import Complaint, ComplaintStatus


@dataclass(frozen=True)
class Due:
    """The time limit a complaint is waiting on: its date, and a sentence when it has passed."""

    label: str
    due: date | None
    overdue: str


def waiting_on(complaint: Complaint, today: date) -> Due:
    """The limit the complaint now waits on: taking it up (received), answering it (in
    progress), or none (answered or closed)."""
    if complaint.status == ComplaintStatus.RECEIVED:
        late = (today - complaint.respond_due).days
        text = _("Not taken up, %(days)s day(s) past the limit") % {"days": late}
        return Due(_("Take up by"), complaint.respond_due, text if late > 0 else "")
    if complaint.status == ComplaintStatus.IN_PROGRESS:
        late = (today - complaint.answer_due).days
        text = _("Not answered, %(days)s day(s) past the limit") % {"days": late}
        return Due(_("Answer by"), complaint.answer_due, text if late > 0 else "")
    return Due("", None, "")

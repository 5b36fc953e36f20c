"""Reports kept for download (issue 14 item 2, ADR 0046): a whole-regency report is built in the
background and kept, its XLSX and PDF sealed at rest with the installation's data key (a village
annex names workers). The report's figures are read, never written, by this app: what it
writes is these files and their audit rows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportFile(models.Model):
    kind = models.CharField(max_length=40)  # the builder's key (payung.reports.kept.BUILDERS)
    title = models.CharField(max_length=200)  # in the requester's language, for the list
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    params = models.JSONField(default=dict)  # codes and a year or month; never personal data
    language = models.CharField(max_length=8, default="id")
    job = models.OneToOneField(
        "jobs.Job", null=True, on_delete=models.SET_NULL, related_name="report_file"
    )
    xlsx = models.BinaryField(null=True)  # sealed; read through payung.reports.kept.kept_open
    pdf = models.BinaryField(null=True)  # sealed
    xlsx_size = models.PositiveIntegerField(default=0)
    pdf_size = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    scope_field = "region__code"
    scope_relation = "within"

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("kept report")

    def __str__(self) -> str:
        return self.title

    @property
    def ready(self) -> bool:
        return self.finished_at is not None

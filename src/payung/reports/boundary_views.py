"""The district boundaries page, /wilayah/batas/ (ADR 0047): what the regency's maps are drawn
from, the upload of a new boundary file (its source and licence stated), the uploads before, and
taking the one in use out of use, in two steps. For those who manage the regency's programmes."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods, require_POST

from payung.access.actor import actor_of
from payung.access.scope import require
from payung.domain.errors import DomainError
from payung.domain.roles import Capability
from payung.edge import confirm
from payung.edge.pages import language
from payung.programmes.selectors import programme_list
from payung.regions.boundaries import (
    MAX_BYTES,
    boundary_end,
    boundary_get,
    boundary_history,
    boundary_in_use,
    boundary_upload,
    size_refusal,
)
from payung.regions.models import Licence
from payung.reports.maps import Area, district_map

SHOWN = 20  # uploads listed


class BoundaryForm(forms.Form):
    file = forms.FileField(label=_l("Boundary file (GeoJSON)"))
    code_property = forms.CharField(
        label=_l("Property holding the district code"), max_length=60, initial="kode"
    )
    source = forms.CharField(label=_l("Source"), max_length=300)
    licence = forms.ChoiceField(label=_l("Licence"), choices=Licence.choices)
    licence_text = forms.CharField(
        label=_l("The licence in words (for “other”)"), max_length=500, required=False
    )

    def error_text(self) -> str:
        """The first field error, in the reader's language, naming its field."""
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            return f"{label}: {errors[0]}" if label else str(errors[0])
        return ""


def _regencies(request: HttpRequest) -> list[tuple[str, str]]:
    """The regencies whose programmes the user manages, by code: (code, name)."""
    seen: dict[str, str] = {}
    for programme in programme_list(user=actor_of(request)):
        seen.setdefault(programme.regency_id, programme.regency.name)
    return sorted(seen.items())


def _chosen(request: HttpRequest, regencies: list[tuple[str, str]]) -> tuple[str, str]:
    wanted = request.POST.get("regency") or request.GET.get("regency") or ""
    for code, name in regencies:
        if code == wanted:
            return code, name
    if wanted or not regencies:
        raise Http404
    return regencies[0]


@login_required
@require_http_methods(["GET", "POST"])
def boundary_page_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    require(actor, Capability.MANAGE_PROGRAMMES)
    regencies = _regencies(request)
    if not regencies:
        return render(request, "reports/boundaries.html", {"regencies": []})
    code, name = _chosen(request, regencies)
    form = BoundaryForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    error = ""
    if request.method == "POST":
        if not form.is_valid():
            error = form.error_text()
        elif (too_big := size_refusal(form.cleaned_data["file"].size)) is not None:
            error = too_big.message(language())  # refused before the file is read
        else:
            data = form.cleaned_data
            try:
                boundary = boundary_upload(
                    actor=actor,
                    regency_code=code,
                    content=data["file"].read(),
                    code_property=data["code_property"],
                    source=data["source"],
                    licence=data["licence"],
                    licence_text=data["licence_text"],
                    now=timezone.now(),
                )
            except DomainError as refusal:
                error = refusal.message(language())
            else:
                messages.success(
                    request,
                    _("The boundaries are in use: %(drawn)s districts drawn.")
                    % {"drawn": len(boundary.paths)},
                )
                return redirect(f"{reverse('boundary_page')}?regency={code}")
    in_use = boundary_in_use(code)
    preview = None
    missing: list[str] = []
    if in_use is not None:
        names = {r.code: r.name for r in in_use.regency.children.all()}
        preview = district_map(
            _("Districts of %(regency)s") % {"regency": name},
            in_use,
            [Area(c, names.get(c, c), None, names.get(c, c)) for c in sorted(in_use.paths)],
        )
        missing = [names.get(c, c) for c in in_use.missing]
    return render(
        request,
        "reports/boundaries.html",
        {
            "regencies": regencies,
            "regency": (code, name),
            "form": form,
            "error": error,
            "in_use": in_use,
            "preview": preview,
            "missing": missing,
            "history": boundary_history(actor=actor, regency_code=code)[:SHOWN],
            "max_mb": MAX_BYTES // (1024 * 1024),
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def boundary_end_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    require(actor, Capability.MANAGE_PROGRAMMES)
    regencies = dict(_regencies(request))
    boundary = boundary_get(actor=actor, pk=pk, regencies=regencies)
    if boundary is None:
        raise Http404
    back = f"{reverse('boundary_page')}?regency={boundary.regency_id}"
    kind = f"boundary-end:{boundary.pk}"
    if not confirm.has_token(request):
        return confirm.ask(
            request,
            confirm.Confirmation(
                title=_("Take the boundaries out of use"),
                summary=_(
                    "The maps of %(regency)s will show one tile per district instead of the "
                    "boundaries uploaded on %(day)s."
                )
                % {
                    "regency": regencies[boundary.regency_id],
                    "day": timezone.localtime(boundary.uploaded_at).strftime("%d-%m-%Y"),
                },
                button=_("Take out of use"),
                action_url=reverse("boundary_end", args=[boundary.pk]),
                cancel_url=back,
                details=[(_("Source"), boundary.source)],
                consequences=[_("The file stays on record; upload it again to use it again.")],
            ),
            kind,
            {"boundary": boundary.pk},
        )
    if confirm.confirmed(request, kind) != {"boundary": boundary.pk}:
        confirm.refuse(request)
        return redirect(back)
    try:
        boundary_end(actor=actor, boundary=boundary, now=timezone.now())
    except DomainError as refusal:
        messages.error(request, refusal.message(language()))
    else:
        messages.success(request, _("The boundaries are no longer in use; the maps show tiles."))
    return redirect(back)

"""What the district, reconciliation and claims reports share (issue 14 item 2): the region a
reader reports on, its name in words, the month in words, and the signature block — made by the
reader in their office, acknowledged by the head of that office.

Region words are the regions' own names (``Desa Parungpanjang``, ``Kecamatan Parungpanjang``,
``Kabupaten Bogor``): desa, kelurahan and kecamatan are the legal names, kept in every language
(``docs/glossary.md``), as the regency's name is stored with its kind.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from payung.access.actor import Actor, actor_region, actor_user
from payung.access.scope import require, scoped
from payung.domain.period import Month, month_range
from payung.domain.regions import Level, RegionCode
from payung.domain.roles import Capability, Role
from payung.edge.pages import language
from payung.programmes.models import Programme
from payung.regions.models import Region
from payung.reports.report import Signature


def programme_readable(actor: Actor, programme: Programme) -> None:
    """Refuse a reader without ``view_programmes`` (403), and answer "not found" (404) to one
    whose region does not meet the programme's (another regency's staff)."""
    require(actor, Capability.VIEW_PROGRAMMES)
    if not scoped(Programme.objects.filter(pk=programme.pk), actor).exists():
        raise Http404


def reader_region(actor: Actor, programme: Programme) -> Region:
    """The region the report is about: the reader's own when it lies inside the programme's
    regency (a village, a district), else the regency."""
    region = actor_region(actor)
    regency = RegionCode(programme.regency_id)
    code = region.code if region is not None and regency.contains(region) else regency.code
    return Region.objects.select_related("parent__parent").get(code=code)


def region_name(region: Region) -> str:
    """``Desa Parungpanjang``, ``Kelurahan Cibinong``, ``Kecamatan Parungpanjang``, or the
    regency's stored name (``Kabupaten Bogor``)."""
    if region.level == Level.VILLAGE:
        return f"{'Kelurahan' if region.is_kelurahan else 'Desa'} {region.name}"
    if region.level == Level.DISTRICT:
        return f"Kecamatan {region.name}"
    return region.name


def region_words(region: Region) -> str:
    """``Desa Parungpanjang, Kecamatan Parungpanjang, Kabupaten Bogor``."""
    parts = []
    node: Region | None = region
    while node is not None and node.level >= Level.REGENCY:
        parts.append(region_name(node))
        node = node.parent
    return ", ".join(parts)


def month_words(month: Month) -> str:
    """``Mei 2026`` in the reader's language."""
    return month_range(month, month, language())


def _role_label(role: Role) -> str:
    return role.label_en if language().startswith("en") else role.label_id


def _regency(region: Region) -> Region:
    node = region
    while node.level > Level.REGENCY and node.parent is not None:
        node = node.parent
    return node


def signature_for(actor: Actor, region: Region) -> Signature:
    """The block under a report on ``region`` (from :func:`reader_region`): made by the reader —
    their role in their office (``Operator desa, Desa Parungpanjang``; ``Verifikator Disnaker,
    Dinas Tenaga Kerja Kabupaten Bogor``) and their name — and acknowledged by the head of that
    office (the village head, the camat, the head of the labour office). An operator (the
    command line, a job) signs as the labour office, with the name left blank."""
    regency = _regency(region)
    office = _("Labour Office of %(regency)s") % {"regency": regency.name}
    user = actor_user(actor)
    if region.level == Level.VILLAGE:
        office = region_name(region)
        head = _("Head of %(village)s") % {"village": region_name(region)}
    elif region.level == Level.DISTRICT:
        office = region_name(region)
        head = _("Head of the district (camat) of %(district)s") % {"district": region.name}
    else:
        head = _("Head of the Labour Office of %(regency)s") % {"regency": regency.name}
    if user is not None and user.role:
        made_by = f"{_role_label(Role(user.role))}, {office}"
        name = str(user)
    else:
        made_by, name = office, ""
    place = region.name if region.level >= Level.DISTRICT else regency.name
    place = place.removeprefix("Kabupaten ").removeprefix("Kota ")
    return Signature(
        made_by_title=made_by, made_by_name=name, acknowledged_by_title=head, place=place
    )


__all__ = [
    "month_words",
    "programme_readable",
    "reader_region",
    "region_name",
    "region_words",
    "signature_for",
]

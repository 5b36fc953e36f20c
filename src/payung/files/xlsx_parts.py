"""The workbook parts of an .xlsx (content types, workbook, relationships) checked to lead
python-calamine and openpyxl to the same worksheets; part of the pre-scan (ADR 0015).
"""

from __future__ import annotations

import posixpath
import zipfile
from typing import Final
from xml.etree.ElementTree import Element, ParseError

from defusedxml.ElementTree import fromstring as parse_xml
from openpyxl.xml.constants import PKG_REL_NS, REL_NS, SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.constants import XLSM as XLSM_TYPE
from openpyxl.xml.constants import XLSX as XLSX_TYPE
from openpyxl.xml.constants import XLTM as XLTM_TYPE
from openpyxl.xml.constants import XLTX as XLTX_TYPE

from payung.files.sheets import Worksheet, Worksheets

STRINGS_PART: Final = "xl/sharedStrings.xml"
WORKSHEET_REL: Final = f"{REL_NS}/worksheet"
_WORKBOOK_CONTENT_TYPES: Final = (XLTM_TYPE, XLTX_TYPE, XLSM_TYPE, XLSX_TYPE)  # openpyxl's order


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _read_xml(archive: zipfile.ZipFile, name: str) -> Element | None:
    try:
        root: Element = parse_xml(archive.read(name))
    except (KeyError, ParseError, ValueError):  # ValueError: defusedxml refused a DTD
        return None
    return root


def plain_worksheets(archive: zipfile.ZipFile, names: frozenset[str]) -> Worksheets | None:
    """The worksheets openpyxl would list, if calamine is bound to find the same parts.

    openpyxl finds parts through [Content_Types].xml and reads attributes by local name;
    calamine looks members up by fixed paths, case-insensitively, and reads ``r:id`` by its
    literal name. Only where every such difference is moot is the list returned.
    """
    folded = {name.lower() for name in names}
    if len(folded) != len(archive.infolist()):
        return None  # two members whose names differ in case only, or the same name twice
    if any("\\" in name or name.startswith("/") for name in names):
        return None
    if {"xl/workbook.bin", "content.xml"} & folded:
        return None  # calamine would try to read the archive as .xlsb or .ods instead
    types = _read_xml(archive, "[Content_Types].xml")
    if types is None:
        return None
    overrides = [
        (element.get("PartName"), element.get("ContentType"))
        for element in types
        if _local(element.tag) == "Override"
    ]
    defaults = {element.get("ContentType") for element in types if _local(element.tag) == "Default"}
    # openpyxl takes the workbook and the shared strings wherever the content types say;
    # calamine always reads xl/workbook.xml and xl/sharedStrings.xml.
    workbook_part = None
    for wanted in _WORKBOOK_CONTENT_TYPES:
        workbook_part = next((part for part, kind in overrides if kind == wanted), None)
        if workbook_part is not None:
            break
    else:
        if defaults & set(_WORKBOOK_CONTENT_TYPES):
            workbook_part = "/xl/workbook.xml"
    strings_part = next((part for part, kind in overrides if kind == SHARED_STRINGS), None)
    if workbook_part != "/xl/workbook.xml":
        return None
    if strings_part is None and STRINGS_PART.lower() in folded:
        return None
    if strings_part is not None and (
        strings_part != f"/{STRINGS_PART}" or STRINGS_PART not in names
    ):
        return None

    root = _read_xml(archive, "xl/workbook.xml")
    relationships = _read_xml(archive, "xl/_rels/workbook.xml.rels")
    if root is None or relationships is None or root.tag != f"{{{SHEET_MAIN_NS}}}workbook":
        return None
    targets = _relationship_targets(relationships)
    if targets is None:
        return None
    for element in root.iter():
        for key, value in element.attrib.items():
            # 1904 dates: openpyxl and calamine read the flag from different places.
            if _local(key) == "date1904" and value not in ("", "false", "f", "0"):
                return None
    containers = [element for element in root if element.tag == f"{{{SHEET_MAIN_NS}}}sheets"]
    if len(containers) != 1:
        return None
    entries = list(containers[0])
    # calamine takes every element named "sheet", wherever it is, in document order.
    if sum(1 for element in root.iter() if _local(element.tag) == "sheet") != len(entries):
        return None
    worksheets = []
    seen: set[str] = set()
    for entry in entries:
        if entry.tag != f"{{{SHEET_MAIN_NS}}}sheet":
            return None
        locals_ = [_local(key) for key in entry.attrib]
        if len(set(locals_)) != len(locals_):
            return None  # openpyxl would keep one of two same-named attributes, calamine another
        title, state = entry.get("name"), entry.get("state", "visible")
        if not title or title in seen or state not in ("visible", "hidden", "veryHidden"):
            return None  # calamine would read the first sheet of a name, openpyxl list both
        seen.add(title)
        target = targets.get(entry.get(f"{{{REL_NS}}}id", ""))
        if target is None or target[0] != WORKSHEET_REL:
            return None  # a chartsheet, dialog or macro sheet: openpyxl decides about those
        part = _worksheet_part(target[1])
        if part is None:
            return None
        if part in names:  # openpyxl silently leaves out a sheet whose part is missing
            worksheets.append(Worksheet(title=title, sheet_state=state, part=part))
    return Worksheets(worksheets=worksheets)


def _relationship_targets(root: Element) -> dict[str, tuple[str, str]] | None:
    """Relationship id → (type, target), if both readers find the same relationship by id."""
    if root.tag != f"{{{PKG_REL_NS}}}Relationships":
        return None
    children = list(root)
    if sum(1 for element in root.iter() if _local(element.tag) == "Relationship") != len(children):
        return None
    targets: dict[str, tuple[str, str]] = {}
    for element in children:
        if element.tag != f"{{{PKG_REL_NS}}}Relationship":
            return None
        if any(key.startswith("{") for key in element.attrib):
            return None
        rel_id = element.get("Id")
        if not rel_id or rel_id in targets:
            return None  # openpyxl takes the first of two equal ids, calamine the last
        if element.get("TargetMode") is None:
            targets[rel_id] = (element.get("Type", ""), element.get("Target", ""))
    return targets


def _worksheet_part(target: str) -> str | None:
    """The zip member of a worksheet relationship's target, if both readers resolve it so.

    openpyxl joins a relative target to xl/ and normalises it; calamine only prefixes it, and
    tells a worksheet from other sheets by the folder.
    """
    if target.startswith("/"):
        part = target[1:]
    elif target.startswith("xl/") or posixpath.normpath(f"xl/{target}") != f"xl/{target}":
        return None
    else:
        part = f"xl/{target}"
    return part if part.startswith("xl/worksheets/") else None

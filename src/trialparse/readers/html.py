"""HTML pages of a record: label/value tables (`th`/`td`), definition lists (`dt`/`dd`).

Built on the classic ClinicalTrials.gov archive pages ("View of NCT… on date": rows of a label
cell and a value cell, section rows, paragraph rows under a lone label), and on any page that
states a record as label/value pairs. Labels go through the shared `page_labels` table and values
through `labels`, as in the text reader; the result is the v2 JSON shape handed to the one v2
mapping. The markup is read with lxml's HTML parser (network off); no regex touches the markup.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from ..errors import MalformedRecord
from ..model.enums import (
    Allocation,
    InterventionModel,
    InterventionType,
    Masking,
    PrimaryPurpose,
    SecondaryIdType,
)
from ..model.study import Study
from .base import RawRecord
from .ctgov_json import build_study
from .detect import decode_text
from .labels import first_known, fold, phases_from_display, to_v2
from .page_labels import field_of
from .text import _TextReader

__all__ = ["read", "read_html"]

_PARSER = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dd",
        "dt",
    }
)
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_TYPE_IN_PARENS = re.compile(
    r"^(?P<value>.*?)\s*\((?P<type>Actual|Anticipated|Estimated|Expected)\)\s*$", re.I
)
_PREFIXED_NAME = re.compile(r"^(?P<type>[A-Za-z ]+?):\s*(?P<name>.+)$")
_OUTCOME = re.compile(
    r"Measure:\s*(?P<measure>.*?)(?:\s*Time Frame:\s*(?P<frame>.*?))?(?:\s*Safety Issue\?.*?)?(?:\s*Description:\s*(?P<description>.*))?$",
    re.S,
)
_ARM = re.compile(
    r"Arm Label:\s*(?P<label>.*?)\s{2,}(?P<type>[A-Z][A-Za-z ]+?)(?:\s{2,}(?P<description>.*))?$",
    re.S,
)
_ARCHIVE_LABELS = {
    # archive pages: "ClinicalTrials Identifier:", "Updated: 2014_06_08"
    "clinicaltrials identifier": "nct_id",
    "updated": "last_updated",
    "organization study id": "org_study_id",
    "expected enrollment": "enrollment",
    "end date": "completion_date",
}


def _text(element: etree._Element) -> str:
    """An element's text with line breaks where blocks and <br> break it, spaces collapsed."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if tag == "li":
            parts.append("- ")
        if node.text and tag not in ("script", "style"):
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCK_TAGS:
            parts.append("\n")

    walk(element)
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(parts).splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _pairs(root: etree._Element) -> list[tuple[str, str]]:
    """(label, value) pairs of the page in document order; section rows give ("", title)."""
    pairs: list[tuple[str, str]] = []
    pending_label: str | None = None
    for node in root.iter("tr", "dt", "dd"):
        if node.tag == "dt":
            pending_label = _text(node)
            continue
        if node.tag == "dd":
            pairs.append((pending_label or "", _text(node)))
            pending_label = None
            continue
        cells = [cell for cell in node if cell.tag in ("th", "td")]
        if not cells:
            continue
        if len(cells) >= 2 and (cells[0].tag == "th" or len(cells) == 2):
            pairs.append((_text(cells[0]), _text(cells[1])))
            pending_label = None
        elif len(cells) == 1 and cells[0].tag == "th":
            if pending_label is not None:
                pairs.append(("", pending_label))  # a section title row
            pending_label = _text(cells[0])
        elif len(cells) == 1 and pending_label is not None:
            pairs.append((pending_label, _text(cells[0])))
            pending_label = None
    if pending_label is not None:
        pairs.append(("", pending_label))
    return pairs


class _HtmlReader(_TextReader):
    """Maps label/value pairs; shares value handling with the text reader."""

    def __init__(self, root: etree._Element, path: str | None) -> None:
        super().__init__("", path)
        self.root = root
        self.raw = RawRecord(data={}, format="html", path=path)

    def map_pairs(self) -> RawRecord:
        pairs = _pairs(self.root)
        design = self.module("designModule")
        sponsors = self.module("sponsorCollaboratorsModule")
        identification = self.module("identificationModule")
        description = self.module("descriptionModule")
        arms_module = self.module("armsInterventionsModule")
        outcomes = self.module("outcomesModule")
        for label, value in pairs:
            if not label:
                continue  # a section title row
            self.recognised = True
            key = fold(label)
            value = value.strip()
            if not value:
                continue
            field = _ARCHIVE_LABELS.get(key) or field_of(label)
            if key == "brief summary":
                description["briefSummary"] = value
            elif key == "detailed description":
                description["detailedDescription"] = value
            elif key in ("condition", "conditions"):
                self.module("conditionsModule").setdefault("conditions", []).append(value)
            elif key in ("keyword", "keywords"):
                self.module("conditionsModule").setdefault("keywords", []).append(value)
            elif key == "study design":
                self.design_value(design, value, label)
            elif key in ("primary outcome", "secondary outcome", "other outcome"):
                match = _OUTCOME.match(value)
                entry: dict[str, Any] = {"measure": value}
                if match is not None:
                    entry = {"measure": match["measure"].strip()}
                    if match["frame"]:
                        entry["timeFrame"] = match["frame"].strip()
                    if match["description"]:
                        entry["description"] = match["description"].strip()
                list_key = key.split()[0] + "Outcomes"
                outcomes.setdefault(list_key, []).append(entry)
            elif key in ("intervention", "interventions"):
                self.intervention(arms_module, value)
            elif key in ("arm group", "arm"):
                match = _ARM.match(value)
                arm: dict[str, Any] = {"label": value}
                if match is not None:
                    arm = {
                        "label": match["label"].strip(),
                        "type": match["type"].strip().upper().replace(" ", "_"),
                    }
                    if match["description"]:
                        arm["description"] = match["description"].strip()
                arms_module.setdefault("armGroups", []).append(arm)
            elif key == "criteria":
                self.module("eligibilityModule")["eligibilityCriteria"] = value
            elif key == "sponsor":
                sponsors["leadSponsor"] = {"name": value}
            elif key == "collaborator":
                sponsors.setdefault("collaborators", []).append({"name": value})
            elif key == "secondary id":
                match = _TYPE_IN_PARENS.match(value) or re.match(
                    r"^(?P<value>.*?)\s*\((?P<type>[^()]*)\)\s*$", value
                )
                entry = {"id": value}
                if match is not None:
                    entry = {
                        "id": match["value"].strip(),
                        "type": to_v2(SecondaryIdType, match["type"].strip()),
                    }
                identification.setdefault("secondaryIdInfos", []).append(entry)
            elif field == "org_study_id":
                identification["orgStudyIdInfo"] = {"id": value}
            elif field == "last_updated":
                self.set_field(field, value.replace("_", "-"), label)
            elif field in ("start_date", "primary_completion_date", "completion_date"):
                match = _TYPE_IN_PARENS.match(value)
                self.set_field(field, match["value"] if match else value, label)
                if match is not None:
                    struct_key = {
                        "start_date": "startDateStruct",
                        "primary_completion_date": "primaryCompletionDateStruct",
                        "completion_date": "completionDateStruct",
                    }[field]
                    struct = self.module("statusModule").get(struct_key)
                    if struct is not None:
                        date_type = match["type"].lower()
                        struct["type"] = "ACTUAL" if date_type == "actual" else "ESTIMATED"
            elif field == "phases":
                # archive pages give one row per phase
                known = design.setdefault("phases", [])
                known.extend(p for p in phases_from_display(value) if p not in known)
            elif field is not None:
                self.set_field(field, value, label)
            else:
                self.raw.keep(f"html:{label.strip().rstrip(':')}", value)
        for name in ("designModule", "sponsorCollaboratorsModule", "outcomesModule"):
            if not self.protocol.get(name):
                self.protocol.pop(name, None)
        if not self.recognised:
            raise MalformedRecord(
                "no label/value pairs of a record page found",
                record_id=self.raw.path,
                location="html",
            )
        return self.result()

    @staticmethod
    def design_value(design: dict[str, Any], value: str, label: str) -> None:
        """Archive pages list design facts one per row ("Randomized", "Double Blind", ...)."""
        info = design.setdefault("designInfo", {})
        for key, enum_type in (
            ("allocation", Allocation),
            ("interventionModel", InterventionModel),
            ("primaryPurpose", PrimaryPurpose),
        ):
            found = first_known(enum_type, [value])
            if found is not None and key not in info:
                info[key] = found
                return
        masking = first_known(Masking, [value])
        if masking is not None:
            info["maskingInfo"] = {"masking": masking}

    def intervention(self, module: dict[str, Any], value: str) -> None:
        # "Drug: Prednisone 5 mg/day      Arm Label: 5 mg Prednisone"
        head, _, arms = value.partition("Arm Label:")
        match = _PREFIXED_NAME.match(head.strip())
        entry: dict[str, Any] = {"name": head.strip()}
        if match is not None:
            entry = {"type": to_v2(InterventionType, match["type"]), "name": match["name"].strip()}
        # each "Arm Label:" part is the label, then (after a blank line) what the arm receives
        labels: list[str] = []
        for part in arms.split("Arm Label:"):
            label, _, received = part.strip().partition("\n\n")
            if label:
                labels.append(label.strip())
                if received.strip():
                    entry.setdefault("description", received.strip())
        if labels:
            entry["armGroupLabels"] = labels
        module.setdefault("interventions", []).append(entry)


def read_html(content: bytes | str, *, path: str | None = None) -> RawRecord:
    """The v2-shaped record of an HTML page, with what could not be placed in extras."""
    text = decode_text(content) if isinstance(content, bytes) else content
    text = text.replace("\x00", "")
    if not text.strip():
        raise MalformedRecord("empty HTML page", record_id=path, location="html")
    try:
        root = lxml_html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise MalformedRecord(f"not HTML: {exc}", record_id=path, location="html") from None
    return _HtmlReader(root, path).map_pairs()


def read(content: bytes | str | dict[str, Any], *, path: str | None = None) -> Study:
    """Read an HTML page of a record into a `Study`."""
    if isinstance(content, dict):
        raise MalformedRecord("an HTML page is text, not a JSON object", record_id=path)
    return build_study(read_html(content, path=path))

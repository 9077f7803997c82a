"""EU Clinical Trials Register protocol pages (``clinicaltrialsregister.eu/ctr-search/trial/...``).

A page lists the protocol's numbered fields of sections A-P as table rows (code, label, value):
``A.3 | Full title of the trial | ...``, ``E.7.3 | Therapeutic confirmatory (Phase III) | Yes``.
Repeated blocks (sponsors, IMPs) are headed by rows such as ``B.Sponsor: 1`` and ``D.IMP: 2``.
`_FIELDS` names the v2 place of each code; the page is mapped into the v2 JSON shape and through
the one v2 mapping. Every other field is kept in `Study.extras` under ``<code> <label>``, with a
warning. The record's own ID is the EudraCT number with the member state (``2005-002909-23-PT``,
``-3RD`` for trials outside the EU/EEA).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any, Final

from lxml import etree

from ..errors import MalformedRecord, TrialParseError
from ..model.enums import AgeUnit
from ..model.registry_ids import classify_id
from ..model.study import Format, Study
from ..model.values import Age
from ._html_rows import RowStream
from .base import RawRecord
from .ctgov_json import build_study
from .html import page_bytes, page_tree
from .labels import fold
from .values import (
    EU_DESIGN,
    NO_VALUE,
    registry_date,
    registry_phases,
    registry_status,
    sex_of,
    space_marker,
)

__all__ = ["read"]

FORMAT: Format = "euctr-html"
_NOT_GIVEN: Final = NO_VALUE | {"information not present in eudract"}

# Member states as A.1 names them ("Portugal - INFARMED") → the suffix of the record's ID.
_MEMBER_STATES: Final[dict[str, str]] = {
    "austria": "AT",
    "belgium": "BE",
    "bulgaria": "BG",
    "croatia": "HR",
    "cyprus": "CY",
    "czech republic": "CZ",
    "czechia": "CZ",
    "denmark": "DK",
    "estonia": "EE",
    "finland": "FI",
    "france": "FR",
    "germany": "DE",
    "greece": "GR",
    "hungary": "HU",
    "iceland": "IS",
    "ireland": "IE",
    "italy": "IT",
    "latvia": "LV",
    "liechtenstein": "LI",
    "lithuania": "LT",
    "luxembourg": "LU",
    "malta": "MT",
    "netherlands": "NL",
    "norway": "NO",
    "poland": "PL",
    "portugal": "PT",
    "romania": "RO",
    "slovakia": "SK",
    "slovenia": "SI",
    "spain": "ES",
    "sweden": "SE",
    "united kingdom": "GB",
}

# F.1 age groups (folded label) → (lowest age, highest age) of the group; None: open.
_AGE_GROUPS: Final[dict[str, tuple[Age | None, Age | None]]] = {
    "in utero": (None, Age.of(0, AgeUnit.DAYS)),
    "preterm newborn infants up to gestational age 37 weeks": (
        Age.of(0, AgeUnit.DAYS),
        Age.of(27, AgeUnit.DAYS),
    ),
    "newborns 0 27 days": (Age.of(0, AgeUnit.DAYS), Age.of(27, AgeUnit.DAYS)),
    "infants and toddlers 28 days 23 months": (
        Age.of(28, AgeUnit.DAYS),
        Age.of(23, AgeUnit.MONTHS),
    ),
    "children 2 11years": (Age.of(2, AgeUnit.YEARS), Age.of(11, AgeUnit.YEARS)),
    "adolescents 12 17 years": (Age.of(12, AgeUnit.YEARS), Age.of(17, AgeUnit.YEARS)),
    "adults 18 64 years": (Age.of(18, AgeUnit.YEARS), Age.of(64, AgeUnit.YEARS)),
    "elderly 65 years": (Age.of(65, AgeUnit.YEARS), None),
}

# E.6 scope rows and what a "Yes" sets (the E.8.1 design rows: `values.EU_DESIGN`).
_YES_SETS: Final[dict[str, tuple[str, str]]] = {
    "E.6.1": ("primaryPurpose", "DIAGNOSTIC"),
    "E.6.2": ("primaryPurpose", "PREVENTION"),
    "E.6.3": ("primaryPurpose", "TREATMENT"),
}
_PHASE_CODES: Final = frozenset({"E.7.1", "E.7.2", "E.7.3", "E.7.4"})
_ID_CODES: Final = frozenset({"A.5.1", "A.5.2", "A.5.3", "A.5.4"})
# Codes whose value is a plain text field of the v2 shape: (module, key).
_TEXT_FIELDS: Final[dict[str, tuple[str, str]]] = {
    "A.3": ("identificationModule", "officialTitle"),
    "A.3.1": ("identificationModule", "briefTitle"),
    "A.3.2": ("identificationModule", "acronym"),
    "E.2.1": ("descriptionModule", "briefSummary"),
}
_SPONSOR_CLASS: Final = {"commercial": "INDUSTRY", "non commercial": "OTHER"}
# Summary rows read (the others repeat numbered fields or are kept in extras).
_SUMMARY_MAPPED: Final = frozenset(
    {
        "trial status",
        "date on which this record was first entered in the eudract database",
        "clinical trial type",
        "eudract number",
        "sponsor s protocol code number",
        "national competent authority",
        "trial results",
    }
)
_GROUP = re.compile(r"([A-Z])\.(Sponsor|IMP)\s*:\s*(\d+)")


_BREAKS: Final = frozenset({"br", "tr", "p", "li", "div"})


def _text(cell: etree._Element) -> str:
    """A cell's text with line breaks where the page breaks lines; blanks collapsed per line."""
    parts: list[str] = []
    for event, node in etree.iterwalk(cell, events=("start", "end")):
        if event == "start":
            if node.tag in _BREAKS:
                parts.append("\n")
            if node.text:
                parts.append(node.text)
        elif node is not cell and node.tail:
            parts.append(node.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


_MARKER_KIND = re.compile(r"(?P<num>\d{1,3}[.)])|(?P<alpha>[a-z][.)])(?=\s)|(?P<bullet>[-•*·])")


def _marker_kind(line: str) -> str | None:
    match = _MARKER_KIND.match(line)
    if match is None:
        return None
    kind = match.lastgroup or ""
    return f"bullet {match[0]}" if kind == "bullet" else kind


def _criteria_layout(text: str) -> str:
    """Criteria of E.3/E.4 as a list the criteria splitter reads as the page shows it.

    The page writes markers without their space ("-Patient has", "•Body weight") and puts
    the items a line ending in ":" introduces right below it ("Effective contraception
    methods include:" and its "•" items): those items are indented under their introduction.
    Lines without a marker continue the item above.
    """
    intros: list[str | None] = []
    out: list[str] = []
    for raw_line in text.split("\n"):
        line = space_marker(raw_line.strip())
        if not line:
            continue
        kind = _marker_kind(line)
        opens = line.endswith(":")
        if kind is None and opens:
            intros = []
        while intros and kind is not None and intros[-1] == kind:
            intros.pop()
        out.append("  " * len(intros) + line)
        if opens:
            intros.append(kind)
    return "\n".join(out)


def _given(value: str | None) -> str | None:
    if value is None or fold(value) in _NOT_GIVEN:
        return None
    return value


def _yes(value: str) -> bool | None:
    folded = fold(value)
    return True if folded == "yes" else False if folded == "no" else None


class _Page:
    """One page's mapping into the v2 shape."""

    def __init__(self, path: str | None) -> None:
        self.raw = RawRecord(data={}, format=FORMAT, registry="euctr", path=path)
        self.modules: dict[str, dict[str, Any]] = {}
        self.summary: dict[str, str] = {}
        self.sponsors: list[dict[str, str]] = []
        self.imps: list[dict[str, str]] = []
        self.contact: dict[str, str] = {}
        self.design: dict[str, str] = {}
        self.phases: list[str] = []
        self.ages: list[tuple[Age | None, Age | None]] = []
        self.sex: dict[str, bool] = {}
        self.criteria: dict[str, str] = {}
        self.outcomes: dict[str, list[dict[str, str]]] = {"primary": [], "secondary": []}
        self.counts: dict[str, int] = {}
        self.ids: list[str] = []
        self.conditions: list[str] = []

    def module(self, name: str) -> dict[str, Any]:
        return self.modules.setdefault(name, {})

    def rows(self, trs: Iterable[etree._Element]) -> list[tuple[str | None, str, str, str]]:
        """(group, code, label, value) of every numbered row of `trs` (the page's rows in
        page order)."""
        found: list[tuple[str | None, str, str, str]] = []
        group: str | None = None
        section = ""  # a "B.Sponsor: 2" block holds the B rows below it, "D.IMP: 1" the D rows
        for row in trs:
            cells = [cell for cell in row if cell.tag in ("td", "th")]
            classes = [str(cell.get("class") or "") for cell in cells]
            if len(cells) == 1 and "cellBlue" in classes[0]:
                match = _GROUP.match(_text(cells[0]))
                if match:
                    group, section = f"{match[2]}[{match[3]}]", match[1]
                continue
            if len(cells) == 2 and classes[0].startswith("cellGrey"):
                key = fold(_text(cells[0]))
                self.summary[key] = _text(cells[1])
                continue
            if len(cells) == 3 and classes[0] == "first":
                code = _text(cells[0])
                in_group = group if code.startswith(f"{section}.") else None
                found.append((in_group, code, _text(cells[1]), _text(cells[2])))
        return found

    def run(self, rows: list[tuple[str | None, str, str, str]]) -> tuple[RawRecord, str | None]:
        """The page's record from its `rows`, and its own ID."""
        if not rows:
            raise MalformedRecord(
                "an EU CTR page with no numbered protocol fields (A.1, A.2, ...)",
                record_id=self.raw.path,
                location="html",
            )
        eudract: str | None = None
        member_state: str | None = None
        for group, code, label, value in rows:
            if code == "A.2":
                eudract = _given(value)
            elif code == "A.1":
                member_state = value
            self.row(group, code, label, value)
        for key, value in self.summary.items():
            if key == "eudract number" and eudract is None:
                eudract = _given(value)
            elif key not in _SUMMARY_MAPPED and _given(value):
                self.raw.keep(f"Summary {key}", value)
        self.finish()
        return self.raw, _record_id(eudract, member_state, self.summary.get("clinical trial type"))

    def row(self, group: str | None, code: str, label: str, value: str) -> None:
        given = _given(value)
        yes = _yes(value)
        if code in _TEXT_FIELDS:
            module, key = _TEXT_FIELDS[code]
            if given:
                self.module(module).setdefault(key, given.replace("\n", " "))
        elif code == "A.4.1" and given:
            self.module("identificationModule")["orgStudyIdInfo"] = {"id": given}
        elif code in _ID_CODES:
            self.ids.extend(
                part.strip() for part in re.split(r"[;,\n]", given or "") if part.strip()
            )
        elif code in ("A.1", "A.2"):
            pass
        elif group and group.startswith("Sponsor") and code in ("B.1.1", "B.3.1 and B.3.2"):
            index = int(group.split("[")[1].rstrip("]")) - 1
            while len(self.sponsors) <= index:
                self.sponsors.append({})
            self.sponsors[index]["name" if code == "B.1.1" else "class"] = value
        elif code in ("B.5.2", "B.5.4", "B.5.6") and given:
            self.contact[{"B.5.2": "name", "B.5.4": "phone", "B.5.6": "email"}[code]] = given
        elif group and group.startswith("IMP") and code in ("D.3.1", "D.2.1.1.1", "D.3.8"):
            index = int(group.split("[")[1].rstrip("]")) - 1
            while len(self.imps) <= index:
                self.imps.append({})
            if given:
                self.imps[index].setdefault(code, given)
            self.keep_row(group, code, label, value)
        elif code in ("E.1.1", "E.1.1.1") or (code == "E.1.2" and fold(label) == "term"):
            if given and given not in self.conditions:
                self.conditions.append(given.replace("\n", " "))
        elif code in ("E.3", "E.4"):
            if given:
                self.criteria[code] = _criteria_layout(given)
        elif code in ("E.5.1", "E.5.2") and given:
            self.outcomes["primary" if code == "E.5.1" else "secondary"].append({"measure": given})
        elif code in ("E.5.1.1", "E.5.2.1") and given:
            kind = "primary" if code == "E.5.1.1" else "secondary"
            if self.outcomes[kind]:
                self.outcomes[kind][-1]["timeFrame"] = given
        elif code in _PHASE_CODES:
            if yes:
                self.phases.extend(registry_phases(f"{label}: yes"))
        elif code in _YES_SETS and yes:
            self.design.setdefault(*_YES_SETS[code])
        elif code.startswith("E.8.1.") and fold(label) in EU_DESIGN and yes is not None:
            if yes:
                self.design.setdefault(*EU_DESIGN[fold(label)])
            elif fold(label) == "randomised":
                self.design.setdefault("allocation_no", "NON_RANDOMIZED")
        elif code == "E.8.1" and yes is False:
            # an uncontrolled trial has one arm: v2 writes its allocation as NA
            self.design["allocation_no"] = "NA"
        elif code.startswith("F.1.") and fold(label) in _AGE_GROUPS:
            if yes:
                self.ages.append(_AGE_GROUPS[fold(label)])
        elif code in ("F.2.1", "F.2.2") and yes is not None:
            self.sex[fold(label)] = yes
        elif code == "F.3.1" and yes is not None:
            self.module("eligibilityModule")["healthyVolunteers"] = yes
        elif code in ("F.4.1", "F.4.2.2") and given and given.isdigit():
            self.counts[code] = int(given)
            if code == "F.4.1":
                self.keep_row(group, code, label, value)
        elif code == "P." and fold(label) == "end of trial status" and given:
            self.summary["p status"] = given
        elif code == "P." and fold(label).startswith("date of the global end") and given:
            iso = registry_date(given)
            if iso:
                self.module("statusModule")["completionDateStruct"] = {"date": iso}
            else:
                self.keep_row(group, code, label, value)
        else:
            self.keep_row(group, code, label, value)

    def keep_row(self, group: str | None, code: str, label: str, value: str) -> None:
        if not _given(value) and not value:
            return
        key = f"{code} {label}".strip()
        if group:
            key = f"{group} {key}"
        if key in self.raw.extras:
            key = f"{key} ({len(self.raw.extras)})"
        self.raw.keep(key, value)

    def finish(self) -> None:
        ident = self.module("identificationModule")
        if "briefTitle" not in ident and "officialTitle" in ident:
            ident["briefTitle"] = ident["officialTitle"]
        secondary: list[dict[str, str]] = []
        for text in self.ids:
            found = classify_id(text)
            if found is not None and found.registry == "ctgov":
                ident.setdefault("nctId", found.id)
            secondary.append({"id": text})
        if secondary:
            ident["secondaryIdInfos"] = secondary
        status = self.module("statusModule")
        word = self.summary.get("p status") or self.summary.get("trial status")
        if word:
            status["overallStatus"] = registry_status(word)
        entered = registry_date(self.summary.get(_ENTERED, ""))
        if entered:
            status["studyFirstSubmitDate"] = entered
        sponsors = [s for s in self.sponsors if _given(s.get("name"))]
        if sponsors:
            organisations = [
                {
                    key: value
                    for key, value in (
                        ("name", s["name"]),
                        ("class", _SPONSOR_CLASS.get(fold(s.get("class", "")))),
                    )
                    if value
                }
                for s in sponsors
            ]
            module = self.module("sponsorCollaboratorsModule")
            module["leadSponsor"] = organisations[0]
            if organisations[1:]:
                module["collaborators"] = organisations[1:]
        if self.contact:
            self.module("contactsLocationsModule")["centralContacts"] = [self.contact]
        if self.conditions:
            self.module("conditionsModule")["conditions"] = self.conditions
        design = self.module("designModule")
        design["studyType"] = "INTERVENTIONAL"  # the register holds trials of medicinal products
        design["phases"] = list(dict.fromkeys(self.phases))
        info: dict[str, Any] = {}
        allocation = self.design.get("allocation") or self.design.get("allocation_no")
        if allocation:
            info["allocation"] = allocation
        for key in ("interventionModel", "primaryPurpose"):
            if key in self.design:
                info[key] = self.design[key]
        if "masking" in self.design:
            info["maskingInfo"] = {"masking": self.design["masking"]}
        if info:
            design["designInfo"] = info
        count = self.counts.get("F.4.2.2", self.counts.get("F.4.1"))
        if count is not None:
            design["enrollmentInfo"] = {"count": count, "type": "ESTIMATED"}
        interventions = []
        for imp in self.imps:
            name = imp.get("D.3.1") or imp.get("D.2.1.1.1") or imp.get("D.3.8")
            if name:
                interventions.append({"name": name, "type": "DRUG"})
        if interventions:
            self.module("armsInterventionsModule")["interventions"] = interventions
        outcomes = self.module("outcomesModule")
        for kind, key in (("primary", "primaryOutcomes"), ("secondary", "secondaryOutcomes")):
            if self.outcomes[kind]:
                outcomes[key] = self.outcomes[kind]
        eligibility = self.module("eligibilityModule")
        blocks = [
            f"{heading} Criteria:\n\n{self.criteria[code]}"
            for code, heading in (("E.3", "Inclusion"), ("E.4", "Exclusion"))
            if code in self.criteria
        ]
        if blocks:
            eligibility["eligibilityCriteria"] = "\n\n".join(blocks)
        sex = sex_of(self.sex.get("female", False), self.sex.get("male", False))
        if sex:
            eligibility["sex"] = sex
        if self.ages:
            lows = [low for low, _ in self.ages]
            highs = [high for _, high in self.ages]
            low = None if None in lows else min((a for a in lows if a), key=_years)
            high = None if None in highs else max((a for a in highs if a), key=_years)
            if low is not None and low.in_years > 0:
                eligibility["minimumAge"] = low.to_ctgov()
            if high is not None:
                eligibility["maximumAge"] = high.to_ctgov()
        if fold(self.summary.get("trial results", "")) == "view results":
            self.raw.data["hasResults"] = True
        self.raw.data["protocolSection"] = {
            key: value for key, value in self.modules.items() if value
        }


_ENTERED = "date on which this record was first entered in the eudract database"


def _years(age: Age) -> float:
    return age.in_years


def _record_id(eudract: str | None, member_state: str | None, trial_type: str | None) -> str | None:
    if eudract is None:
        return None
    found = classify_id(eudract)
    number = found.trial_id if found is not None and found.registry == "euctr" else eudract
    if member_state:
        code = _MEMBER_STATES.get(fold(member_state.split(" - ")[0]))
        if code:
            return f"{number}-{code}"
    if trial_type and "outside" in fold(trial_type):
        return f"{number}-3RD"
    return number


_EUDRACT = re.compile(rb"\b(\d{4}-\d{6}-\d{2})\b")


def _named(exc: TrialParseError, content: bytes | str, path: str | None) -> TrialParseError:
    """`exc` naming the page's EudraCT number when the head of the page holds one."""
    head = content[:65536]
    found = _EUDRACT.search(head.encode("utf-8", "replace") if isinstance(head, str) else head)
    if found is None or exc.record_id not in (None, path):
        return exc
    named = copy.copy(exc)
    TrialParseError.__init__(named, exc.message, record_id=found[1].decode(), location=exc.location)
    return named


def read(content: bytes | str | dict[str, Any], *, path: str | None = None) -> Study:
    """Read an EU Clinical Trials Register protocol page into a `Study`."""
    if isinstance(content, dict):
        raise MalformedRecord("an HTML page is text, not a JSON object", record_id=path)
    try:
        return _read(content, path)
    except TrialParseError as exc:
        raise _named(exc, content, path) from None


def _read(content: bytes | str, path: str | None) -> Study:
    data, replaced = page_bytes(content, path)
    page = _Page(path)
    stream = RowStream(data, path, ("tr",))
    try:
        rows = page.rows(stream)
    except MalformedRecord:
        stream.cut = True  # the tree's parse reports it
    if stream.cut:  # read from the page's tree: it reads the page whole, or refuses it
        page = _Page(path)
        rows = page.rows(page_tree(content, path)[0].iter("tr"))
    del data, stream
    raw, registry_id = page.run(rows)
    raw.replaced_bytes(replaced)
    study = build_study(raw)
    study.registry_id = registry_id
    return study

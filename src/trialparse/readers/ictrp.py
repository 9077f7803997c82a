"""WHO ICTRP "Export results to XML" files (``<Trials_downloaded_from_ICTRP>``) into `Study`s.

An export holds one ``<Trial>`` per trial, from any of the registries ICTRP gathers; each value
is written in its source registry's words (`values` reads them). A one-trial file is a
record (`read`); a file of many trials is a container (`iter_trials`, and `trialparse batch`).
Each trial is mapped into the v2 JSON shape and through the one v2 mapping; the fields with no
v2 place (ethics reviews, ICTRP's own bookkeeping, contact affiliations, ...) are kept in
`Study.extras` under ``Trial/<element>``, with a warning.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterator
from typing import Any, Final

from lxml import etree

from ..errors import MalformedRecord, TrialParseError, WarningCode
from ..model.enums import Allocation, InterventionModel, InterventionType, Masking, PrimaryPurpose
from ..model.registry_ids import classify_id, find_ids
from ..model.study import Format, ParseWarning, Study
from ._xml import attributes, parse_xml, record_name
from .base import RawRecord
from .ctgov_json import build_study
from .labels import first_known, fold
from .values import (
    EU_DESIGN,
    NO_VALUE,
    registry_age,
    registry_count,
    registry_date,
    registry_phases,
    registry_sex,
    registry_status,
    registry_study_type,
    space_marker,
    yes_no_pairs,
)

__all__ = ["ROOT", "iter_trials", "read", "read_trial", "registry_of_source", "trial_results"]

FORMAT: Format = "ictrp-xml"
ROOT: Final = "Trials_downloaded_from_ICTRP"
_TRIAL = "Trial"

# <Source_Register> names (folded) → `Study.registry`, as seen in the export and in ICTRP's
# list of its data providers.
_SOURCE_REGISTERS: Final[dict[str, str]] = {
    "clinicaltrials gov": "ctgov",
    "eu clinical trials register": "euctr",
    "clinical trials information system": "ctis",
    "jprn": "jprn",
    "german clinical trials register": "drks",
    "drks": "drks",
    "nl omon": "nl-omon",
    "netherlands trial register": "nl-omon",
    "chictr": "chictr",
    "cris": "cris",
    "isrctn": "isrctn",
    "anzctr": "anzctr",
    "australian new zealand clinical trials registry": "anzctr",
    "ctri": "ctri",
    "irct": "irct",
    "pactr": "pactr",
    "tctr": "tctr",
    "slctr": "slctr",
    "rebec": "rebec",
    "itmctr": "itmctr",
    "lbctr": "lbctr",
    "rpcec": "rpcec",
}
# <Countries> lists regions too (jRCT: "Asia except Japan"); they are no location's country.
_REGIONS: Final = frozenset(
    {
        "asia except japan",
        "north america",
        "south america",
        "europe",
        "oceania",
        "africa",
        "asia",
        "middle east",
    }
)
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z]+)[^>]*>")
_BLOCK_TAGS = frozenset({"br", "p", "li", "div"})
_BLANK_LINES = re.compile(r"\n{3,}")
# CT.gov rows: "Drug: Revusiran (ALN-TTRSC)"; KCT rows: "Radiation : radiopharmaceutical ..."
_TYPED_INTERVENTION = re.compile(
    r"(Drug|Device|Biological|Procedure|Radiation|Behavioral|Genetic|Dietary Supplement"
    r"|Combination Product|Diagnostic Test|Other)\s*:\s*(\S.*)",
    re.IGNORECASE | re.DOTALL,
)
# <Study_design> of CT.gov rows ("Allocation: Randomized. Intervention model: ...") and of
# CRIS rows ("Primary Purpose : Diagnosis, Intervention Model : Others, ...").
_DESIGN_PAIR = re.compile(
    r"(allocation|intervention model|primary purpose|blinding/masking|masking)\s*:\s*"
    r"([^.;,(]*(?:\([^)]*\))?)",
    re.IGNORECASE,
)
_DESIGN_FIELDS: Final[dict[str, tuple[str, Any]]] = {
    "allocation": ("allocation", Allocation),
    "intervention model": ("interventionModel", InterventionModel),
    "primary purpose": ("primaryPurpose", PrimaryPurpose),
    "masking": ("masking", Masking),
    "blinding masking": ("masking", Masking),
}
# EU CTR outcome fields are labelled parts: "Primary end point(s): ...;Timepoint(s) ...: ...".
_OUTCOME_PART = re.compile(r"\s*([A-Za-z() -]{4,60}?)\s*:\s*(.*)", re.DOTALL)
_OUTCOME_LABELS: Final[dict[str, str]] = {
    "primary end point s": "measure",
    "secondary end point s": "measure",
    "timepoint s of evaluation of this end point": "timeFrame",
    "main objective": "objective",
    "secondary objective": "objective",
}
_CRITERIA_HEADING = re.compile(r"\s*(inclusion|exclusion)\s+criteria\s*:?", re.IGNORECASE)


def _clean(text: str | None) -> str | None:
    """Markup-free text of an export value: ``<br>`` and paragraphs become line breaks."""
    if text is None:
        return None
    text = text.replace("\r", "")
    if "<" in text:
        text = _TAG.sub(lambda m: "\n" if m[2].lower() in _BLOCK_TAGS else "", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines).strip()) or None


def _one_line(text: str | None) -> str | None:
    cleaned = _clean(text)
    return " ".join(cleaned.split()) or None if cleaned else None


def _parts(text: str | None, *, split_lines: bool = False) -> list[str]:
    """The ';'-separated parts of a value (and its lines, if asked), blanks and repeats dropped."""
    cleaned = _clean(text)
    if cleaned is None:
        return []
    pieces = re.split(r"[;\n]" if split_lines else ";", cleaned)
    found: dict[str, None] = {}
    for piece in pieces:
        value = " ".join(piece.split())
        if value and fold(value) not in NO_VALUE and value != "-":
            found.setdefault(value, None)
    return list(found)


def registry_of_source(source_register: str | None, trial_id: str | None) -> str:
    """`Study.registry` of a trial: by its Source_Register, else its ID's form, else ``ictrp``."""
    if source_register:
        found = _SOURCE_REGISTERS.get(fold(source_register))
        if found:
            return found
    if trial_id:
        registry_id = classify_id(trial_id)
        if registry_id is not None:
            return registry_id.registry
    return "ictrp"


class _Trial:
    """One ``<Trial>``'s mapping into the v2 shape; what has no place goes to `raw.keep`."""

    def __init__(self, element: etree._Element, path: str | None) -> None:
        self.raw = RawRecord(data={}, format=FORMAT, path=path)
        self.modules: dict[str, dict[str, Any]] = {}
        texts: dict[str, list[str]] = {}
        # The export writes no attributes and no text between elements: any there are have no
        # v2 place and are kept.
        for name, value in attributes(element):
            self.raw.keep(f"{_TRIAL}/@{name}", value)
        strays = [element.text] if element.text and not element.text.isspace() else []
        for child in element:
            if child.tail and not child.tail.isspace():
                strays.append(child.tail)
            if not isinstance(child.tag, str):
                continue
            tag = str(child.tag)
            if len(child):
                self.raw.keep(f"{_TRIAL}/{tag}", etree.tostring(child, encoding="unicode"))
                continue
            pieces = texts.setdefault(tag, [])
            where = f"{_TRIAL}/{tag}" if not pieces else f"{_TRIAL}/{tag}[{len(pieces) + 1}]"
            for name, value in attributes(child):
                self.raw.keep(f"{where}/@{name}", value)
            pieces.append((child.text or "").strip())
        if strays:
            stray = "\n".join(piece.strip() for piece in strays)
            self.raw.keep(f"{_TRIAL}/text()", stray, "text between elements")
        # repeated elements: joined as the export joins values (once: joining one by one
        # copies the value so far each time, quadratic in the copies)
        self.values: dict[str, str] = {
            tag: pieces[0] if len(pieces) == 1 else ";".join(pieces)
            for tag, pieces in texts.items()
        }
        self.used: set[str] = {"TrialID"}
        self.trial_id = _one_line(self.values.get("TrialID"))

    # -- bookkeeping ------------------------------------------------------------------------
    def get(self, tag: str) -> str | None:
        self.used.add(tag)
        value = self.values.get(tag)
        return value if value else None

    def module(self, name: str) -> dict[str, Any]:
        return self.modules.setdefault(name, {})

    def put(self, module: str, key: str, value: Any) -> None:
        if value is not None and value != [] and value != {}:
            self.module(module)[key] = value

    def keep(self, tag: str, message: str | None = None) -> None:
        value = self.values.get(tag)
        if value:
            self.raw.keep(f"{_TRIAL}/{tag}", value, message)

    def unparsed(self, tag: str, expected: str) -> None:
        value = self.values.get(tag, "")
        self.raw.extras[f"{_TRIAL}/{tag}"] = value
        self.raw.warnings.append(
            ParseWarning(
                code=WarningCode.UNPARSED_VALUE.value,
                path=f"{_TRIAL}/{tag}",
                message=f"expected {expected}, got {value[:60]!r}; kept in extras",
            )
        )

    # -- fields -----------------------------------------------------------------------------
    def identity(self) -> tuple[str, str | None]:
        registry = registry_of_source(_one_line(self.get("Source_Register")), self.trial_id)
        own = classify_id(self.trial_id) if self.trial_id else None
        registry_id = own.id if own is not None and own.registry == registry else self.trial_id
        secondary = _parts(self.get("Secondary_ID"))
        nct_id = registry_id if registry == "ctgov" else None
        if nct_id is None:
            nct_id = next(
                (
                    found.id
                    for text in secondary
                    for found in find_ids(text)
                    if found.registry == "ctgov"
                ),
                None,
            )
        ident = "identificationModule"
        self.put(ident, "nctId", nct_id)
        self.put(
            ident,
            "secondaryIdInfos",
            [{"id": value} for value in secondary if value != registry_id],
        )
        self.put(ident, "briefTitle", _one_line(self.get("Public_title")))
        self.put(ident, "officialTitle", _one_line(self.get("Scientific_title")))
        self.put(ident, "acronym", _one_line(self.get("Acronym")))
        return registry, registry_id

    def date(self, tag: str) -> str | None:
        text = _one_line(self.get(tag))
        if text is None:
            return None
        iso = registry_date(text)
        if iso is None:
            self.unparsed(tag, 'a date such as "08/04/2024" or "April 25, 2024"')
        return iso

    def status(self) -> None:
        status = "statusModule"
        self.put(
            status, "overallStatus", registry_status(_one_line(self.get("Recruitment_Status")))
        )
        start = self.date("Date_enrollement")
        if start is not None:
            self.put(status, "startDateStruct", {"date": start})
        # Date_registration3 ("20240408") and Date_registration ("08/04/2024") are one date.
        registered = self.date("Date_registration3")
        other = self.date("Date_registration")
        if registered is None:
            registered = other
        elif other is not None and other != registered:
            self.keep(
                "Date_registration", "a registration date that differs from Date_registration3"
            )
        self.put(status, "studyFirstSubmitDate", registered)

    def sponsors(self) -> None:
        sponsors = "sponsorCollaboratorsModule"
        lead = _one_line(self.get("Primary_sponsor"))
        if lead is not None:
            self.put(sponsors, "leadSponsor", {"name": lead})
        self.put(
            sponsors,
            "collaborators",
            [{"name": name} for name in _parts(self.get("Secondary_Sponsor"))],
        )

    def conditions(self) -> None:
        self.put("conditionsModule", "conditions", _parts(self.get("Condition"), split_lines=True))

    def design(self) -> None:
        design = "designModule"
        self.put(design, "studyType", registry_study_type(_one_line(self.get("Study_type"))))
        self.put(design, "phases", registry_phases(_clean(self.get("Phase"))))
        size = _one_line(self.get("Target_size"))
        if size is not None:
            count, exact = registry_count(size)
            if count is None:
                self.unparsed("Target_size", "a number of participants")
            else:
                self.put(design, "enrollmentInfo", {"count": count})
                if not exact:
                    self.keep("Target_size", "per-group sizes: their sum is the enrollment count")
        text = _clean(self.get("Study_design"))
        if text is None:
            return
        info: dict[str, Any] = {}
        pairs = yes_no_pairs(text)
        # EU CTR and CTIS rows: "Randomised: yes<br>Open: no<br>Double blind: yes<br>..."
        if pairs and all(":" in line for line in text.split("\n") if line):
            for label, answer in pairs:
                mapped = EU_DESIGN.get(label)
                if mapped is not None and answer:
                    info.setdefault(*mapped)
        else:
            for label, value in _DESIGN_PAIR.findall(text):
                key, enum_type = _DESIGN_FIELDS[fold(label)]
                known = first_known(enum_type, [value])
                if known is not None:
                    info.setdefault(key, known)
        masking = info.pop("masking", None)
        if masking is not None:
            info["maskingInfo"] = {"masking": masking}
        self.put(design, "designInfo", info)
        self.keep("Study_design", "design in the registry's words (the v2 parts are mapped)")

    def interventions(self) -> None:
        items: list[dict[str, Any]] = []
        for part in _parts(self.get("Intervention")):
            match = _TYPED_INTERVENTION.fullmatch(part)
            if match:
                kind = first_known(InterventionType, [match[1]])
                items.append({"type": kind, "name": match[2].strip()} if kind else {"name": part})
            else:
                items.append({"name": part})
        if items and not any("type" in item for item in items):
            # free text of one intervention (EU CTR product lists, DRKS groups): kept whole
            full = _clean(self.values.get("Intervention")) or ""
            first_line = " ".join(full.split("\n", 1)[0].split())
            items = [{"name": first_line[:200] or items[0]["name"][:200], "description": full}]
        self.put("armsInterventionsModule", "interventions", items)

    def outcomes(self) -> None:
        for tag, key in (
            ("Primary_outcome", "primaryOutcomes"),
            ("Secondary_outcome", "secondaryOutcomes"),
        ):
            outcomes: list[dict[str, str]] = []
            objectives: list[str] = []
            for part in _parts(self.get(tag)):
                match = _OUTCOME_PART.match(part)
                role = _OUTCOME_LABELS.get(fold(match[1])) if match else None
                if match is None or role is None:
                    outcomes.append({"measure": part})
                elif role == "objective":
                    objectives.append(part)
                elif role == "timeFrame" and outcomes:
                    outcomes[-1]["timeFrame"] = match[2].strip()
                elif role == "measure":
                    outcomes.append({"measure": match[2].strip()})
            self.put("outcomesModule", key, outcomes)
            if objectives:
                self.raw.keep(f"{_TRIAL}/{tag}#objectives", objectives, "objectives: no v2 field")

    def eligibility(self) -> None:
        eligibility = "eligibilityModule"
        blocks: list[str] = []
        for tag, heading in (
            ("Inclusion_Criteria", "Inclusion"),
            ("Exclusion_Criteria", "Exclusion"),
        ):
            raw = self.get(tag)
            if raw is None:
                continue
            body = _criteria_body(raw, keep_layout=self.raw.registry == "ctgov")
            match = _CRITERIA_HEADING.match(body)
            if match is not None and match[1].lower() == heading.lower():
                body = space_marker(_after_heading(body[match.end() :]))
            elif match is not None:  # CT.gov rows carry both headings in Inclusion_Criteria
                blocks.append(body)
                continue
            blocks.append(f"{heading} Criteria:\n\n{body}" if body else "")
        criteria = "\n\n".join(block for block in blocks if block)
        self.put(eligibility, "eligibilityCriteria", criteria or None)
        self.put(eligibility, "sex", registry_sex(_clean(self.get("Inclusion_gender"))))
        for tag, key, maximum in (
            ("Inclusion_agemin", "minimumAge", False),
            ("Inclusion_agemax", "maximumAge", True),
        ):
            text = _one_line(self.get(tag))
            try:
                age = registry_age(text, maximum=maximum)
            except ValueError:
                self.unparsed(tag, 'an age such as "18 Years"')
                continue
            if age is not None:
                self.put(eligibility, key, age.to_ctgov())
            elif text is not None and fold(text) not in NO_VALUE:
                self.keep(tag, "an open age group: no bound")

    def contacts(self) -> None:
        columns = [
            _split_keep(self.get(tag))
            for tag in ("Contact_Firstname", "Contact_Lastname", "Contact_Email", "Contact_Tel")
        ]
        count = max((len(column) for column in columns), default=0)
        contacts: list[dict[str, str]] = []
        for index in range(count):
            first, last, email, phone = (
                column[index] if index < len(column) else None for column in columns
            )
            name = " ".join(part for part in (first, last) if part) or None
            contact = {
                key: value
                for key, value in (("name", name), ("email", email), ("phone", phone))
                if value is not None
            }
            if contact and contact not in contacts:
                contacts.append(contact)
        self.put("contactsLocationsModule", "centralContacts", contacts)
        countries: list[str] = []
        regions: list[str] = []
        for country in _parts(self.get("Countries")):
            (regions if fold(country) in _REGIONS else countries).append(country)
        self.put("contactsLocationsModule", "locations", [{"country": c} for c in countries])
        if regions:
            self.raw.keep(f"{_TRIAL}/Countries#regions", regions, "regions: no location's country")

    def results(self) -> None:
        flag = _one_line(self.get("results_yes_no"))
        if flag is not None:
            if fold(flag) in ("yes", "no"):
                self.raw.data["hasResults"] = fold(flag) == "yes"
            else:
                self.unparsed("results_yes_no", '"Yes" or "No"')

    def run(self) -> tuple[RawRecord, str | None]:
        """The trial in the v2 shape, and its own ID in its registry."""
        registry, registry_id = self.identity()
        self.raw.registry = registry
        for step in _STEPS:
            step(self)
        # Everything not read above has no v2 place: ethics reviews, ICTRP's own fields, ...
        for tag in self.values:
            if tag not in self.used:
                self.keep(tag)
        self.raw.data["protocolSection"] = self.modules
        return self.raw, registry_id


_STEPS: Final[tuple[Callable[[_Trial], None], ...]] = (
    _Trial.status,
    _Trial.sponsors,
    _Trial.conditions,
    _Trial.design,
    _Trial.interventions,
    _Trial.outcomes,
    _Trial.eligibility,
    _Trial.contacts,
    _Trial.results,
)


def _after_heading(rest: str) -> str:
    """The text after a criteria heading: on the heading's line, or the indented lines below."""
    first, _, others = rest.partition("\n")
    if first.strip():
        return f"{first.strip()}\n{others}".rstrip()
    return textwrap.dedent(others).strip("\n").rstrip()


def _criteria_body(text: str, *, keep_layout: bool) -> str:
    """Criteria text of an export field, one item per line as the source registry wrote it.

    CT.gov rows keep the CT.gov layout (indented items, wrapped lines); the other registries'
    rows give one item per line break, so each line becomes an item of its own, and a marker
    written without its space ("-Has a diagnosis", "1.Aged") gets one.
    """
    cleaned = _TAG.sub(lambda m: "\n" if m[2].lower() in _BLOCK_TAGS else "", text)
    cleaned = cleaned.replace("\r", "")
    if keep_layout:
        lines = [line.rstrip() for line in cleaned.split("\n")]
        return textwrap.dedent("\n".join(lines)).strip()
    items = [space_marker(line.strip()) for line in cleaned.split("\n")]
    return "\n\n".join(item for item in items if item)


def _split_keep(text: str | None) -> list[str | None]:
    """A ';'-separated column of the contact fields, positions kept ("-" and blanks: None)."""
    if text is None:
        return []
    values: list[str | None] = []
    for piece in text.split(";"):
        value = " ".join(piece.split())
        values.append(value if value and value != "-" else None)
    return values


def read_trial(element: etree._Element, *, path: str | None = None) -> Study:
    """Map one ``<Trial>`` element of an export onto a `Study`."""
    raw, registry_id = _Trial(element, path).run()
    study = build_study(raw)
    study.registry_id = registry_id
    return study


def _trials(content: bytes | str, path: str | None) -> list[etree._Element]:
    root = parse_xml(content, record_id=path, set_aside=True)
    if root.tag == _TRIAL:
        return [root]
    if root.tag != ROOT:
        raise MalformedRecord(
            f"expected a <{ROOT}> root element, got <{root.tag}>",
            record_id=path or record_name(content, None),
            location=f"line {root.sourceline}",
        )
    return [child for child in root if child.tag == _TRIAL]


def read(content: bytes | str | dict[str, Any], *, path: str | None = None) -> Study:
    """Read a one-trial WHO ICTRP XML export into a `Study`."""
    if isinstance(content, dict):
        raise MalformedRecord("a dict is decoded JSON, not XML", record_id=path, location="$")
    trials = _trials(content, path)
    if len(trials) != 1:
        raise MalformedRecord(
            f"an ICTRP export of {len(trials)} trials, not one: read it with "
            "`trialparse.readers.ictrp.iter_trials` or `trialparse batch`"
            if trials
            else "an ICTRP export with no <Trial>",
            record_id=path,
            location=f"/{ROOT}",
        )
    element = trials.pop()
    raw, registry_id = _Trial(element, path).run()
    del element  # the tree is freed before the mapping builds the study
    study = build_study(raw)
    study.registry_id = registry_id
    return study


def iter_trials(content: bytes | str, *, path: str | None = None) -> Iterator[Study]:
    """Each trial of an ICTRP export as a `Study`, in order (a trial that fails raises)."""
    for _trial_id, result in trial_results(content, path=path):
        if isinstance(result, TrialParseError):
            raise result
        yield result


def trial_results(
    content: bytes | str, *, path: str | None = None
) -> Iterator[tuple[str, Study | TrialParseError]]:
    """Each trial of an ICTRP export: (its TrialID or position, its `Study` or its error)."""
    for index, element in enumerate(_trials(content, path), start=1):
        trial_id = _one_line(element.findtext("TrialID")) or f"{_TRIAL}[{index}]"
        try:
            yield trial_id, read_trial(element, path=path)
        except TrialParseError as exc:
            yield trial_id, exc

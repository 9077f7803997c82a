"""Plain-text renders of a record: section titles, label/value blocks, inline pairs.

The layout is the one of `fixtures/NCT06352281.txt`, a trial site's render of a
ClinicalTrials.gov record: blocks separated by blank lines; each section title followed by a
one-line blurb of the site's own; labels on one line and values on the next block ("Recruitment
Status" / "RECRUITING") or inline ("NCT ID: NCT…", "Group Type EXPERIMENTAL", "Role: CONTACT");
criteria items on single lines, the last one running straight into the next label. Field labels
and section titles come from `page_labels`, values map through `labels`; the result is the v2
JSON shape handed to the one v2 mapping.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

from ..errors import MalformedRecord
from ..model.enums import (
    AgencyClass,
    ArmGroupType,
    ContactRole,
    InterventionModel,
    InterventionType,
    Masking,
    OfficialRole,
    OverallStatus,
    PrimaryPurpose,
    RecruitmentStatus,
    ResponsiblePartyType,
    Sex,
    StudyType,
)
from ..model.enums import Allocation as AllocationEnum
from ..model.study import Study
from ..model.values import parse_date_parts
from .base import RawRecord
from .detect import decode_checked
from .labels import fold, phases_from_display, to_v2
from .page_labels import field_of, names_field_or_section, section_of
from .pages import read_page_text
from .pages.record import page_study

__all__ = ["read", "read_page", "read_text"]

_INLINE = re.compile(r"^(?P<label>[A-Za-z][A-Za-z .()/-]{1,40}?)\s*:\s*(?P<value>\S.*)$")
# inline pairs without a colon, written by the text render: "Group Type EXPERIMENTAL"
_PREFIXED = (
    ("group type", "arm_type"),
    ("intervention type", "intervention_type"),
    ("site status", "site_status"),
    ("sponsor role", "sponsor_role"),
    ("responsibility role", "responsible_party"),
    ("role", "role"),
    ("identifier type", "identifier_type"),
    ("identifier source", "identifier_source"),
)
_PREFIX_PATTERN = re.compile(
    r"^(?P<label>" + "|".join(re.escape(p) for p, _ in _PREFIXED) + r")\s*:?\s+(?P<value>\S.*)$",
    re.IGNORECASE,
)
_PREFIX_KEYS = dict(_PREFIXED)
_COUNT = re.compile(r"(\d[\d,]*)")
_PHONE_EXT = re.compile(r"^(?P<phone>.*?)\s*(?:ext\.?|extension|x)\s*(?P<ext>\S+)$", re.IGNORECASE)
_PHONE = re.compile(r"[+\d][\d\s().+-]{5,}(?:\s*(?:ext\.?|x)\s*\S+)?", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_NCT_LINE = re.compile(r"^(?P<nct>NCT\d{8})\b\s*(?P<rest>.*)$")
_CRITERIA_HEADING = re.compile(r"^(?:key\s+)?(inclusion|exclusion)\s+criteria\s*:?$", re.IGNORECASE)
_YES = frozenset({"yes", "true", "accepts healthy volunteers"})
_NO = frozenset({"no", "false"})
_NO_VALUE = frozenset({"", "-", "n/a", "na", "none"})


def _blocks(text: str) -> list[list[str]]:
    """Blocks of non-blank lines; a line that is a field label or section title starts a block.

    The render puts the last criterion directly before the next label ("…trial;\\nMinimum
    Eligible Age"), so labels are split out of the block they are glued to.
    """
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if current:
                blocks.append(current)
                current = []
            continue
        if current and names_field_or_section(line):
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _prefixed(line: str) -> tuple[str, str] | None:
    match = _PREFIX_PATTERN.match(line)
    if match is None:
        return None
    return _PREFIX_KEYS[match["label"].lower()], match["value"].strip()


def _date(value: str) -> str | None:
    parts = parse_date_parts(value)
    if parts is None:
        return None
    year, month, day = parts
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def place_address(location: dict[str, Any], address: str) -> None:
    """ "City, State, Zip, Country" (state and zip optional) into a v2 location."""
    parts = [p.strip() for p in address.split(",")]
    location["city"] = parts[0]
    if len(parts) == 1:
        return
    location["country"] = parts[-1]
    if len(parts) == 3:
        location["state"] = parts[1]
    elif len(parts) >= 4:
        location["state"], location["zip"] = parts[1], parts[2]


def _age(value: str) -> str | None:
    """ "8 Years" as it is; "N/A" and blanks as None (no bound)."""
    stripped = value.strip()
    return None if stripped.lower() in _NO_VALUE else stripped


class _TextReader:
    """Walks the blocks of one text render, filling the v2 shape."""

    def __init__(self, text: str, path: str | None) -> None:
        self.blocks = _blocks(text)
        self.raw = RawRecord(data={}, format="text", path=path)
        self.protocol: dict[str, dict[str, Any]] = {}
        self.has_results = False
        self.position = 0
        self.criteria: dict[str, list[str]] = {"inclusion": [], "exclusion": []}
        self.criteria_order: list[str] = []
        self.facility_contacts: list[dict[str, Any]] = []
        self.recognised = False
        self.kept: dict[str, list[str]] = {}

    def module(self, name: str) -> dict[str, Any]:
        return self.protocol.setdefault(name, {})

    _KEEP_PREFIX = "text"
    _KEEP_MESSAGE = "text the reader could not place; kept in extras"

    def keep(self, place: str, lines: list[str]) -> None:
        """Keep unplaced lines under `<prefix>:<place>`: blocks of one place are joined by a
        blank line in `result` (one warning per place, however many blocks)."""
        key = f"{self._KEEP_PREFIX}:{place}"
        blocks = self.kept.get(key)
        if blocks is None:
            before = self.raw.extras.get(key)  # a value kept there directly
            self.kept[key] = [before] if isinstance(before, str) and before else []
            self.kept[key].append("\n".join(lines))
            self.raw.keep(key, "", self._KEEP_MESSAGE)
        else:
            blocks.append("\n".join(lines))

    # -- labelled values --------------------------------------------------------------------
    def set_field(self, field: str, value: str, place: str) -> None:
        status = self.module("statusModule")
        design = self.module("designModule")
        eligibility = self.module("eligibilityModule")
        if field == "nct_id":
            self.module("identificationModule")["nctId"] = value.strip()
        elif field in ("brief_title", "official_title", "acronym"):
            key = {"brief_title": "briefTitle", "official_title": "officialTitle"}.get(
                field, "acronym"
            )
            self.module("identificationModule")[key] = value
        elif field == "overall_status":
            status["overallStatus"] = to_v2(OverallStatus, value)
        elif field in ("start_date", "primary_completion_date", "completion_date", "last_updated"):
            date = _date(value)
            if date is None:
                self.keep(place, [value])
                return
            key = {
                "start_date": "startDateStruct",
                "primary_completion_date": "primaryCompletionDateStruct",
                "completion_date": "completionDateStruct",
                "last_updated": "lastUpdatePostDateStruct",
            }[field]
            status[key] = {"date": date}
        elif field == "first_submitted":
            date = _date(value)
            if date is None:
                self.keep(place, [value])
                return
            status["studyFirstSubmitDate"] = date
        elif field == "phases":
            design["phases"] = phases_from_display(value)
        elif field == "enrollment":
            match = _COUNT.search(value)
            if match is None:
                self.keep(place, [value])
                return
            info: dict[str, Any] = {"count": int(match[1].replace(",", ""))}
            lowered = (place + " " + value).lower()
            if "actual" in lowered:
                info["type"] = "ACTUAL"
            elif "estimated" in lowered or "anticipated" in lowered:
                info["type"] = "ESTIMATED"
            design["enrollmentInfo"] = info
        elif field == "study_type":
            design["studyType"] = to_v2(StudyType, value)
        elif field in ("allocation", "intervention_model", "primary_purpose", "masking"):
            design_info = design.setdefault("designInfo", {})
            if field == "allocation":
                design_info["allocation"] = to_v2(AllocationEnum, value)
            elif field == "intervention_model":
                design_info["interventionModel"] = to_v2(InterventionModel, value)
            elif field == "primary_purpose":
                design_info["primaryPurpose"] = to_v2(PrimaryPurpose, value)
            else:
                design_info["maskingInfo"] = {"masking": to_v2(Masking, value)}
        elif field in ("minimum_age", "maximum_age"):
            age = _age(value)
            if age is not None:
                eligibility["minimumAge" if field == "minimum_age" else "maximumAge"] = age
        elif field == "ages":
            # "18 Years to 65 Years (Adult)", "18 Years and older"
            head = value.split("(", 1)[0]
            bounds = re.split(r"\s+to\s+", head.strip(), maxsplit=1)
            if len(bounds) == 2:
                eligibility["minimumAge"], eligibility["maximumAge"] = (b.strip() for b in bounds)
            elif "older" in head.lower() or "and over" in head.lower():
                eligibility["minimumAge"] = re.sub(
                    r"(?i)\s*(and|or)\s+(older|over).*$", "", head
                ).strip()
            else:
                self.keep(place, [value])
        elif field == "sex":
            eligibility["sex"] = to_v2(Sex, value)
        elif field == "healthy_volunteers":
            answer = fold(value)
            if answer in _YES:
                eligibility["healthyVolunteers"] = True
            elif answer in _NO:
                eligibility["healthyVolunteers"] = False
            else:
                self.keep(place, [value])
        else:  # pragma: no cover - every field of the label table is handled above
            self.keep(place, [value])

    # -- walking ----------------------------------------------------------------------------
    def run(self) -> RawRecord:
        blocks = self.blocks
        if not blocks:
            raise MalformedRecord(
                "empty text: nothing to parse", record_id=self.raw.path, location="line 1"
            )
        # The first block is the title unless it is already a label.
        first = blocks[0]
        if (
            len(first) == 1
            and field_of(first[0]) is None
            and section_of(first[0]) is None
            and _INLINE.match(first[0]) is None
        ):
            self.module("identificationModule")["briefTitle"] = first[0]
            self.position = 1
        section: str | None = None
        section_blocks: list[list[str]] = []
        while self.position < len(blocks):
            block = blocks[self.position]
            self.position += 1
            title = section_of(block[0]) if len(block) == 1 else None
            if not self.recognised and (
                title is not None or field_of(block[0].split(":", 1)[0]) is not None
            ):
                self.recognised = True
            if title is not None:
                self.finish(section, section_blocks)
                section, section_blocks = title, []
                continue
            section_blocks.append(block)
        self.finish(section, section_blocks)
        if not self.recognised:
            raise MalformedRecord(
                "no field label or section title of a record page found: not a record render",
                record_id=self.raw.path,
                location="line 1",
            )
        return self.result()

    def finish(self, section: str | None, blocks: list[list[str]]) -> None:
        """Map one section's blocks (the first one, the site's blurb, is skipped)."""
        if section is None:
            self.labelled(blocks, "header")
            return
        handler = _SECTION_HANDLERS.get(section)
        if section != "results" and blocks and self.is_blurb(blocks[0]):
            blocks = blocks[1:]
        if handler is None:
            for block in blocks:
                self.keep(section, block)
            return
        handler(self, blocks)

    @staticmethod
    def is_blurb(block: list[str]) -> bool:
        # The render's blurbs are one sentence of the site's own under each section title.
        line = block[0]
        return len(block) == 1 and line.endswith(".") and field_of(line) is None and len(line) > 40

    def labelled(self, blocks: list[list[str]], place: str) -> None:
        """Label/value blocks: "Label" then "value", or "Label: value" on one line."""
        index = 0
        while index < len(blocks):
            block = blocks[index]
            index += 1
            lines = list(block)
            while lines:
                line = lines.pop(0)
                inline = _INLINE.match(line) if ":" in line else None
                inline_field = field_of(inline["label"]) if inline is not None else None
                if inline is not None and inline_field is not None:
                    self.set_field(inline_field, inline["value"], inline["label"])
                    continue
                field = field_of(line)
                if field is not None:
                    if lines:
                        value = lines.pop(0)
                    elif index < len(blocks):
                        value = "\n".join(blocks[index])
                        index += 1
                    else:
                        self.keep(place, [line])
                        continue
                    self.set_field(field, value, line)
                    continue
                self.keep(place, [line])

    # -- sections ---------------------------------------------------------------------------
    def results(self, blocks: list[list[str]]) -> None:
        for block in blocks:
            text = " ".join(block).lower()
            if "results pending" in text or "no results" in text:
                self.has_results = False
            elif "results available" in text or "results posted" in text or "has results" in text:
                self.has_results = True

    def paragraphs(self, key: str) -> Callable[[list[list[str]]], None]:
        def handle(blocks: list[list[str]]) -> None:
            if blocks:
                self.module("descriptionModule")[key] = "\n\n".join("\n".join(b) for b in blocks)

        return handle

    def listed(self, key: str) -> Callable[[list[list[str]]], None]:
        def handle(blocks: list[list[str]]) -> None:
            self.module("conditionsModule")[key] = [line for block in blocks for line in block]

        return handle

    def arms(self, blocks: list[list[str]]) -> None:
        arms: list[dict[str, Any]] = []
        flat = [line for block in blocks for line in ["\n".join(block)]]
        index = 0
        after_group_type = False
        while index < len(flat):
            line = flat[index]
            pair = _prefixed(line)
            following = _prefixed(flat[index + 1]) if index + 1 < len(flat) else None
            if pair is not None and pair[0] == "arm_type" and arms:
                arms[-1]["type"] = to_v2(ArmGroupType, pair[1])
                after_group_type = True
            elif following is not None and following[0] == "intervention_type" and arms:
                kind = to_v2(InterventionType, following[1]) or ""
                arms[-1].setdefault("interventionNames", []).append(
                    f"{kind.replace('_', ' ').title()}: {line}" if kind else line
                )
                index += 1  # the type line
                if index + 1 < len(flat) and not self.starts_arm(flat, index + 1):
                    index += 1  # the intervention's description, read from "Interventions"
            elif not arms or after_group_type:
                arms.append({"label": line})
                after_group_type = False
            elif "description" not in arms[-1]:
                arms[-1]["description"] = line
            else:
                self.keep("arms", [line])
            index += 1
        if arms:
            self.module("armsInterventionsModule")["armGroups"] = arms

    @staticmethod
    def starts_arm(flat: list[str], index: int) -> bool:
        """Whether a "Group Type" line follows within two lines (a new arm's label)."""
        for ahead in flat[index + 1 : index + 3]:
            pair = _prefixed(ahead)
            if pair is not None:
                return pair[0] == "arm_type"
        return False

    def interventions(self, blocks: list[list[str]]) -> None:
        items: list[dict[str, Any]] = []
        current: dict[str, Any] | None = None
        for block in blocks:
            line = "\n".join(block)
            pair = _prefixed(line)
            if pair is not None and pair[0] == "intervention_type" and current is not None:
                current["type"] = to_v2(InterventionType, pair[1])
                current = None
            elif current is None:
                current = {"name": line}
                items.append(current)
            elif "description" not in current:
                current["description"] = line
            else:
                current["description"] += "\n\n" + line
        self.store_interventions(items)

    def store_interventions(self, items: list[dict[str, Any]]) -> None:
        """Keep the interventions, each linked to the arms that name it ("Drug: X" names X)."""
        if not items:
            return
        arms = self.module("armsInterventionsModule").get("armGroups", [])
        for item in items:
            labels = [
                arm["label"]
                for arm in arms
                if any(
                    name.split(": ", 1)[-1] == item.get("name")
                    for name in arm.get("interventionNames", [])
                )
            ]
            if labels:
                item["armGroupLabels"] = labels
        self.module("armsInterventionsModule")["interventions"] = items

    def eligibility(self, blocks: list[list[str]]) -> None:
        side: str | None = None
        label_blocks: list[list[str]] = []
        for block in blocks:
            heading = _CRITERIA_HEADING.match(block[0])
            if heading is not None:
                side = heading[1].lower()
                self.criteria_order.append(side)
                rest = block[1:]
                if rest:
                    self.criteria[side].extend(rest)
                continue
            if field_of(block[0]) is not None or (
                ":" in block[0]
                and _INLINE.match(block[0])
                and field_of(block[0].split(":", 1)[0])
            ):
                side = None
                label_blocks.append(block)
                continue
            if side is not None:
                self.criteria[side].extend(block)
            elif label_blocks:
                label_blocks.append(block)
            else:
                self.criteria.setdefault("inclusion", []).extend(block)
        self.labelled(label_blocks, "eligibility")
        self.store_criteria()

    def store_criteria(self) -> None:
        """Write the collected criteria lines as v2 criteria text, one heading per side."""
        parts: list[str] = []
        for name in ("inclusion", "exclusion"):
            if self.criteria[name]:
                parts.append(f"{name.title()} Criteria:\n\n" + "\n".join(self.criteria[name]))
        if parts:
            self.module("eligibilityModule")["eligibilityCriteria"] = "\n\n".join(parts)

    def sponsors(self, blocks: list[list[str]]) -> None:
        sponsors: list[dict[str, Any]] = []
        for block in blocks:
            line = "\n".join(block)
            pair = _prefixed(line)
            if pair is not None and pair[0] == "sponsor_role" and sponsors:
                sponsors[-1]["role"] = pair[1].lower()
            elif (
                sponsors
                and "class" not in sponsors[-1]
                and to_v2(AgencyClass, line) in _AGENCY_CLASSES
            ):
                sponsors[-1]["class"] = to_v2(AgencyClass, line)
            else:
                sponsors.append({"name": line})
        module = self.module("sponsorCollaboratorsModule")
        for sponsor in sponsors:
            role = sponsor.pop("role", "lead" if "leadSponsor" not in module else "collaborator")
            if role == "lead" and "leadSponsor" not in module:
                module["leadSponsor"] = sponsor
            else:
                module.setdefault("collaborators", []).append(sponsor)

    def responsible_party(self, blocks: list[list[str]]) -> None:
        party: dict[str, Any] = {}
        for block in blocks:
            line = "\n".join(block)
            pair = _prefixed(line)
            if pair is not None and pair[0] == "responsible_party":
                party["type"] = to_v2(ResponsiblePartyType, pair[1])
            elif "investigatorFullName" not in party:
                party["investigatorFullName"] = line
            elif "investigatorAffiliation" not in party:
                party["investigatorAffiliation"] = line
            else:
                self.keep("responsible_party", block)
        if party:
            self.module("sponsorCollaboratorsModule")["responsibleParty"] = party

    def people(
        self, blocks: list[list[str]], role_enum: type[OfficialRole] | type[ContactRole]
    ) -> list[dict[str, Any]]:
        """Name, "Role: X", then affiliation, phone or email lines, person after person."""
        people: list[dict[str, Any]] = []
        for block in blocks:
            for line in block:
                pair = _prefixed(line)
                if pair is not None and pair[0] == "role" and people:
                    people[-1]["role"] = to_v2(role_enum, pair[1])
                elif people and _EMAIL.match(line):
                    people[-1]["email"] = line
                elif people and _PHONE.fullmatch(line):
                    match = _PHONE_EXT.match(line)
                    if match is not None:
                        people[-1]["phone"] = match["phone"].strip()
                        people[-1]["phoneExt"] = match["ext"]
                    else:
                        people[-1]["phone"] = line
                elif (
                    people
                    and "role" in people[-1]
                    and "affiliation" not in people[-1]
                    and role_enum is OfficialRole
                ):
                    people[-1]["affiliation"] = line
                else:
                    people.append({"name": line})
        return people

    def officials(self, blocks: list[list[str]]) -> None:
        officials = self.people(blocks, OfficialRole)
        if officials:
            self.module("contactsLocationsModule")["overallOfficials"] = officials

    def central_contacts(self, blocks: list[list[str]]) -> None:
        contacts = self.people(blocks, ContactRole)
        if contacts:
            self.module("contactsLocationsModule")["centralContacts"] = contacts

    def facility(self, blocks: list[list[str]]) -> None:
        self.facility_contacts = self.people(blocks, ContactRole)

    def locations(self, blocks: list[list[str]]) -> None:
        locations: list[dict[str, Any]] = []
        for block in blocks:
            line = "\n".join(block)
            pair = _prefixed(line)
            if pair is not None and pair[0] == "site_status" and locations:
                locations[-1]["status"] = to_v2(RecruitmentStatus, pair[1])
            elif locations and "country" not in locations[-1] and "," in line:
                place_address(locations[-1], line)
            else:
                locations.append({"facility": line})
        if locations:
            self.module("contactsLocationsModule")["locations"] = locations

    def countries(self, blocks: list[list[str]]) -> None:
        listed = {line for block in blocks for line in block}
        located = {
            loc.get("country")
            for loc in self.module("contactsLocationsModule").get("locations", [])
        }
        # The countries list repeats the locations' countries; only new ones are kept.
        extra = sorted(listed - located)
        if extra:
            self.keep("countries", extra)

    def identifiers(self, blocks: list[list[str]]) -> None:
        pending: dict[str, str] = {}
        identification = self.module("identificationModule")
        for block in blocks:
            line = "\n".join(block)
            pair = _prefixed(line)
            if pair is None:
                if pending:
                    self.place_identifier(pending, identification)
                pending = {"id": line}
            elif pair[0] == "identifier_type":
                if pair[1].strip() not in _NO_VALUE:
                    pending["type"] = pair[1].strip()
            elif pair[0] == "identifier_source":
                pending["source"] = pair[1].strip()
        if pending:
            self.place_identifier(pending, identification)

    def place_identifier(self, pending: dict[str, str], identification: dict[str, Any]) -> None:
        if "id" not in pending:
            self.keep("other_identifiers", [f"{k}: {v}" for k, v in pending.items()])
            return
        if (
            pending.get("source", "").lower() == "org_study_id"
            and "orgStudyIdInfo" not in identification
        ):
            identification["orgStudyIdInfo"] = {"id": pending["id"]}
            return
        entry: dict[str, Any] = {"id": pending["id"]}
        if "type" in pending:
            entry["type"] = pending["type"]
        identification.setdefault("secondaryIdInfos", []).append(entry)

    def related(self, blocks: list[list[str]]) -> None:
        title: list[str] = []  # the lines of the next trial's title, joined once (linear)
        for line in (line for block in blocks for line in block):
            match = _NCT_LINE.match(line)
            if match is None:
                title.append(line)
                continue
            words = match["rest"].split()
            status = to_v2(OverallStatus, words[0]) if words else None
            phases = phases_from_display(" ".join(words[1:])) if len(words) > 1 else []
            self.raw.related_trials.append(
                {
                    "nct_id": match["nct"],
                    "title": " ".join(title) or None,
                    "status": status,
                    "phases": phases,
                }
            )
            title = []
        if title:
            self.keep("related_trials", [" ".join(title)])

    def result(self) -> RawRecord:
        if self.facility_contacts:
            locations = self.module("contactsLocationsModule").get("locations", [])
            if len(locations) == 1:
                locations[0]["contacts"] = self.facility_contacts
            else:
                self.keep("facility_contacts", [c.get("name", "") for c in self.facility_contacts])
        for key, blocks in self.kept.items():
            after = self.raw.extras.get(key)  # a value kept there directly since
            self.raw.extras[key] = "\n\n".join([*blocks, after] if after else blocks)
        self.raw.data = {
            "protocolSection": {name: module for name, module in self.protocol.items() if module},
            "hasResults": self.has_results,
        }
        return self.raw


_AGENCY_CLASSES = frozenset(member.value for member in AgencyClass)

_SECTION_HANDLERS: dict[str, Callable[[_TextReader, list[list[str]]], None]] = {
    "results": _TextReader.results,
    "basic": lambda reader, blocks: reader.labelled(blocks, "basic"),
    "design": lambda reader, blocks: reader.labelled(blocks, "design"),
    "brief_summary": lambda reader, blocks: reader.paragraphs("briefSummary")(blocks),
    "detailed_description": lambda reader, blocks: reader.paragraphs("detailedDescription")(blocks),
    "conditions": lambda reader, blocks: reader.listed("conditions")(blocks),
    "keywords": lambda reader, blocks: reader.listed("keywords")(blocks),
    "arms": _TextReader.arms,
    "interventions": _TextReader.interventions,
    "eligibility": _TextReader.eligibility,
    "sponsors": _TextReader.sponsors,
    "responsible_party": _TextReader.responsible_party,
    "officials": _TextReader.officials,
    "central_contacts": _TextReader.central_contacts,
    "facility_contacts": _TextReader.facility,
    "locations": _TextReader.locations,
    "countries": _TextReader.countries,
    "other_identifiers": _TextReader.identifiers,
    "related_trials": _TextReader.related,
}


def read_text(text: str, *, path: str | None = None) -> RawRecord:
    """The v2-shaped record of a text render in the trial site's layout of the seed record."""
    return _TextReader(text, path).run()


def _site_layout(text: str) -> bool:
    """Whether the text is in the seed site's layout: section titles each followed by the
    site's one-sentence blurb ("Basic Information" / "Get a concise snapshot of the trial ...")."""
    lines = filter(None, map(str.strip, text.splitlines()))
    found = 0
    for line, following in itertools.pairwise(lines):
        if (
            len(line) < 40
            and len(following) > 40
            and following.endswith(".")
            and section_of(line) is not None
            and _TextReader.is_blurb([following])
        ):
            found += 1
            if found == 3:
                return True
    return False


def read_page(text: str, *, path: str | None = None) -> RawRecord:
    """The v2-shaped record of a page's text: the seed site's own layout (sections with their
    arms, sites and contacts) where the page is in it, else the general page pipeline.

    Raises the page pipeline's `UnknownFormat` where it finds no trial.
    """
    if not text.strip():
        raise MalformedRecord("empty text: nothing to parse", record_id=path, location="line 1")
    if _site_layout(text):
        try:
            return read_text(text, path=path)
        except MalformedRecord:
            pass  # not the site's layout after all: the general reading
    return read_page_text(text, path=path)


def read(content: bytes | str | dict[str, Any], *, path: str | None = None) -> Study:
    """Read a plain-text page of a trial (a registry's, a trial site's) into a `Study`."""
    if isinstance(content, dict):
        raise MalformedRecord("a text render is text, not a JSON object", record_id=path)
    text, replaced = decode_checked(content) if isinstance(content, bytes) else (content, None)
    raw = read_page(text.replace("\x00", ""), path=path)
    raw.replaced_bytes(replaced)
    return page_study(raw)

"""Entries → the v2-shaped record: the step after layout and vocabulary.

Walks the entries of one page in order, keeping the section it is in (summary, criteria,
conditions, ...), reads each named value with the shared parsers of `values`, and builds the
ClinicalTrials.gov v2 shape that the one v2 mapping turns into a `Study`. What it cannot place is
kept in extras under ``page:<label>``. A value that runs to the end of the page is kept and
flagged (`WarningCode.TRUNCATED_VALUE`): page excerpts are often cut mid-word.

Some values are stated without a label, and read by their grammar: a run of value words
("NARecruitingINTERVENTIONAL"), a status sentence ("This trial is active, not recruiting."),
ClinicalTrials.gov's summary sentence naming the first condition, and the rows of a table whose
label cells the page's text lost (`vocabulary.UNLABELLED_TABLES`), aligned by the grammar of
their values. A field's label ends the list above it; criteria run together on one line ("(1)
a, (2) b", "1. a2. b") are split into their items.

A page that shows no trial (no registry ID, no trial field, no criteria list) is refused with
`UnknownFormat` saying so.
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import UnknownFormat, WarningCode
from ...model.enums import (
    AgencyClass,
    Allocation,
    InterventionModel,
    Masking,
    OverallStatus,
    PrimaryPurpose,
    StrEnum,
    StudyType,
)
from ...model.registry_ids import classify_id, find_ids
from ...model.study import Format, ParseWarning, Study
from ..base import RawRecord
from ..ctgov_json import build_study
from ..labels import to_v2
from . import values
from .entries import Entry
from .vocabulary import BLOCK_FIELDS, INTERVENTION_TYPES, NOISE, UNLABELLED_TABLES, fold

__all__ = ["DAY_FIRST_REGISTRIES", "build_record", "page_study"]

DAY_FIRST_REGISTRIES = frozenset(
    {"anzctr", "ctri", "isrctn", "euctr", "ctis", "drks", "pactr", "slctr", "tctr", "rebec"}
)
"""Registries that write numeric dates day first ("8/04/2025" is 8 April 2025)."""

BLOCK_LISTS = frozenset({"conditions", "keywords", "interventions"})
_KNOWN_STATUS = frozenset(member.value for member in OverallStatus)
_KNOWN_TYPES = frozenset(member.value for member in StudyType)
_TITLE_FIELDS = ("brief_title", "official_title", "acronym")
_DATE_KEYS = {
    "start_date": "startDateStruct",
    "primary_completion_date": "primaryCompletionDateStruct",
    "completion_date": "completionDateStruct",
    "last_updated": "lastUpdatePostDateStruct",
    "first_posted": "studyFirstPostDateStruct",
}
_DESIGN_INFO: dict[str, tuple[str, type[StrEnum]]] = {
    "allocation": ("allocation", Allocation),
    "intervention_model": ("interventionModel", InterventionModel),
    "primary_purpose": ("primaryPurpose", PrimaryPurpose),
}
_NONE_WORDS = frozenset(
    {
        "",
        "nil",
        "none",
        "n a",
        "na",
        "nil known",
        "not applicable",
        "no",
        "0",
        "see detailed description",  # gsk: "Study Title | See Detailed Description"
    }
)
_PROSE_VERBS = re.compile(
    r"\b(?:is|are|was|were|will|may|can|you|your|we|our|please|has been|have been)\b"
)  # in lower case: a title in title case capitalises them ("Who Are Overweight")
_CODE_TAIL = re.compile(r"(?:\s+\d+){2,}$|\s+\d{4,}\s+0$")
_TYPES = "|".join(INTERVENTION_TYPES)
_INTERVENTION_TYPE = re.compile(rf"^(?:{_TYPES})\s*:\s*", re.I)
_ADDRESS = re.compile(r"[A-Z][\w .'-]*, [A-Z]{2} \d{5}(?:-\d{4})?")
_CATEGORY = re.compile(r"\bClinical (?:Trial|Study)(?: #?\d+)?$")
# "18 Years - undefined (Adult, Older Adult)All SexesDoes not accept healthy volunteers": an
# aggregator's one-line eligibility summary without labels
_SUMMARY_AGES = re.compile(r"^\d+\s+(?:Years?|Months?)\s*-\s*(?:\d+\s+\w+|undefined)")
_SUMMARY_SEX = re.compile(r"(All Sexes|Female|Male)(?=[A-Z]|$)")
_SUMMARY_HEALTHY = re.compile(r"(Does not accept|Accepts) healthy volunteers", re.I)
_GLUED_DASH = re.compile(r"-(?=[A-Z][a-z])")
_INLINE_ITEMS = re.compile(r"\s+(?:-|\*|•)\s+(?=\S)")
_CRITERIA_SECTIONS = frozenset({"inclusion", "exclusion", "eligibility"})
_ENDED_BY_LABELS = BLOCK_LISTS | {"inclusion", "exclusion"}
_PARTICIPANTS = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)\s+participants?\b", re.I)
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}")
_AGE_WORDS = re.compile(r"\b\d+\s*(?:years?|yrs)\b|\bage[sd]?\b[^.]{0,20}\d", re.I)
# "Radiation: Amyloid PET scan Drug: Tau PET scan": one cell naming several interventions
_TYPED = re.compile(rf"\s+(?=(?:{_TYPES}):\s)")
# ClinicalTrials.gov's sentence naming a trial's first condition and its keywords, which
# sites copying its records repeat
_TRIAL_FOR = re.compile(
    r"\bThis is an? (?:interventional|observational|expanded access)\b[^.]{0,40}?"
    r"\b(?:trial|study) for (?P<condition>.{2,200}?) focused on measuring\b"
)
_SEX_IN_AGES = re.compile(r"\b(All Genders|All Sexes|Both|Male or Female|Females?|Males?)\b", re.I)


def _latin(text: str) -> bool:
    """Whether the text is mostly in Latin letters (judged on its start)."""
    head = text[:40]
    return sum(1 for char in head if char.isascii() and char.isalpha()) * 2 > len(head)


def _block_text(entry: Entry) -> list[str]:
    lines = [entry.value] if entry.value else []
    lines.extend(child.text for child in entry.children)
    return [line for line in lines if line.strip()]


class _Builder:
    def __init__(self, entries: list[Entry], path: str | None, format: Format) -> None:
        self.entries = entries
        self.raw = RawRecord(data={}, format=format, path=path)
        self.values: dict[str, tuple[str, Entry]] = {}
        self.lists: dict[str, list[str]] = {}
        self.criteria: dict[str, list[Entry]] = {"": [], "inclusion": [], "exclusion": []}
        self.criteria_text: list[str] = []
        self.prose: dict[str, list[str]] = {"brief_summary": [], "detailed_description": []}
        self.kept: dict[str, list[str]] = {}
        self.paras: list[tuple[int, Entry]] = []  # text lines, title candidates
        self.index = 0
        self.cut_fields: list[str] = []
        self.first_value = len(entries)
        self.ids: list[str] = []
        self.role = ""  # the role line above a name in a list of sponsors ("lead")

    # -- collecting ----------------------------------------------------------------------------
    def run(self) -> None:
        section: str | None = None
        for index, entry in enumerate(self.entries):
            self.index = index
            if entry.kind == "row" and section in BLOCK_LISTS:
                section = None  # a table ends a list section: its rows are not list items
            if entry.kind != "pair":
                if entry.kind == "para" and fold(entry.text) in UNLABELLED_TABLES:
                    self.unlabelled_table(index)
                section = self.lines([entry], section)
                continue
            field, heading = entry.field, entry.section
            if (
                field is not None
                and (not entry.value or field == "other")
                and entry.marker is None
                and section in _ENDED_BY_LABELS
            ):
                # "Condition" / a list / "Age": a field's label ends the list, as does a known
                # label of a value the model has no field for ("Are the trial subjects under
                # 18? no"); a label with its value on its line may be an item ("Age 50-80")
                section = None
            if field is not None and (entry.value or field in BLOCK_FIELDS or entry.children):
                if heading is not None and field in BLOCK_FIELDS and not entry.value:
                    section = heading
                rest = self.field(field, entry)
                if field == "other":
                    self.keep(entry.text, _block_text(entry))
                    continue
                self.first_value = min(self.first_value, index)
                section = self.lines(rest, section)
                continue
            if heading is not None:
                section = heading
                if entry.value:
                    self.line(Entry("para", entry.value, cut=entry.cut), section)
                section = self.lines(entry.children, section)
                continue
            if field is None:
                self.keep(entry.text, _block_text(entry))
                continue
            section = self.lines(entry.children, section)

    def unlabelled_table(self, index: int) -> None:
        """Read the value lines below the line that heads a table whose labels the page's
        text lost, by the order of the table's rows (`UNLABELLED_TABLES`)."""
        _, rows = UNLABELLED_TABLES[fold(self.entries[index].text)]
        lines: list[str] = []
        for entry in self.entries[index + 1 : index + 1 + _TABLE_LINES]:
            if entry.kind != "para":
                break
            lines.append(entry.text.strip())
        spans = _align(rows, lines)
        if spans is None:
            return
        for (field, _, _), (start, end) in zip(rows, spans, strict=True):
            if field == "other" or self.value(field) or self.lists.get(field):
                continue
            if field == "conditions":
                self.lists.setdefault(field, []).extend(lines[start:end])
            else:
                self.values[field] = (_join_lines(lines[start:end]), Entry("pair", field))
        self.first_value = min(self.first_value, index)

    def lines(self, entries: list[Entry], section: str | None) -> str | None:
        """Read lines in a section; returns the section the lines after them are in."""
        for entry in entries:
            if section in _CRITERIA_SECTIONS and self.ends_criteria(entry):
                section = None
            self.line(entry, section)
        return section

    def field(self, field: str, entry: Entry) -> list[Entry]:
        """Take a named value; returns the entries below it that are not part of it."""
        if field in BLOCK_FIELDS:
            lines = _block_text(entry)
            if field in ("brief_summary", "detailed_description"):
                self.prose[field].extend(lines)
            elif field == "criteria":
                self.criteria_text.extend(
                    _inline_criteria(line) for line in lines if not self.summary(line)
                )
            elif entry.value and not entry.children and field in BLOCK_LISTS:
                # an inline list: "Conditions: Alzheimer Disease, Cognitive Studies"; a table
                # cell of list items ("• A Type: drug ... • B Type: drug ...")
                self.lists.setdefault(field, []).extend(_inline_list(entry.value))
            else:
                # a section's own blurb ("See the medical conditions ...") is not an item
                self.lists.setdefault(field, []).extend(
                    line for line in lines if not (line.endswith(".") and len(line.split()) > 8)
                )
            if entry.cut or (entry.children and entry.children[-1].cut):
                self.cut_fields.append(field)
            return []
        value = entry.value
        rest = entry.children
        cut = entry.cut
        if (
            not value
            and field == "healthy_volunteers"
            and values.healthy_volunteers(entry.text) is not None
            and not (rest and values.healthy_volunteers(rest[0].text) is not None)
        ):
            value = entry.text  # "Accepts healthy volunteers" alone: the label is the value
        if not value and rest:
            if (
                field in _TITLE_FIELDS
                and len(rest) > 1
                and rest[1].kind == "para"
                and (rest[1].text[:1] in "-(" or _latin(rest[0].text) != _latin(rest[1].text))
            ):
                value = " ".join(child.text for child in rest[:2])
                cut, rest = rest[1].cut, rest[2:]
            elif field != "enrollment" and _PARTICIPANTS.match(rest[0].text):
                pass  # "Masking" / "480 participants in 2 patient groups": no masking stated
            else:
                value, cut, rest = rest[0].text, rest[0].cut, rest[1:]
        if field in ("secondary_id", "eudract_number"):
            self.lists.setdefault(field, []).append(value)
            return rest
        if field == "collaborator":
            self.lists.setdefault(field, []).append(value)
            return rest
        before = self.values.get(field)
        if before is None or (not _latin(before[0]) and _latin(value)):
            self.values[field] = (value, entry)
            if cut:
                self.cut_fields.append(field)
        return rest

    def line(self, entry: Entry, section: str | None) -> None:
        if section in ("inclusion", "exclusion", "eligibility"):
            if entry.kind == "para" and self.summary(entry.text):
                return
            side = "" if section == "eligibility" else section
            text = entry.text
            glued = _GLUED_DASH.match(text) if entry.kind == "para" else None
            if glued is not None:  # "-Patients with type 2 diabetes ...": a dash item
                entry = Entry("item", text[glued.end() :], marker="-", cut=entry.cut)
                text = entry.text
            if len(_INLINE_ITEMS.findall(text)) >= 2 or _INLINE_HEADING.search(text[1:]):
                # a whole list written on one line: "- a - b Exclusion Criteria: - c"
                for part in _inline_criteria(_INLINE_ITEMS.sub(" * ", " " + text)).split("\n"):
                    part = part.strip()
                    heading = _INLINE_HEADING.fullmatch(part)
                    if heading is not None:
                        side = "exclusion" if "excl" in part.lower() else "inclusion"
                    elif part:
                        item = part.startswith("* ")
                        self.criteria[side].extend(
                            _enumerated(
                                Entry("item" if item else "para", part[2:] if item else part)
                            )
                        )
                return
            self.criteria[side].extend(_enumerated(entry))
        elif section in ("brief_summary", "detailed_description"):
            self.stated(entry)
            self.prose[section].append(entry.text)
            if entry.kind == "para" and not self.prose[section][:-1]:
                self.paras.append((self.index, entry))
        elif section in ("conditions", "keywords", "interventions"):
            self.lists.setdefault(section, []).append(entry.text)
        else:
            if entry.kind == "para":
                self.stated(entry)
                if section == "sponsors":
                    self.sponsor_line(entry.text)
                self.paras.append((self.index, entry))
                count = _PARTICIPANTS.match(entry.text)
                if count is not None and not self.value("enrollment"):
                    # "254 participants in 2 patient groups": a count stated without a label
                    self.values["enrollment"] = (count[1], Entry("pair", "Participants"))
            self.keep(section or "text", [entry.text])

    def stated(self, entry: Entry) -> None:
        """Values a line states without labels: a run of value words ("NARecruiting
        INTERVENTIONAL") or a sentence ("This trial is active, not recruiting.")."""
        if entry.kind != "para" or len(entry.text) > 80:
            return
        found = values.glued_values(entry.text)
        if found is None:
            words = values.stated_status(entry.text)
            found = {"overall_status": words} if words else {}
        for field, words in found.items():
            if not self.value(field):
                self.values[field] = (words, Entry("pair", field))

    def sponsor_line(self, text: str) -> None:
        """A sponsors list with each name under its role ("lead" / "Shanghai Institute of
        Hypertension" / "OTHER")."""
        if self.role == "lead" and not self.value("lead_sponsor"):
            self.values["lead_sponsor"] = (text, Entry("pair", "Lead Sponsor"))
        self.role = fold(text).removesuffix(" sponsor")

    def ends_criteria(self, entry: Entry) -> bool:
        """On a whole page, a short unpunctuated line after a criteria list is the page's
        furniture below it ("Read more", "Download the summary"), not a criterion."""
        if self.raw.format == "text" or entry.kind != "para":
            return False
        text = entry.text
        listed = self.criteria["inclusion"] or self.criteria["exclusion"]
        # a wrapped line of the item above starts in lower case ("at the screening visit")
        wrapped = text[:1].islower()
        return bool(listed) and len(text.split()) <= 6 and text[-1:] not in ".;:)" and not wrapped

    def summary(self, text: str) -> bool:
        """Read an unlabelled one-line eligibility summary (ages, sex, healthy volunteers)."""
        if len(text) > 160 or _SUMMARY_AGES.match(text) is None:
            return False
        found = values.age_range(text)
        if found is not None and "ages" not in self.values:
            self.values["ages"] = (text.split("(", 1)[0], Entry("pair", "Ages"))
        sex = _SUMMARY_SEX.search(text)
        if sex is not None and "sex" not in self.values:
            self.values["sex"] = (sex[1], Entry("pair", "Sex"))
        healthy = _SUMMARY_HEALTHY.search(text)
        if healthy is not None and "healthy_volunteers" not in self.values:
            self.values["healthy_volunteers"] = (healthy[0], Entry("pair", "Healthy Volunteers"))
        return True

    def keep(self, place: str, lines: list[str]) -> None:
        self.kept.setdefault(place, []).extend(lines)

    # -- building ------------------------------------------------------------------------------
    def registry_id(self) -> tuple[str | None, str | None, list[str]]:
        """(registry, ID as the page writes it, further IDs of the same value) of the page: a
        labelled ID, else the first ID the page's first lines write."""
        for field in ("registry_id", "nct_id"):
            held = self.values.get(field)
            if held is None:
                continue
            listed = [part.strip() for part in held[0].split(",") if part.strip()]
            first = listed[0].split()[0] if listed else ""
            if not any(char.isdigit() for char in first):
                continue
            found = find_ids(first)
            registry = found[0].registry if found else None
            return registry, first, listed[1:]
        eudract = self.lists.get("eudract_number", [])
        if eudract and not any(self.values.get(name) for name in ("registry_id", "nct_id")):
            found = find_ids(eudract[0])
            if found:
                del eudract[0]
                return found[0].registry, found[0].id, []
        for entry in self.entries[:3]:
            for text in (entry.text, entry.value):
                first_id = classify_id(text.split(" ", 1)[0]) if text else None
                if first_id is not None:
                    return first_id.registry, first_id.id, []
        return None, None, []

    def title(self) -> str | None:
        for index, entry in self.paras:
            if index > self.first_value:
                break
            text = entry.text.strip()
            words = text.split()
            if (
                fold(text) in NOISE
                or len(text) > 320
                or "http" in text
                or " -> " in text  # "Study -> Protocol Section -> Eligibility Module"
                or _ADDRESS.fullmatch(text) is not None  # "Manhattan, NY 10022"
                or text.endswith((":", "?", "!"))
                or (len(words) < 3 and _latin(text))
                or _PROSE_VERBS.search(text)
                or classify_id(text) is not None
                or (len(words) <= 5 and _CATEGORY.search(text))
            ):
                continue  # "Prostate Cancer Clinical Trial": the site's category, not the title
            return text
        return None

    def summarised_conditions(self) -> list[str]:
        """The conditions of a page that lists them without a label, under its title
        ("Esophageal Cancer, Gastric Cancer"), and names the first in ClinicalTrials.gov's
        summary sentence ("This is an interventional treatment trial for Esophageal Cancer
        focused on measuring ..."): that line's entries, else the condition the sentence
        names."""
        for text in self.prose["brief_summary"]:
            match = _TRIAL_FOR.search(text)
            if match is not None:
                break
        else:
            return []
        first = match["condition"].strip()
        for _, entry in self.paras:
            line = entry.text.strip()
            if line == first:
                return [first]
            if line.startswith(first + ", "):
                return [first, *re.split(r",\s+", line[len(first) + 2 :])]
        return [first]

    def day_first(self, registry: str | None) -> bool:
        """Whether the page writes numeric dates day first: by its registry, else by a date
        of the page that can only be read one way ("17/09/2019")."""
        if registry is not None:
            return registry in DAY_FIRST_REGISTRIES
        for field in _DATE_KEYS.keys() | {"first_submitted"}:
            held = self.values.get(field)
            match = _NUMERIC_DATE.match(held[0].strip()) if held else None
            if match is not None:
                if int(match[1]) > 12:
                    return True
                if int(match[2]) > 12:
                    return False
        return False

    def value(self, field: str) -> str | None:
        held = self.values.get(field)
        return held[0].strip() if held is not None else None

    def build(self) -> RawRecord:
        registry, own_id, more_ids = self.registry_id()
        identification: dict[str, Any] = {}
        status: dict[str, Any] = {}
        design: dict[str, Any] = {}
        eligibility: dict[str, Any] = {}
        sponsors: dict[str, Any] = {}
        day_first = self.day_first(registry)
        # the registry the page's own ID belongs to; "unknown" where the page names none
        self.raw.registry = registry or "unknown"
        if registry == "ctgov" and own_id:
            identification["nctId"] = classify_id(own_id).id  # type: ignore[union-attr]
            self.raw.registry_id = own_id
        else:
            nct = self.value("nct_id")
            found = find_ids(nct) if nct else []
            if found and found[0].registry == "ctgov":
                identification["nctId"] = found[0].id
            self.raw.registry_id = own_id
        org = self.value("org_study_id")
        if org and fold(org) not in _NONE_WORDS:
            identification["orgStudyIdInfo"] = {"id": org.lstrip("# ").strip()}
        secondary = []
        written = [*self.lists.get("secondary_id", []), *self.lists.get("eudract_number", [])]
        seen = {own_id, org}
        for listed in [*more_ids, *written]:
            listed = listed.rsplit(": ", 1)[-1]  # "Rochester, Minnesota: 17-003245"
            for part in re.split(r",\s+|;\s*", listed):
                part = part.strip()
                if fold(part) not in _NONE_WORDS and part not in seen:
                    seen.add(part)
                    secondary.append({"id": part})
        if secondary:
            identification["secondaryIdInfos"] = secondary
        text: str | None
        for field, key in (("brief_title", "briefTitle"), ("official_title", "officialTitle")):
            text = self.value(field)
            if text and fold(text) not in _NONE_WORDS:
                identification[key] = values.english_part(text)
        acronym = self.value("acronym")
        if acronym and fold(acronym) not in _NONE_WORDS:
            identification["acronym"] = acronym
        if (
            "briefTitle" not in identification
            and "officialTitle" in identification
            and (self.raw.format == "html")
        ):
            identification["briefTitle"] = identification["officialTitle"]
        if "briefTitle" not in identification:
            title = self.title()
            if title is not None:
                identification["briefTitle"] = title
            elif "officialTitle" in identification:
                identification["briefTitle"] = identification["officialTitle"]
        words = [self.value("overall_status"), self.value("recruitment_status")]
        read = [values.status(word) for word in words if word and fold(word) not in _NONE_WORDS]
        known = [value for value in read if value in _KNOWN_STATUS]
        if known or read:
            status["overallStatus"] = (known or read)[0]
        why = self.value("why_stopped")
        if why:
            status["whyStopped"] = why
        for field, key in _DATE_KEYS.items():
            text = self.value(field)
            if not text:
                continue
            iso = values.date(text, day_first=day_first)
            if iso is None:
                self.keep(field, [text])
                continue
            status[key] = {"date": iso}
            label = fold(self.values[field][1].text)
            if "actual" in label:
                status[key]["type"] = "ACTUAL"
            elif "estimated" in label or "anticipated" in label or label.startswith("est "):
                status[key]["type"] = "ESTIMATED"
        submitted = self.value("first_submitted")
        if submitted:
            iso = values.date(submitted, day_first=day_first)
            if iso is not None:
                status["studyFirstSubmitDate"] = iso
            else:
                self.keep("first_submitted", [submitted])
        text = self.value("phases")
        if text:
            design["phases"] = values.phases(text)
        text = self.value("study_type")
        if text:
            design["studyType"] = values.study_type(text)
        elif self.value("type") and values.study_type(self.value("type") or "") in _KNOWN_TYPES:
            design["studyType"] = values.study_type(self.value("type") or "")
        design_info: dict[str, Any] = {}
        for field, (key, enum_type) in _DESIGN_INFO.items():
            text = self.value(field)
            if text:
                design_info[key] = to_v2(enum_type, text)
        text = self.value("masking")
        if text:
            design_info["maskingInfo"] = {"masking": to_v2(Masking, text)}
        if design_info:
            design["designInfo"] = design_info
        text = self.value("enrollment")
        if text:
            count = values.enrollment(text)
            if count is None:
                self.keep("enrollment", [text])
            else:
                info: dict[str, Any] = {"count": count}
                label = fold(self.values["enrollment"][1].text)
                if "actual" in label:
                    info["type"] = "ACTUAL"
                elif "estimated" in label or "anticipated" in label:
                    info["type"] = "ESTIMATED"
                design["enrollmentInfo"] = info
        self.eligibility(eligibility, day_first)
        lead = self.value("lead_sponsor")
        if lead and fold(lead) not in _NONE_WORDS:
            name, agency = _organisation(lead.rstrip(",; "))
            sponsors["leadSponsor"] = {"name": name, **({"class": agency} if agency else {})}
        collaborators = []
        for text in self.lists.get("collaborator", []):
            if fold(text) in _NONE_WORDS or fold(text) in ("industry", "other"):
                continue
            name, agency = _organisation(text)
            collaborators.append({"name": name, **({"class": agency} if agency else {})})
        if collaborators:
            sponsors["collaborators"] = collaborators
        conditions_module: dict[str, Any] = {}
        conditions = (
            _clean_list([values.english_part(text) for text in self.lists.get("conditions", [])])
            or self.summarised_conditions()
        )
        if conditions:
            conditions_module["conditions"] = conditions
        keywords = _clean_list(self.lists.get("keywords", []))
        if keywords:
            conditions_module["keywords"] = keywords
        arms: dict[str, Any] = {}
        interventions = _clean_list(
            [
                part
                for text in _typed_lines(self.lists.get("interventions", []))
                for part in _TYPED.split(text)
            ]
        )
        if interventions:
            arms["interventions"] = [_intervention(text) for text in interventions]
        description: dict[str, Any] = {}
        for field, key in (
            ("brief_summary", "briefSummary"),
            ("detailed_description", "detailedDescription"),
        ):
            lines = [line for line in self.prose[field] if line != identification.get("briefTitle")]
            if lines:
                description[key] = "\n\n".join(lines)
        protocol = {
            name: module
            for name, module in (
                ("identificationModule", identification),
                ("statusModule", status),
                ("sponsorCollaboratorsModule", sponsors),
                ("descriptionModule", description),
                ("conditionsModule", conditions_module),
                ("designModule", design),
                ("armsInterventionsModule", arms),
                ("eligibilityModule", eligibility),
            )
            if module
        }
        self.refuse_unless_trial(protocol, own_id, "briefTitle" in identification)
        for place, lines in self.kept.items():
            key = f"page:{place}"
            if key not in self.raw.extras:
                self.raw.keep(key, "\n".join(lines), "page text the reader could not place")
        for field in dict.fromkeys(self.cut_fields):
            self.raw.warnings.append(
                ParseWarning(
                    code=WarningCode.TRUNCATED_VALUE.value,
                    path=field,
                    message="the value runs to the end of the page and may be cut off",
                )
            )
        self.raw.data = {"protocolSection": protocol, "hasResults": False}
        return self.raw

    def eligibility(self, module: dict[str, Any], day_first: bool) -> None:
        del day_first
        minimum = self.value("minimum_age")
        maximum = self.value("maximum_age")
        ages = self.value("ages")
        if ages and not (minimum or maximum):
            found = values.age_range(ages)
            if found is not None:
                minimum_age, maximum_age = found
                if minimum_age:
                    module["minimumAge"] = minimum_age
                if maximum_age:
                    module["maximumAge"] = maximum_age
            else:
                self.keep("ages", [ages])
            mentioned = _SEX_IN_AGES.search(ages)
            if mentioned is not None and not self.value("sex"):
                module["sex"] = values.sex(mentioned[1])
        for text, key in ((minimum, "minimumAge"), (maximum, "maximumAge")):
            if text:
                age = values.age(text)
                if age is not None and re.fullmatch(r"\d+(?:\.\d+)? [A-Z][a-z]+", age):
                    module[key] = age
                elif age is not None:
                    self.keep(key, [text])
        text = self.value("sex")
        if text:
            found_sex = values.sex(text)
            if found_sex is not None:
                module["sex"] = found_sex
        text = self.value("healthy_volunteers")
        if text:
            answer = values.healthy_volunteers(text)
            if answer is not None:
                module["healthyVolunteers"] = answer
            else:
                self.keep("healthy_volunteers", [text])
        if self.criteria["inclusion"] or self.criteria["exclusion"]:
            # lines of an eligibility section outside its inclusion and exclusion lists
            self.keep("eligibility", [entry.text for entry in self.criteria[""]])
            self.criteria[""] = []
            # and text of a criteria field that names no list ("Male or female participants
            # at least 18 years old." above "Inclusion Criteria: - ...")
            free = [text for text in self.criteria_text if not _INLINE_HEADING.search(text)]
            self.keep("eligibility", free)
            self.criteria_text = [text for text in self.criteria_text if text not in free]
        criteria = _criteria_text(self.criteria, self.criteria_text)
        if criteria:
            module["eligibilityCriteria"] = criteria
            if any(entry.cut for side in self.criteria.values() for entry in side[-1:]):
                self.cut_fields.append("criteria")

    def refuse_unless_trial(
        self, protocol: dict[str, Any], own_id: str | None, titled: bool
    ) -> None:
        named = {name for name in self.values if name not in ("other", *_TITLE_FIELDS)} | {
            name for name, items in self.lists.items() if items
        }
        has_criteria = bool(
            self.criteria["inclusion"] or self.criteria["exclusion"] or self.criteria_text
        )
        if own_id or named or has_criteria or "eligibilityModule" in protocol:
            return
        # a whole page's menus are lists too: excerpts only
        if self.raw.format == "text":
            lines = [entry for entry in self.entries if entry.kind in ("item", "para")]
            lines += [child for entry in self.entries for child in entry.children]
            listed = sum(1 for entry in lines if len(entry.text) < 400) >= 3 and any(
                _AGE_WORDS.search(entry.text) for entry in lines
            )
            described = titled and (
                any(entry.kind == "item" for entry in lines) or any(self.prose.values())
            )
            if listed or described:
                return
        raise UnknownFormat(
            "no trial on this page: no registry ID, no field label of a trial record and no "
            "list of eligibility criteria found",
            record_id=self.raw.path,
            location="page",
        )


_TABLE_LINES = 40
"""The most lines an unlabelled table is looked for in (its rows hold one line each, or a few)."""


def _reads_as(grammar: str, line: str) -> bool:
    if grammar == "date":
        return values.date(line) is not None
    if grammar == "phases":
        return values.fits("phases", line)
    if grammar == "status":
        return values.status(line) in _KNOWN_STATUS
    return values.date(line) is None


def _align(
    rows: tuple[tuple[str, str, str], ...], lines: list[str]
) -> list[tuple[int, int]] | None:
    """The lines of each row of an unlabelled table, as (start, end) spans: the first reading
    (fewest lines to the earliest rows) where every line fits its row's grammar; None when the
    lines cannot be read as the table. Each row's lines are tried once per start (memoised), so
    the work grows with rows × lines²."""
    failed: set[tuple[int, int]] = set()

    def fit(row: int, start: int) -> list[tuple[int, int]] | None:
        if row == len(rows):
            return []
        if (row, start) in failed:
            return None
        _, grammar, count = rows[row]
        most = len(lines) if count == "+" else start + 1
        for end in range(start + 1, most + 1):
            if end > len(lines) or not _reads_as(grammar, lines[end - 1]):
                break
            rest = fit(row + 1, end)
            if rest is not None:
                return [(start, end), *rest]
        failed.add((row, start))
        return None

    return fit(0, 0)


def _join_lines(lines: list[str]) -> str:
    """A value wrapped over lines, joined: without a space between two lines of a script that
    writes no spaces ("…(医療用)の" / "有効性…"), else with one."""
    text = lines[0]
    for line in lines[1:]:
        glue = "" if not (text[-1:].isascii() or line[:1].isascii()) else " "
        text += glue + line
    return text


def _organisation(text: str) -> tuple[str, str | None]:
    """ "GlaxoSmithKline (Industry)" → ("GlaxoSmithKline", "INDUSTRY")."""
    match = re.fullmatch(
        r"(.*?)\s*\((Industry|Other|NIH|U\.S\. Fed|Other U\.S\. Fed|Network|"
        r"Individual|Unknown)\)",
        text.strip(),
        re.I,
    )
    if match is None:
        return text.strip(), None
    return match[1], to_v2(AgencyClass, match[2])


def _clean_list(lines: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for line in lines:
        text = _CODE_TAIL.sub("", line.strip()).strip()
        if text and fold(text) not in _NONE_WORDS and fold(text) not in NOISE:
            seen.setdefault(text)
    return list(seen)


_CELL_BULLET = re.compile(r"(?:^|\s)•\s+")


def _inline_list(value: str) -> list[str]:
    """The entries of a list written on one line: its bullets' items where it has more than one
    ("• Drug A Type: drug ... • Placebo Type: drug ..."), else its parts between commas and
    semicolons ("• Winter depression, winter blues"); an entry with its type after its name
    ("Drug A Type: drug Description: a, b") is one."""
    items = [item.strip() for item in _CELL_BULLET.split(value) if item.strip()]
    if len(items) != 1:
        return items
    if _TYPE_AFTER.fullmatch(items[0]):
        return items
    return re.split(r",\s+|;\s*", items[0])


_TYPE_WORDS = {fold(word): word for word in INTERVENTION_TYPES}
# "Extended-release Bupropion Hydrochloride Type: drug Description: • Arms: ...": a name, then
# its type and description as labelled parts of the one value
_TYPE_AFTER = re.compile(rf"(?P<name>.+?)\s+Type:\s*(?P<type>{_TYPES})\b(?!\s*:).*", re.I | re.S)


def _typed_lines(lines: list[str]) -> list[str]:
    """Intervention lines with their type written in front as "Type: name": a type word on a
    line of its own names the type of the line below it ("DRUG" / "Intensive Home BP control"),
    and a name followed by "Type: drug" has it after."""
    typed: list[str] = []
    kind: str | None = None
    for line in lines:
        word = _TYPE_WORDS.get(fold(line))
        if word is not None:
            kind = word
            continue
        after = _TYPE_AFTER.fullmatch(line.strip())
        if after is not None:
            kind, line = _TYPE_WORDS[fold(after["type"])], after["name"]
        typed.append(f"{kind}: {line}" if kind is not None else line)
        kind = None
    return typed


def _intervention(text: str) -> dict[str, Any]:
    match = _INTERVENTION_TYPE.match(text)
    if match is None:
        return {"name": text}
    kind = match[0].rstrip(": ").upper().replace(" ", "_")
    return {"name": text[match.end() :].strip(), "type": kind}


# "Inclusion Criteria:", "Exclusion criteria:", "EXCLUSION CRITERIA" inside a line; not "the
# following exclusion criteria shall ..." nor "inclusion/exclusion criteria"
_INLINE_HEADING = re.compile(
    r"\s*(?<![\w/])((?:(?i:key\s+)?(?i:inclusion|exclusion)\s+(?i:criteria)\s*:)"
    r"|(?:(?:Key\s+)?(?:Inclusion|Exclusion)\s+Criteria|(?:KEY\s+)?(?:INCLUSION|EXCLUSION)"
    r"\s+CRITERIA)\s*:?)\s*"
)
_INLINE_BULLET = re.compile(r"\s+\*\s+(?=\S)")
_INLINE_DASH = re.compile(r"(?<=[:.;a-z)])\s+-\s+(?=[A-Z])")


def _inline_criteria(text: str) -> str:
    """ "Inclusion Criteria: * a * b Exclusion Criteria: * c" written on one line, as lines."""
    text = _INLINE_BULLET.sub("\n* ", text)
    if _INLINE_HEADING.search(text) and len(_INLINE_DASH.findall(text)) >= 2:
        text = _INLINE_DASH.sub("\n* ", text)  # "Inclusion Criteria: - a - b"
    text = _INLINE_HEADING.sub(lambda match: f"\n\n{match[1]}\n\n", text).strip()
    # the site's own furniture before the list ("Click to view inclusion/exclusion criteria")
    return "\n\n".join(part for part in text.split("\n\n") if fold(part) not in NOISE)


_FIRST_MARKER = re.compile(r"(\()?([1aA])([.)])(?:\s+(?=\S)|$)")
_ITEM_END = re.compile(r"[\s,;-]*(?:\b(?:and|or)\b)?[\s,;-]*$")


def _next_marker(symbol: str) -> str:
    return str(int(symbol) + 1) if symbol.isdigit() else chr(ord(symbol) + 1)


def _enumerated(entry: Entry) -> list[Entry]:
    """A criterion that holds a whole numbered list run together, as its items: "(1) Children
    aged 1-6 years, (2) they had ..., and (5) caregivers ..." or "1. Mixed tumours2.
    Participation in ...". The numbers must follow one another (1, 2, 3 or a, b, c) in the one
    style of the first; three items at least ("1." style) or two ("(1)" style)."""
    text = entry.text
    if entry.marker is not None:
        first = _FIRST_MARKER.fullmatch(entry.marker)
        body = text
    else:
        first = _FIRST_MARKER.match(text)
        body = text[first.end() :] if first is not None else text
    if first is None or (first[1] and first[3] != ")"):
        return [entry]
    opening, symbol, closing = first[1] or "", first[2], first[3]
    before = r"(?<!\d)" if symbol.isdigit() else r"(?<![A-Za-z])"
    pieces: list[str] = []
    start = 0
    while True:
        symbol = _next_marker(symbol)
        found = re.compile(
            rf"{before}{re.escape(opening)}{symbol}{re.escape(closing)}\s+(?=\S)"
        ).search(body, start)
        if found is None:
            break
        pieces.append(_ITEM_END.sub("", body[start : found.start()]))
        start = found.end()
    pieces.append(body[start:].strip())
    if len(pieces) < (2 if opening else 3) or not all(pieces):
        return [entry]
    items = [Entry("item", piece, marker=entry.marker, depth=entry.depth) for piece in pieces]
    items[-1].cut = entry.cut
    return items


_LEAD_IN = re.compile(r"\bcriteri|\bfollowing\b|\bmust\b|\bif\b", re.I)


def _lead_in(entries: list[Entry], index: int) -> bool:
    """Whether a line ending in ":" leads into the items below it ("Patients must have:" with
    its items) rather than being an item whose sub-items the page text lost ("... including:"
    followed by the next item): it is followed by list items, or it opens the list and says
    what the list is."""
    following = entries[index + 1] if index + 1 < len(entries) else None
    if following is not None and following.kind == "item":
        return True
    return index == 0 and _LEAD_IN.search(entries[index].text) is not None


def _criteria_text(criteria: dict[str, list[Entry]], inline: list[str]) -> str | None:
    parts: list[str] = []
    for side, heading in (
        ("", None),
        ("inclusion", "Inclusion Criteria:"),
        ("exclusion", "Exclusion Criteria:"),
    ):
        entries = criteria[side]
        if not entries:
            continue
        lines: list[str] = []
        previous_item = False
        seen: set[str] = set()
        for index, entry in enumerate(entries):
            text = entry.text
            if text in seen or (text.endswith("...") and entry.kind == "item"):
                continue  # a page's teaser of the list ("Has a ...") or the list shown twice
            seen.add(text)
            indent = "  " * entry.depth
            if entry.kind == "item":
                lines.append(f"{indent}* {text}")
                previous_item = True
            elif previous_item and lines and (text[:1].islower() or lines[-1][-1:] not in ".;:"):
                lines[-1] += " " + text  # a wrapped line of the item above
            elif text.endswith(":") and _lead_in(entries, index):
                lines.append(text)
                previous_item = False
            else:
                lines.append(f"{indent}* {text}")
                previous_item = False
        block = "\n".join(lines)
        parts.append(f"{heading}\n\n{block}" if heading else block)
    if inline:
        parts.append("\n".join(inline))
    return "\n\n".join(parts) if parts else None


def build_record(entries: list[Entry], *, path: str | None, format: Format) -> RawRecord:
    """The v2-shaped record of a page's named entries (refused where it holds no trial)."""
    builder = _Builder(entries, path, format)
    builder.run()
    return builder.build()


def page_study(raw: RawRecord) -> Study:
    """The `Study` of a page's v2-shaped record, with the page's own registry ID."""
    study = build_study(raw)
    if raw.registry_id and raw.registry != "ctgov":
        study.registry_id = raw.registry_id  # the ID as the page writes it
    return study

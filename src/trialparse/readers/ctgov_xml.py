"""Legacy ClinicalTrials.gov XML (``<clinical_study>``) into the v2 JSON shape, then a `Study`.

Two layouts are read: the public download of 2007-2023 (``<required_header>``, ``<id_info>``,
``<sponsors>``, dates as "March 2024" with ``type="Anticipated"``) and the older archive
rendering (``<study_id>``, ``<study_sponsor>``, every text in a ``<textblock>``, dates inside
``<date>`` as "2003-10"). Elements with no v2 place are kept in `Study.extras` under their
element path, with a warning.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterator
from typing import Any

from lxml import etree

from ..errors import MalformedRecord
from ..model.enums import (
    AgencyClass,
    Allocation,
    ArmGroupType,
    ContactRole,
    DateType,
    EnrollmentType,
    InterventionModel,
    InterventionType,
    Masking,
    OfficialRole,
    OverallStatus,
    PrimaryPurpose,
    RecruitmentStatus,
    ResponsiblePartyType,
    SecondaryIdType,
    Sex,
    StudyType,
)
from ..model.study import Format, Study
from ..model.values import Age, parse_date_parts
from ._xml import (
    attribute,
    attributes,
    child_paths,
    element_path,
    parse_xml,
    text_of,
)
from .base import RawRecord
from .ctgov_json import build_study
from .labels import first_known, phases_from_display, to_v2

__all__ = ["read", "read_element"]

FORMAT: Format = "ctgov-xml"

# "Accepts Healthy Volunteers" (2010s downloads), "Yes"/"No" (archive and older downloads).
_HEALTHY = {"accepts healthy volunteers": True, "yes": True, "no": False}
# <study_design> in downloads before 2017: "Allocation: Randomized, Intervention Model: ...".
_DESIGN_PAIR = re.compile(r"(?:^|,\s*)([A-Z][A-Za-z ]+?):\s*")
_DESIGN_KEYS: dict[str, tuple[str, Any]] = {
    "allocation": ("allocation", Allocation),
    "intervention model": ("interventionModel", InterventionModel),
    "primary purpose": ("primaryPurpose", PrimaryPurpose),
    "masking": ("masking", Masking),
}


# 2017 downloads sometimes list only the masked roles ("Participant, Outcomes Assessor"); the
# v2 masking level is the number of roles masked.
_MASKED_ROLES = frozenset({"participant", "care provider", "investigator", "outcomes assessor"})
_MASKING_BY_COUNT = {1: "SINGLE", 2: "DOUBLE", 3: "TRIPLE", 4: "QUADRUPLE"}


def _masking_from_roles(text: str) -> str | None:
    roles = [role.strip().lower() for role in text.split(",")]
    if roles and all(role in _MASKED_ROLES for role in roles):
        return _MASKING_BY_COUNT.get(len(set(roles)))
    return None


def _textblock(element: etree._Element | None) -> str | None:
    """Text of an element or its ``<textblock>``, with the fixed XML indentation removed."""
    if element is None:
        return None
    raw = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
    stripped = raw.strip()
    if "\n" not in stripped:  # one line: nothing to dedent (most values)
        return stripped or None
    # Lines holding only spaces separate paragraphs in the archive layout; make them blank
    # so that dedent sees the common indentation of the text lines.
    lines = [line if line.strip() else "" for line in raw.split("\n")]
    return textwrap.dedent("\n".join(lines)).strip()


def _structure(element: etree._Element) -> Any:
    """An element as plain data for `extras`: text, or a dict of children (lists if repeated)."""
    children = [child for child in element if isinstance(child.tag, str)]
    if not children and not element.attrib:
        text = (element.text or "").strip()
        if "\n" not in text:  # a leaf on one line, the common case: no dedent needed
            return text or None
        return _textblock(element)
    result: dict[str, Any] = {"@" + name: value for name, value in attributes(element)}
    if not children:
        result["#text"] = _textblock(element)
        return result
    stray = _stray_text(element)
    if stray is not None:  # mixed content: the text between the children
        result["#text"] = stray
    grouped: dict[str, list[Any]] = {}
    for child in children:
        grouped.setdefault(str(child.tag), []).append(_structure(child))
    for tag, values in grouped.items():
        result[tag] = values[0] if len(values) == 1 else values
    return result


def _stray_text(element: etree._Element) -> str | None:
    """The text of an element with children that lies outside them (before, between, after)."""
    pieces = [element.text, *(child.tail for child in element)]
    text = " ".join(" ".join(piece.split()) for piece in pieces if piece and not piece.isspace())
    return text or None


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value is not None and value != [] and value != {}:
        target[key] = value


class _Reader:
    """One record's mapping into the v2 shape; unmapped elements go to `raw.keep`."""

    def __init__(self, root: etree._Element, path: str | None) -> None:
        self.root = root
        self.raw = RawRecord(data={}, format=FORMAT, path=path)
        self.modules: dict[str, dict[str, Any]] = {}
        self.record_id: str | None = path
        # what is kept whole: the root's children by their place (a flag each, so that many
        # kept children hold no element object), elements further down by themselves
        self.kept_children = bytearray()
        self.kept: set[etree._Element] = set()
        self.current: etree._Element | None = None
        """The root's child being read, and its path."""
        self.current_path = ""

    def module(self, name: str) -> dict[str, Any]:
        return self.modules.setdefault(name, {})

    def keep(
        self, element: etree._Element, message: str | None = None, path: str | None = None
    ) -> None:
        if element.getparent() is self.root:  # the root's child now mapped or kept
            self.kept_children[-1] = 1
        else:
            self.kept.add(element)
        self.raw.keep(path or self.path(element), _structure(element), message)

    def keep_rest(self, parent: etree._Element, mapped: frozenset[str]) -> None:
        if all(child.tag in mapped for child in parent if isinstance(child.tag, str)):
            return  # the common case: no path to work out
        for child, path in self.children(parent):
            if child.tag not in mapped:
                self.keep(child, path=path)

    def children(self, parent: etree._Element) -> Iterator[tuple[etree._Element, str]]:
        """`child_paths` of an element inside the root's current child."""
        return child_paths(parent, self.path(parent))

    def path(self, element: etree._Element) -> str:
        """`element_path` of an element, its siblings counted only below the root's current
        child (whose path is known): `getpath` counts the root's children again on each call,
        quadratic in thousands of locations."""
        steps: list[str] = []
        node: etree._Element | None = element
        while node is not self.current:
            parent = node.getparent() if node is not None else None
            tag = node.tag if node is not None else None
            if parent is None or not isinstance(tag, str) or tag.startswith("{"):
                return element_path(element)  # outside the current child, or namespaced
            assert node is not None
            before = sum(1 for _ in node.itersiblings(tag, preceding=True))
            if before or next(node.itersiblings(tag), None) is not None:
                steps.append(f"{tag}[{before + 1}]")
            else:
                steps.append(tag)
            node = parent
        return "/".join([self.current_path, *reversed(steps)])

    # -- values -----------------------------------------------------------------------------
    def date(self, element: etree._Element | None) -> str | None:
        """ISO text of a date element ("March 2024" → "2024-03"); unreadable ones are kept."""
        if element is None:
            return None
        holder = element.find("date")
        text = text_of(holder if holder is not None else element)
        if text is None:
            return None
        parts = parse_date_parts(text)
        if parts is None:
            self.keep(element, f"not a date: {text!r}; kept in extras")
            return None
        year, month, day = parts
        if month is None:
            return f"{year:04d}"
        if day is None:
            return f"{year:04d}-{month:02d}"
        return f"{year:04d}-{month:02d}-{day:02d}"

    def date_struct(self, element: etree._Element | None) -> dict[str, Any] | None:
        iso = self.date(element)
        if iso is None or element is None:
            return None
        struct: dict[str, Any] = {"date": iso}
        _put(struct, "type", to_v2(DateType, attribute(element, "type")))
        return struct

    def age(self, element: etree._Element | None) -> str | None:
        text = text_of(element)
        if text is None or element is None:
            return None
        try:
            age = Age.parse(text)
        except ValueError:
            self.keep(element, f"not an age: {text!r}; kept in extras")
            return None
        return None if age is None else age.to_ctgov()

    def integer(self, element: etree._Element | None) -> int | None:
        text = text_of(element)
        if text is None or element is None:
            return None
        try:
            return int(text)
        except ValueError:
            self.keep(element, f"not a whole number: {text!r}; kept in extras")
            return None

    # -- elements ---------------------------------------------------------------------------
    def id_info(self, element: etree._Element) -> None:
        ident = self.module("identificationModule")
        mapped = {"org_study_id", "nct_id", "secondary_id"}
        for child, child_path in self.children(element):
            if not isinstance(child.tag, str):
                continue
            tag = child.tag
            if tag == "nct_id":
                _put(ident, "nctId", text_of(child))
            elif tag == "org_study_id":
                _put(ident, "orgStudyIdInfo", {"id": text_of(child)} if text_of(child) else None)
            elif tag == "secondary_id":
                secondary = self.secondary_id(child)
                if secondary:
                    ident.setdefault("secondaryIdInfos", []).append(secondary)
            elif tag not in mapped:
                self.keep(child, path=child_path)
        nct_id = ident.get("nctId")
        if nct_id:
            self.record_id = nct_id

    def secondary_id(self, element: etree._Element) -> dict[str, Any]:
        if element.find("id") is None:
            text = text_of(element)
            return {"id": text} if text else {}
        result: dict[str, Any] = {}
        _put(result, "id", text_of(element.find("id")))
        _put(result, "type", to_v2(SecondaryIdType, text_of(element.find("id_type"))))
        _put(result, "domain", text_of(element.find("id_domain")))
        self.keep_rest(element, frozenset({"id", "id_type", "id_domain"}))
        return result

    def title(self, key: str) -> Callable[[etree._Element], None]:
        def handle(element: etree._Element) -> None:
            text = _textblock(element)
            if text is not None:
                self.module("identificationModule")[key] = " ".join(text.split())

        return handle

    def description(self, key: str) -> Callable[[etree._Element], None]:
        def handle(element: etree._Element) -> None:
            _put(self.module("descriptionModule"), key, _textblock(element))

        return handle

    def sponsors(self, element: etree._Element) -> None:
        module = self.module("sponsorCollaboratorsModule")
        for child, child_path in self.children(element):
            if not isinstance(child.tag, str):
                continue
            if child.tag == "lead_sponsor":
                _put(module, "leadSponsor", self.organization(child))
            elif child.tag in ("collaborator", "sponsor"):
                organization = self.organization(child)
                if organization:
                    module.setdefault("collaborators", []).append(organization)
            else:
                self.keep(child, path=child_path)

    def organization(self, element: etree._Element) -> dict[str, Any]:
        result: dict[str, Any] = {}
        _put(result, "name", text_of(element.find("agency")))
        _put(result, "class", to_v2(AgencyClass, text_of(element.find("agency_class"))))
        self.keep_rest(element, frozenset({"agency", "agency_class"}))
        return result

    def responsible_party(self, element: etree._Element) -> None:
        party: dict[str, Any] = {}
        kind = text_of(element.find("responsible_party_type")) or text_of(
            element.find("resp_party_type")
        )
        _put(party, "type", to_v2(ResponsiblePartyType, kind))
        _put(party, "investigatorFullName", text_of(element.find("investigator_full_name")))
        _put(party, "investigatorAffiliation", text_of(element.find("investigator_affiliation")))
        self.keep_rest(
            element,
            frozenset(
                {
                    "responsible_party_type",
                    "resp_party_type",
                    "investigator_full_name",
                    "investigator_affiliation",
                }
            ),
        )
        _put(self.module("sponsorCollaboratorsModule"), "responsibleParty", party)

    def overall_status(self, element: etree._Element) -> None:
        _put(self.module("statusModule"), "overallStatus", to_v2(OverallStatus, text_of(element)))

    def status_block(self, element: etree._Element) -> None:
        """Archive layout: ``<status_block><status/><date/><why_stopped/></status_block>``."""
        status = self.module("statusModule")
        _put(status, "overallStatus", to_v2(OverallStatus, text_of(element.find("status"))))
        _put(status, "whyStopped", _textblock(element.find("why_stopped")))
        self.keep_rest(element, frozenset({"status", "why_stopped"}))

    def why_stopped(self, element: etree._Element) -> None:
        _put(self.module("statusModule"), "whyStopped", _textblock(element))

    def date_field(self, key: str) -> Callable[[etree._Element], None]:
        def handle(element: etree._Element) -> None:
            _put(self.module("statusModule"), key, self.date_struct(element))

        return handle

    def first_submitted(self, element: etree._Element) -> None:
        _put(self.module("statusModule"), "studyFirstSubmitDate", self.date(element))

    def phase(self, element: etree._Element) -> None:
        # the archive layout lists one <phase> per phase inside <phase_block>
        holders = element.findall("phase") or [element]
        phases = [p for holder in holders for p in phases_from_display(text_of(holder))]
        if phases:
            design = self.module("designModule")
            for phase in phases:
                if phase not in design.setdefault("phases", []):
                    design["phases"].append(phase)

    def study_type(self, element: etree._Element) -> None:
        _put(self.module("designModule"), "studyType", to_v2(StudyType, text_of(element)))

    def design_info(self, element: etree._Element) -> None:
        info = self.module("designModule").setdefault("designInfo", {})
        for child, child_path in self.children(element):
            if not isinstance(child.tag, str):
                continue
            known = _DESIGN_KEYS.get(child.tag.replace("_", " "))
            if known is None:
                self.keep(child, path=child_path)
            else:
                self.design_value(info, known, text_of(child))

    def design_value(self, info: dict[str, Any], known: tuple[str, Any], text: str | None) -> None:
        key, enum_type = known
        value = to_v2(enum_type, text)
        if value is None:
            return
        if key == "masking":
            info["maskingInfo"] = {"masking": _masking_from_roles(value) or value}
        else:
            info[key] = value

    def study_design(self, element: etree._Element) -> None:
        """``<study_design>`` of older downloads: "Allocation: Randomized, Masking: ..."."""
        text = text_of(element)
        if text is None:
            return
        info = self.module("designModule").setdefault("designInfo", {})
        pieces = _DESIGN_PAIR.split(text)
        leftover: dict[str, str] = {}
        # split() gives ["", label1, value1, label2, value2, ...]
        for label, value in zip(pieces[1::2], pieces[2::2], strict=False):
            known = _DESIGN_KEYS.get(label.strip().lower())
            if known is None:
                leftover[label.strip()] = value.strip()
            else:
                self.design_value(info, known, value.strip())
        if leftover or pieces[0].strip():
            self.raw.keep(self.path(element), text, "design items with no v2 field")

    def archive_design(self, element: etree._Element) -> None:
        """Archive layout: one bare value per ``<design>`` ("Randomized", "Double Blind")."""
        text = text_of(element)
        if text is None:
            return
        info = self.module("designModule").setdefault("designInfo", {})
        for key, enum_type in _DESIGN_KEYS.values():
            value = first_known(enum_type, [text])
            taken = "maskingInfo" if key == "masking" else key
            if value is not None and taken not in info:
                self.design_value(info, (key, enum_type), value)
                return
        self.keep(element)

    def enrollment(self, element: etree._Element) -> None:
        count = self.integer(element)
        if count is None:
            return
        enrollment: dict[str, Any] = {"count": count}
        kind = attribute(element, "type")
        if kind is None and element.tag == "expected_enrollment":
            kind = "Anticipated"
        _put(enrollment, "type", to_v2(EnrollmentType, kind))
        self.module("designModule").setdefault("enrollmentInfo", enrollment)

    def listed(self, module: str, key: str) -> Callable[[etree._Element], None]:
        def handle(element: etree._Element) -> None:
            text = text_of(element)
            if text is not None:
                self.module(module).setdefault(key, []).append(text)

        return handle

    def arm_group(self, element: etree._Element) -> None:
        arm: dict[str, Any] = {}
        _put(arm, "label", text_of(element.find("arm_group_label")))
        kind = element.find("arm_group_type")
        if kind is None:
            kind = element.find("arm_type")
        _put(arm, "type", to_v2(ArmGroupType, text_of(kind)))
        _put(arm, "description", _textblock(element.find("description")))
        self.keep_rest(
            element, frozenset({"arm_group_label", "arm_group_type", "arm_type", "description"})
        )
        self.module("armsInterventionsModule").setdefault("armGroups", []).append(arm)

    def intervention(self, element: etree._Element) -> None:
        item: dict[str, Any] = {}
        kind = element.find("intervention_type")
        if kind is None:
            kind = element.find("intervent_type")
        _put(item, "type", to_v2(InterventionType, text_of(kind)))
        name = element.find("intervention_name")
        if name is None:
            name = element.find("primary_name")
        _put(item, "name", text_of(name))
        _put(item, "description", _textblock(element.find("description")))
        _put(
            item,
            "armGroupLabels",
            [t for t in map(text_of, element.iterfind("arm_group_label")) if t],
        )
        _put(item, "otherNames", [t for t in map(text_of, element.iterfind("other_name")) if t])
        self.keep_rest(element, _INTERVENTION_TAGS)
        self.module("armsInterventionsModule").setdefault("interventions", []).append(item)

    def link_arms(self) -> None:
        """v2 arms list their intervention names; legacy XML links from the intervention side."""
        module = self.modules.get("armsInterventionsModule")
        if not module:
            return
        arms = {arm.get("label"): arm for arm in module.get("armGroups", [])}
        for item in module.get("interventions", []):
            name = item.get("name")
            kind = item.get("type")
            if name is None:
                continue
            # v2 writes "Drug: Aspirin" in armGroups[].interventionNames.
            label = f"{str(kind).replace('_', ' ').title()}: {name}" if kind else name
            for arm_label in item.get("armGroupLabels", []):
                arm = arms.get(arm_label)
                if arm is not None and label not in arm.setdefault("interventionNames", []):
                    arm["interventionNames"].append(label)

    def outcome(self, key: str) -> Callable[[etree._Element], None]:
        def handle(element: etree._Element) -> None:
            outcome: dict[str, Any] = {}
            _put(outcome, "measure", _textblock(element.find("measure")))
            _put(outcome, "description", _textblock(element.find("description")))
            _put(outcome, "timeFrame", _textblock(element.find("time_frame")))
            self.keep_rest(element, frozenset({"measure", "description", "time_frame"}))
            self.module("outcomesModule").setdefault(key, []).append(outcome)

        return handle

    def eligibility(self, element: etree._Element) -> None:
        module = self.module("eligibilityModule")
        mapped = {"criteria", "gender", "minimum_age", "maximum_age", "healthy_volunteers"}
        _put(module, "eligibilityCriteria", _textblock(element.find("criteria")))
        _put(module, "sex", to_v2(Sex, text_of(element.find("gender"))))
        _put(module, "minimumAge", self.age(element.find("minimum_age")))
        _put(module, "maximumAge", self.age(element.find("maximum_age")))
        healthy = element.find("healthy_volunteers")
        healthy_text = text_of(healthy)
        if healthy is not None and healthy_text is not None:
            flag = _HEALTHY.get(healthy_text.lower())
            if flag is None:
                self.keep(healthy, f"not a yes/no: {healthy_text!r}; kept in extras")
            else:
                module["healthyVolunteers"] = flag
        for child, child_path in self.children(element):
            if not isinstance(child.tag, str) or child.tag in mapped:
                continue
            if child.tag == "expected_enrollment":
                self.enrollment(child)
            else:
                self.keep(child, path=child_path)

    def person(self, element: etree._Element, role: str | None) -> dict[str, Any]:
        contact: dict[str, Any] = {}
        name = element.find("last_name")
        if name is None:
            name = element.find("name")
        _put(contact, "name", text_of(name))
        _put(contact, "role", role)
        _put(contact, "phone", text_of(element.find("phone")))
        _put(contact, "phoneExt", text_of(element.find("phone_ext")))
        _put(contact, "email", text_of(element.find("email")))
        self.keep_rest(element, _PERSON_TAGS)
        return contact

    def central_contact(self, element: etree._Element) -> None:
        contact = self.person(element, ContactRole.CONTACT.value)
        self.module("contactsLocationsModule").setdefault("centralContacts", []).append(contact)

    def official(self, element: etree._Element) -> None:
        official: dict[str, Any] = {}
        name = element.find("last_name")
        if name is None:
            name = element.find("name")
        _put(official, "name", text_of(name))
        _put(official, "role", to_v2(OfficialRole, text_of(element.find("role"))))
        affiliation = element.find("affiliation")
        if affiliation is not None and affiliation.find("agency") is not None:
            affiliation = affiliation.find("agency")
        _put(official, "affiliation", text_of(affiliation))
        self.keep_rest(element, frozenset({"last_name", "name", "role", "affiliation"}))
        self.module("contactsLocationsModule").setdefault("overallOfficials", []).append(official)

    def location(self, element: etree._Element) -> None:
        location: dict[str, Any] = {}
        facility = element.find("facility")
        if facility is not None:
            _put(location, "facility", text_of(facility.find("name")))
            address = facility.find("address")
            if address is not None:
                for tag in ("city", "state", "zip", "country"):
                    _put(location, tag, text_of(address.find(tag)))
                self.keep_rest(address, frozenset({"city", "state", "zip", "country"}))
            self.keep_rest(facility, frozenset({"name", "address"}))
        _put(location, "status", to_v2(RecruitmentStatus, text_of(element.find("status"))))
        contacts: list[dict[str, Any]] = []
        for child, child_path in self.children(element):
            if not isinstance(child.tag, str) or child.tag in ("facility", "status"):
                continue
            if child.tag in ("contact", "contact_backup"):
                role = to_v2(ContactRole, text_of(child.find("role"))) or ContactRole.CONTACT.value
                contacts.append(self.person(child, role))
            elif child.tag == "investigator":
                contacts.append(self.person(child, to_v2(ContactRole, text_of(child.find("role")))))
            else:
                self.keep(child, path=child_path)
        _put(location, "contacts", contacts)
        self.module("contactsLocationsModule").setdefault("locations", []).append(location)

    def results(self, element: etree._Element) -> None:
        self.raw.data["hasResults"] = True
        self.keep(element, "results section kept in extras: the model maps no results")

    # -- the record -------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        handlers = self.handlers()
        # search-result downloads carry rank="N" on the root
        for name, value in attributes(self.root):
            self.raw.keep(f"/clinical_study/@{name}", value)
        mapped: set[str] = set()
        for child, path in child_paths(self.root):
            self.kept_children.append(0)
            self.current, self.current_path = child, path
            tag = str(child.tag)
            handler = handlers.get(tag)
            if handler is None:
                self.keep(child, path=path)
            elif tag in mapped and tag not in _REPEATABLE:
                self.keep(child, f"a second <{tag}>: the first is mapped; kept in extras", path)
            else:
                mapped.add(tag)
                handler(child)
        self.current = None
        self.keep_strays()
        self.link_arms()
        data = self.raw.data
        data.setdefault("hasResults", False)
        data["protocolSection"] = {name: module for name, module in self.modules.items() if module}
        return data

    def keep_strays(self) -> None:
        """Keep what no handler reads inside mapped elements: their attributes (but the date
        and enrollment ``type``) and text lying between their children. One pass over the
        tree finds both; a path is worked out only for what is kept."""
        holders: list[etree._Element] = []
        strays: dict[etree._Element, list[str]] = {}
        root = self.root
        text = root.text
        if len(root) and text and not text.isspace():
            strays[root] = [text]
        index = -1
        for child in root:
            if not isinstance(child.tag, str):
                continue
            index += 1
            tail = child.tail
            if tail and not tail.isspace():
                strays.setdefault(root, []).append(tail)
            if self.kept_children[index]:  # kept whole, strays and all
                continue
            for element in child.iter(etree.Element):
                attrib = element.attrib
                # a date's or enrollment's own type="Actual" is read: the common case, passed
                # over
                if attrib and not (element.tag in _TYPED and attrib.keys() == ["type"]):
                    holders.append(element)
                tail = element.tail
                if tail and not tail.isspace() and element is not child:
                    parent = element.getparent()
                    if parent is not None:
                        strays.setdefault(parent, []).append(tail)
                if len(element):
                    text = element.text
                    if text and not text.isspace():
                        strays.setdefault(element, []).append(text)
        paths = _Paths(root)
        for element in holders:
            if self.inside_kept(element):
                continue
            for name, value in attributes(element):
                if name != "type" or element.tag not in _TYPED:
                    path = f"{paths.of(element)}/@{name}"
                    self.raw.keep(path, value, "an attribute no field holds")
        textblocks = _Textblocks()
        for container, pieces in strays.items():
            if not self.inside_kept(container) and not textblocks.inside(container):
                text = " ".join(" ".join(piece.split()) for piece in pieces)
                self.raw.keep(f"{paths.of(container)}/text()", text, "text between elements")

    def inside_kept(self, element: etree._Element | None) -> bool:
        """True when the element or one above it, below the root's children, is kept in extras
        whole (`keep_strays` passes over the root's children kept whole)."""
        while element is not None:
            if element in self.kept:
                return True
            element = element.getparent()
        return False

    def handlers(self) -> dict[str, Callable[[etree._Element], None]]:
        return {
            "id_info": self.id_info,
            "study_id": self.id_info,
            "brief_title": self.title("briefTitle"),
            "official_title": self.title("officialTitle"),
            "acronym": self.title("acronym"),
            "sponsors": self.sponsors,
            "study_sponsor": self.sponsors,
            "responsible_party": self.responsible_party,
            "resp_party": self.responsible_party,
            "brief_summary": self.description("briefSummary"),
            "detailed_description": self.description("detailedDescription"),
            "detailed_descr": self.description("detailedDescription"),
            "overall_status": self.overall_status,
            "status_block": self.status_block,
            "why_stopped": self.why_stopped,
            "start_date": self.date_field("startDateStruct"),
            "primary_completion_date": self.date_field("primaryCompletionDateStruct"),
            "primary_compl_date": self.date_field("primaryCompletionDateStruct"),
            "completion_date": self.date_field("completionDateStruct"),
            # the archive layout's end of study is the v2 completion date
            "end_date": self.date_field("completionDateStruct"),
            "firstreceived_date": self.first_submitted,
            "study_first_submitted": self.first_submitted,
            "lastchanged_date": self.date_field("lastUpdatePostDateStruct"),
            "last_update_posted": self.date_field("lastUpdatePostDateStruct"),
            "phase": self.phase,
            "phase_block": self.phase,
            "study_type": self.study_type,
            "study_design_info": self.design_info,
            "study_design": self.study_design,
            "design": self.archive_design,
            "enrollment": self.enrollment,
            "condition": self.listed("conditionsModule", "conditions"),
            "keyword": self.listed("conditionsModule", "keywords"),
            "arm_group": self.arm_group,
            "intervention": self.intervention,
            "primary_outcome": self.outcome("primaryOutcomes"),
            "secondary_outcome": self.outcome("secondaryOutcomes"),
            "other_outcome": self.outcome("otherOutcomes"),
            "eligibility": self.eligibility,
            "overall_official": self.official,
            "investigator": self.official,
            "overall_contact": self.central_contact,
            "overall_contact_backup": self.central_contact,
            "contact": self.central_contact,
            "location": self.location,
            "clinical_results": self.results,
            "clinical_result": self.results,
        }


_INTERVENTION_TAGS = frozenset(
    {
        "intervention_type",
        "intervent_type",
        "intervention_name",
        "primary_name",
        "description",
        "arm_group_label",
        "other_name",
    }
)
_PERSON_TAGS = frozenset({"last_name", "name", "role", "phone", "phone_ext", "email"})
# Top-level elements a record may hold many of; a second copy of any other is kept in extras.
_REPEATABLE = frozenset(
    {
        "phase",
        "design",
        "condition",
        "keyword",
        "arm_group",
        "intervention",
        "primary_outcome",
        "secondary_outcome",
        "other_outcome",
        "overall_official",
        "investigator",
        "overall_contact",
        "overall_contact_backup",
        "contact",
        "location",
        "clinical_results",
        "clinical_result",
    }
)
# Elements whose ``type`` attribute is read (ACTUAL/ESTIMATED of dates and enrollment).
_TYPED = frozenset(
    {
        "start_date",
        "primary_completion_date",
        "primary_compl_date",
        "completion_date",
        "end_date",
        "lastchanged_date",
        "last_update_posted",
        "enrollment",
        "expected_enrollment",
    }
)


class _Textblocks:
    """Whether an element is inside a value read whole: a ``<textblock>``, or an element
    holding one (text between their children is part of that value). Each element's answer is
    worked out once: looking for a ``<textblock>`` among the root's thousands of children for
    every stray text was quadratic."""

    def __init__(self) -> None:
        self.holds: dict[etree._Element, bool] = {}

    def inside(self, element: etree._Element | None) -> bool:
        while element is not None:
            if element.tag == "textblock":
                return True
            holds = self.holds.get(element)
            if holds is None:
                holds = self.holds[element] = element.find("textblock") is not None
            if holds:
                return True
            element = element.getparent()
        return False


class _Paths:
    """Element paths as `element_path` writes them, each parent's children counted once."""

    def __init__(self, root: etree._Element) -> None:
        self.known: dict[etree._Element, str] = {root: element_path(root)}

    def of(self, element: etree._Element) -> str:
        found = self.known.get(element)
        if found is None:
            parent = element.getparent()
            assert parent is not None  # only the root has none, and its path is known
            self.known.update(child_paths(parent, self.of(parent)))
            found = self.known[element]
        return found


def read_element(root: etree._Element, *, path: str | None = None) -> RawRecord:
    """Map a parsed ``<clinical_study>`` element into a `RawRecord` in the v2 JSON shape."""
    if root.tag != "clinical_study":
        raise MalformedRecord(
            f"expected a <clinical_study> root element, got <{root.tag}>",
            record_id=path or (root.findtext(".//nct_id") or "").strip() or None,
            location=f"line {root.sourceline}",
        )
    reader = _Reader(root, path)
    reader.run()
    return reader.raw


def read(content: bytes | str | dict[str, Any], *, path: str | None = None) -> Study:
    """Read one legacy ClinicalTrials.gov XML record into a `Study`."""
    if isinstance(content, dict):
        raise MalformedRecord("a dict is decoded JSON, not XML", record_id=path, location="$")
    root = parse_xml(content, record_id=path, set_aside=True)
    raw = read_element(root, path=path)
    del root  # the tree is freed before the mapping builds the study
    return build_study(raw)

"""ISRCTN records as the R package ctrdata stores them (JSON converted from ISRCTN's XML).

ctrdata's conversion writes an element that occurs once as a value and one that repeats as a
list (``"country": "Spain"`` or ``"country": ["United Kingdom", "England"]``), so every
repeatable element is read through `_many`. It keeps the sponsor, funder and contacts as IDs
only (``parties.sponsorId``): those stay in `extras`. The record has no status field: ISRCTN
derives it from the recruitment dates, and only an override ("Stopped") is stored.
Fields with no v2 place are kept in `Study.extras` under ``<section>.<key>``, with a warning.
"""

from __future__ import annotations

import re
from typing import Any, Final

import orjson

from ..errors import MalformedRecord
from ..model.enums import InterventionType, PrimaryPurpose, Sex, StudyType
from ..model.registry_ids import classify_id
from ..model.study import Format, Study
from .base import RawRecord
from .ctgov_json import build_study
from .labels import first_known, fold
from .values import NO_VALUE, registry_age, registry_phases

__all__ = ["read"]

FORMAT: Format = "isrctn-json"
_NOT_GIVEN: Final = NO_VALUE | {"nil known", "not provided at time of registration"}
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})T")


def _many(value: Any) -> list[Any]:
    """The items of a repeatable element: ctrdata writes one as a value, several as a list."""
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def _given(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    stripped = value.strip()
    return None if fold(stripped) in _NOT_GIVEN else stripped


def _date(value: Any) -> str | None:
    match = _DATE.match(value) if isinstance(value, str) else None
    return match[1] if match else None


class _Record:
    """One record's mapping into the v2 shape; `take` marks what was read."""

    def __init__(self, data: dict[str, Any], path: str | None) -> None:
        self.data = data
        self.raw = RawRecord(data={}, format=FORMAT, registry="isrctn", path=path)
        self.taken: set[tuple[str, str]] = set()

    def section(self, name: str) -> dict[str, Any]:
        value = self.data.get(name)
        if value is None or value == "":
            return {}
        if not isinstance(value, dict):
            raise MalformedRecord(
                f"expected an object, got {type(value).__name__}",
                record_id=self.raw.path,
                location=name,
            )
        return value

    def take(self, section: str, key: str) -> Any:
        self.taken.add((section, key))
        return self.section(section).get(key)

    def run(self) -> tuple[RawRecord, str]:
        number = self.data.get("isrctn")
        if not isinstance(number, (str, int)) or not str(number).strip().isdigit():
            raise MalformedRecord(
                f"expected an ISRCTN number, got {number!r}"[:120],
                record_id=self.raw.path,
                location="isrctn",
            )
        registry_id = f"ISRCTN{str(number).strip()}"
        self.raw.path = self.raw.path or registry_id
        protocol: dict[str, Any] = {}
        protocol["identificationModule"] = self.identification()
        protocol["statusModule"] = self.status()
        protocol["descriptionModule"] = {
            "briefSummary": _given(self.take("trialDescription", "plainEnglishSummary"))
        }
        protocol["designModule"] = self.design()
        protocol["conditionsModule"] = {
            "conditions": [
                text
                for item in _many(self.take("conditions", "condition"))
                if isinstance(item, dict) and (text := _given(item.get("description")))
            ]
        }
        protocol["armsInterventionsModule"] = {"interventions": self.interventions()}
        protocol["outcomesModule"] = {
            key: [{"measure": text}]
            for key, field in (
                ("primaryOutcomes", "primaryOutcome"),
                ("secondaryOutcomes", "secondaryOutcome"),
            )
            if (text := _given(self.take("trialDescription", field)))
        }
        protocol["eligibilityModule"] = self.eligibility()
        protocol["contactsLocationsModule"] = {"locations": self.locations()}
        self.raw.data["protocolSection"] = {
            name: {k: v for k, v in module.items() if v not in (None, [], {})}
            for name, module in protocol.items()
        }
        self.keep_rest()
        return self.raw, registry_id

    def identification(self) -> dict[str, Any]:
        refs = "externalRefs"
        ids: list[str] = []
        for key in ("eudraCTNumber", "irasNumber", "clinicalTrialsGovNumber"):
            if text := _given(self.take(refs, key)):
                ids.append(text)
        numbers = self.take(refs, "secondaryNumbers")
        if isinstance(numbers, dict):
            ids.extend(t for n in _many(numbers.get("secondaryNumber")) if (t := _given(n)))
        org = _given(self.take(refs, "protocolSerialNumber"))
        unique = [i for i in dict.fromkeys(ids) if i != org]
        nct = next(
            (f.id for i in unique if (f := classify_id(i)) is not None and f.registry == "ctgov"),
            None,
        )
        description = "trialDescription"
        return {
            "nctId": nct,
            "orgStudyIdInfo": {"id": org} if org else None,
            "secondaryIdInfos": [{"id": i} for i in unique],
            "briefTitle": _given(self.take(description, "title")),
            "officialTitle": _given(self.take(description, "scientificTitle")),
            "acronym": _given(self.take(description, "acronym")),
        }

    def status(self) -> dict[str, Any]:
        start = _date(self.take("participants", "recruitmentStart"))
        end = _date(self.take("trialDesign", "overallEndDate"))
        override = _given(self.take("trialDesign", "overallStatusOverride"))
        return {
            # ISRCTN's "Stopped" names no one v2 status: kept as written, with a warning
            "overallStatus": override,
            "whyStopped": _given(self.take("trialDesign", "reasonAbandoned")),
            "startDateStruct": {"date": start} if start else None,
            "completionDateStruct": {"date": end} if end else None,
        }

    def design(self) -> dict[str, Any]:
        design = "trialDesign"
        types = self.take(design, "trialTypes")
        purposes = _many(types.get("trialType")) if isinstance(types, dict) else []
        phases: list[str] = []
        for item in _many(self.section("interventions").get("intervention")):
            if isinstance(item, dict):
                phases.extend(
                    p for p in registry_phases(_given(item.get("phase"))) if p not in phases
                )
        final = _given(self.take("participants", "totalFinalEnrolment"))
        target = _given(self.take("participants", "targetEnrolment"))
        count, kind = (final, "ACTUAL") if final and final.isdigit() else (target, "ESTIMATED")
        secondary = self.take(design, "secondaryStudyDesign")
        randomised = isinstance(secondary, str) and "randomi" in secondary.lower()
        info = {
            "allocation": "RANDOMIZED" if randomised else None,
            "primaryPurpose": first_known(PrimaryPurpose, purposes),
        }
        return {
            "studyType": first_known(StudyType, [self.take(design, "primaryStudyDesign")]),
            "phases": phases,
            "designInfo": {k: v for k, v in info.items() if v},
            "enrollmentInfo": {"count": int(count), "type": kind}
            if count and count.isdigit()
            else None,
        }

    def interventions(self) -> list[dict[str, Any]]:
        self.taken.add(("interventions", "intervention"))
        found = []
        for item in _many(self.section("interventions").get("intervention")):
            if not isinstance(item, dict):
                continue
            description = _given(item.get("description"))
            name = _given(item.get("drugNames")) or (description or "").split("\n", 1)[0][:200]
            found.append(
                {
                    "name": name or None,
                    "type": first_known(InterventionType, [item.get("interventionType")]),
                    "description": description,
                }
            )
            rest = {k: v for k, v in item.items() if k not in _INTERVENTION_KEYS and v}
            if rest:
                self.raw.keep(f"interventions.intervention[{len(found) - 1}]", rest)
        return found

    def eligibility(self) -> dict[str, Any]:
        people = "participants"
        blocks = [
            f"{heading} Criteria:\n\n{text}"
            for key, heading in (("inclusion", "Inclusion"), ("exclusion", "Exclusion"))
            if (text := _given(self.take(people, key)))
        ]
        result: dict[str, Any] = {
            "eligibilityCriteria": "\n\n".join(blocks) or None,
            "sex": first_known(Sex, [self.take(people, "gender")]),
        }
        for key, v2_key, maximum in (
            ("lowerAgeLimit", "minimumAge", False),
            ("upperAgeLimit", "maximumAge", True),
        ):
            text = _given(self.take(people, key))
            try:
                age = registry_age(text, maximum=maximum)
            except ValueError:
                self.raw.keep(f"{people}.{key}", text, "an age bound not read")
                continue
            result[v2_key] = age.to_ctgov() if age else None
        return result

    def locations(self) -> list[dict[str, Any]]:
        centres = self.take("participants", "trialCentres")
        found = []
        items = _many(centres.get("trialCentre")) if isinstance(centres, dict) else []
        for centre in items:
            if isinstance(centre, dict):
                found.append(
                    {
                        "facility": _given(centre.get("name")),
                        "city": _given(centre.get("city")),
                        "state": _given(centre.get("state")),
                        "zip": _given(centre.get("zip")),
                        "country": _given(centre.get("country")),
                    }
                )
        return [{k: v for k, v in loc.items() if v} for loc in found]

    def keep_rest(self) -> None:
        for name, value in self.data.items():
            if name in ("isrctn", "ctrname", "record_last_import"):
                continue
            if isinstance(value, dict):
                for key, item in value.items():
                    if (name, key) not in self.taken and item not in ("", None, [], {}):
                        self.raw.keep(f"{name}.{key}", item)
            elif value not in ("", None, [], {}):
                self.raw.keep(name, value)


_INTERVENTION_KEYS: Final = frozenset({"description", "drugNames", "interventionType", "phase"})


def read(content: bytes | str | dict[str, Any], *, path: str | None = None) -> Study:
    """Read one ISRCTN record as ctrdata stores it into a `Study`."""
    if isinstance(content, dict):
        data: Any = content
    else:
        try:
            data = orjson.loads(content)
        except orjson.JSONDecodeError as exc:
            raise MalformedRecord(f"invalid JSON: {exc}", record_id=path, location="$") from None
    if not isinstance(data, dict):
        raise MalformedRecord(
            f"expected a JSON object (one ISRCTN record), got {type(data).__name__}",
            record_id=path,
            location="$",
        )
    raw, registry_id = _Record(data, path).run()
    study = build_study(raw)
    study.registry_id = registry_id
    return study

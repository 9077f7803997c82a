"""Value parsers of the page readers: the v2 values of page lines and of runs of value words.

Statuses, study types, sexes, phases, dates and ages are read by `readers.values`, the parsers
every reader but ClinicalTrials.gov's shares, re-exported here; this module adds what only
pages write: age ranges, participant counts, healthy-volunteer answers, bilingual values, value
words run together, and which values fit a field's grammar.
"""

from __future__ import annotations

import re

from ..values import (
    KNOWN_PHASES,
    KNOWN_STATUSES,
    KNOWN_STUDY_TYPES,
    age,
    date,
    english_half,
    phases,
    sex,
    status,
    study_type,
)
from .vocabulary import fold

__all__ = [
    "age",
    "age_range",
    "date",
    "english_part",
    "enrollment",
    "fits",
    "glued_values",
    "healthy_volunteers",
    "phases",
    "sex",
    "stated_status",
    "status",
    "study_type",
]

_LATIN_TAIL = re.compile(r"[A-Za-z][\x20-\x7e]*$")


def english_part(text: str) -> str:
    """The English half of a value written in a registry's language and then in English
    ("閉経後の諸症状 postmenopausal disorders" → "postmenopausal disorders"); else the text."""
    value = english_half(text)
    if value and not value[0].isascii():
        match = _LATIN_TAIL.search(value)
        if match is not None and len(match[0].split()) >= 2:
            return match[0].strip()
    return value


_RANGE = re.compile(
    r"(\d+(?:\.\d+)?)\s*([A-Za-z歳才岁]*(?:\(s\))?)\s*(?:-|–|to|and|~|〜|～)\s*(\d+(?:\.\d+)?|undefined)"
    r"\s*([A-Za-z歳才岁]*)",
    re.IGNORECASE,
)
_LOWER = re.compile(
    r"(?:≥|>=|=>|at least|over|from|aged?)?\s*(\d+(?:\.\d+)?)\s*([A-Za-z歳才岁]*(?:\(s\))?)\s*"
    r"(?:and|or|\+|以上)?\s*(older|over|above|and up|up|以上|\+)?",
    re.IGNORECASE,
)


def age_range(text: str) -> tuple[str | None, str | None] | None:
    """(minimum, maximum) of an age range in v2 form, or None where none is written.

    "18 Years to 75 Years (Adult)", "60 - 85", "Between 18 Year(s) - 100 Year(s)", "Ages 50-80",
    "18 Years and older", "≥ 18", "18 Years - undefined (Adult, Older Adult)".
    """
    head = text.split("(", 1)[0] if not re.search(r"\(s\)", text) else text
    plus = _PLUS.match(head)
    if plus is not None:  # "18+ years"
        return age(f"{plus[1]} {plus[2] or 'Years'}"), None
    match = _RANGE.search(head)
    if match:
        low_unit = match[2] or match[4]
        low = age(f"{match[1]} {low_unit}")
        high = (
            None if match[3].lower() == "undefined" else age(f"{match[3]} {match[4] or low_unit}")
        )
        return low, high
    match = _LOWER.search(head)
    if match and (match[3] or re.search(r"≥|>=|=>|at least|over", head, re.IGNORECASE)):
        return age(f"{match[1]} {match[2]}"), None
    return None


_PLUS = re.compile(r"\s*(\d+(?:\.\d+)?)\s*\+\s*([A-Za-z]*)")
_COUNT = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?![\d.])")


def enrollment(text: str) -> int | None:
    """The participant count a page states: "10 participants", "10,000", "Target: 100"."""
    match = _COUNT.search(text)
    return int(match[1].replace(",", "")) if match else None


_YES = frozenset({"yes", "true", "accepts healthy volunteers", "はい", "是", "y"})
_NO = frozenset(
    {
        "no",
        "false",
        "does not accept healthy volunteers",
        "いいえ",
        "否",
        "n",
        "not accepting healthy volunteers",
    }
)


def healthy_volunteers(text: str) -> bool | None:
    """Yes/No (and the sites' own phrasings) as a bool; None when neither."""
    key = fold(english_half(text))
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None


_DATE_FIELDS = frozenset(
    {"start_date", "primary_completion_date", "completion_date", "last_updated", "first_posted"}
)


def fits(field: str, text: str) -> bool:
    """Whether a value reads as a value of the field, for the fields whose values form a closed
    grammar (study types, phases, sex, healthy volunteers, counts, dates); any other field takes
    any value. "Type 2 Diabetes Mellitus" is no "Type" label with the value "2 Diabetes
    Mellitus"; "Phase II Study of ..." is no "Phase" label with its value."""
    if field in ("study_type", "type"):
        return study_type(text) in KNOWN_STUDY_TYPES
    if field == "phases":
        return all(value in KNOWN_PHASES for value in phases(text))
    if field == "sex":
        return sex(text) in ("ALL", "FEMALE", "MALE")
    if field == "healthy_volunteers":
        return healthy_volunteers(text) is not None
    if field == "enrollment":
        return enrollment(text) is not None
    if field in _DATE_FIELDS:
        return date(text) is not None
    if field in ("brief_title", "official_title"):
        return any(char.isalpha() for char in text)  # "Clinical Trial 37868": no title
    return True


# "NARecruitingINTERVENTIONAL": words run together where the case changes
_GLUE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def glued_values(text: str) -> dict[str, str] | None:
    """The phase, status and study type of a line of value words run together without labels
    ("NARecruitingINTERVENTIONAL", "PHASE2Active, not recruitingOBSERVATIONAL"): field → the
    words, or None unless every part is one of these values (two parts at least)."""
    if len(text) > 80 or ". " in text:
        return None  # a line of prose, not a run of value words
    parts = [part.strip(" ,") for part in _GLUE.split(text)]
    merged: list[str] = []
    for part in parts:
        if merged and part[:1].islower():
            merged[-1] += part  # "Active, not recruiting": one status
        elif part:
            merged.append(part)
    if len(merged) < 2:
        return None
    found: dict[str, str] = {}
    for part in merged:
        if "study_type" not in found and study_type(part) in KNOWN_STUDY_TYPES:
            found["study_type"] = part
        elif "overall_status" not in found and status(part) in KNOWN_STATUSES:
            found["overall_status"] = part
        elif all(value in KNOWN_PHASES for value in phases(part)):
            found["phases"] = f"{found['phases']}, {part}" if "phases" in found else part
        else:
            return None
    return found


_STATED_STATUS = re.compile(r"This (?:trial|study) is (?:currently |now )?(?P<words>[^.]{3,40})\.")


def stated_status(text: str) -> str | None:
    """The status words of a sentence stating them ("This trial is active, not recruiting."),
    where they mean a v2 status; else None."""
    match = _STATED_STATUS.fullmatch(text.strip())
    if match is None or status(match["words"]) not in KNOWN_STATUSES:
        return None
    return match["words"]

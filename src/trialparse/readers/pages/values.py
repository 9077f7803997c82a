"""Value parsers shared by the page readers: statuses, phases, dates, ages, counts, sex.

Every parser takes the value as a page writes it and returns the ClinicalTrials.gov v2 form
(an enum value, ``"2024-02-01"``, ``"18 Years"``), or the raw text where no v2 value is safe,
so that the v2 mapping keeps it with a warning. None means "the page states no value".
The words they know are data: `value_words` (statuses, study types, sexes, age units, shared
with the registry readers) and the model's month names.
"""

from __future__ import annotations

import re

from ...model.enums import OverallStatus, Phase, Sex, StudyType
from ...model.values import MONTHS
from ..labels import to_v2
from ..value_words import AGE_UNITS, SEXES, STATUSES, STUDY_TYPES
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

_KNOWN_STATUS = frozenset(member.value for member in OverallStatus)
_KNOWN_PHASES = frozenset(member.value for member in Phase)


def _english_half(text: str) -> str:
    """ "一般募集中/Open public recruiting" → "Open public recruiting" (bilingual values)."""
    if "/" in text:
        head, tail = text.split("/", 1)
        if not head.isascii() and tail.strip() and tail.isascii():
            return tail.strip()
    return text.strip()


_LATIN_TAIL = re.compile(r"[A-Za-z][\x20-\x7e]*$")


def english_part(text: str) -> str:
    """The English half of a value written in a registry's language and then in English
    ("閉経後の諸症状 postmenopausal disorders" → "postmenopausal disorders"); else the text."""
    value = _english_half(text)
    if value and not value[0].isascii():
        match = _LATIN_TAIL.search(value)
        if match is not None and len(match[0].split()) >= 2:
            return match[0].strip()
    return value


def status(text: str) -> str | None:
    """The v2 overall status a page's status word means, or the word itself."""
    value = _english_half(text)
    if not value:
        return None
    found = STATUSES.get(fold(value))
    if found is not None:
        return found
    mapped = to_v2(OverallStatus, value)
    if mapped in _KNOWN_STATUS:
        return mapped
    head = STATUSES.get(fold(text.strip()))
    return head if head is not None else value


_PHASE_NUMBER = r"(?:[0-4]|iv|iii|ii|i)"
_PHASE = re.compile(
    rf"(early[\s_]*phase[\s_]*(?:1|i)\b)|phase\s*({_PHASE_NUMBER})[ab]?(?![0-9a-z])"
    rf"((?:\s*(?:/|-|–|&|,|and|or)\s*(?:phase\s*)?{_PHASE_NUMBER}[ab]?(?![0-9a-z]))*)"
    r"|第\s*([1-4]|I{1,3}|IV)\s*相|(\bn\s*/?\s*a\b|not\s+applicable)",
    re.IGNORECASE,
)
_MORE_PHASES = re.compile(rf"({_PHASE_NUMBER})[ab]?(?![0-9a-z])", re.IGNORECASE)
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}


def _phase_of(number: str) -> str:
    digit = _ROMAN.get(number.lower(), number)
    return "EARLY_PHASE1" if digit == "0" else f"PHASE{digit}"


_NO_PHASE = frozenset({"not specified", "not stated", "not known", "unknown"})


def phases(text: str) -> list[str]:
    """The v2 phases a page's phase value names ("Phase I/II" → PHASE1, PHASE2; "N/A" → NA;
    "Not Specified" → none).

    A value that names no phase gives ``[text]``, kept by the v2 mapping with a warning.
    """
    stripped = text.strip()
    if not stripped or fold(stripped) in _NO_PHASE:
        return []
    found: list[str] = []
    for match in _PHASE.finditer(stripped):
        early, number, more, kanji, na = match.groups()
        values: list[str]
        if early:
            values = ["EARLY_PHASE1"]
        elif number:
            values = [_phase_of(number)]
            values += [_phase_of(m[1]) for m in _MORE_PHASES.finditer(more or "")]
        elif kanji:
            values = [_phase_of(kanji)]
        else:
            values = ["NA"] if na else []
        found.extend(v for v in values if v not in found)
    if not found and re.fullmatch(r"PHASE[1-4]|EARLY_PHASE1|NA", stripped):
        found = [stripped]
    if not found:
        # the value of a "Phase" label written without the word: "3", "II", "1/2", "2a"
        bare = re.fullmatch(
            rf"({_PHASE_NUMBER})[ab]?((?:\s*[/&,-]\s*{_PHASE_NUMBER}[ab]?)*)", stripped, re.I
        )
        if bare is not None:
            found = [_phase_of(bare[1])]
            found += [_phase_of(m[1]) for m in _MORE_PHASES.finditer(bare[2] or "")]
    return found or [stripped]


_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?![\d])")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_MONTH_FIRST = re.compile(r"([A-Za-z]{3,9})\.?,?\s+(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?(\d{4})")
_DAY_FIRST = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")
_KANJI = re.compile(
    r"(令和|平成|昭和)?\s*(\d{1,4}|元)\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?"
)
_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    if not 1800 <= year <= 2200:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return None
    if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 or year % 400 == 0)):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def date(text: str, *, day_first: bool = False) -> str | None:
    """The ISO form of a page's date ("2024", "2024-03", "2024-03-08"), or None.

    Reads ISO dates (with or without a time), "20240408", "March 2024", "Mar 25, 2015",
    "28 Sep 2020", "2024年2月1日", Japanese era dates ("令和3年1月15日") and numeric dates:
    "08/04/2024" is read day-first where `day_first` (the registry writes day-first) and
    month-first otherwise, unless one of the two numbers can only be a day.
    """
    value = text.strip()
    if not value:
        return None
    match = _ISO.match(value)
    if match:
        return _iso(int(match[1]), int(match[2]), int(match[3]) if match[3] else None)
    match = _COMPACT.fullmatch(value)
    if match:
        return _iso(int(match[1]), int(match[2]), int(match[3]))
    match = _NUMERIC.match(value)
    if match:
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if first > 12 or (day_first and second <= 12):
            return _iso(year, second, first)
        return _iso(year, first, second)
    if "年" in value:
        match = _KANJI.search(value)
        if match:
            era, year_text, month, day = match.groups()
            year = 1 if year_text == "元" else int(year_text)
            if era:
                year += _ERAS[era]
            return _iso(year, int(month) if month else None, int(day) if day else None)
    match = _MONTH_FIRST.match(value)
    if match and match[1].lower() in MONTHS:
        day = int(match[2]) if match[2] else None
        return _iso(int(match[3]), MONTHS[match[1].lower()], day)
    match = _DAY_FIRST.match(value)
    if match and match[2].lower() in MONTHS:
        return _iso(int(match[3]), MONTHS[match[2].lower()], int(match[1]))
    match = _YEAR.fullmatch(value)
    if match:
        return _iso(int(match[1]), None, None)
    return None


_AGE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(years?|yrs?|y\b|months?|mos?\b|weeks?|wks?|days?|hours?|minutes?"
    r"|歳|才|岁|ヶ月|か月|週|日)?(?:\s*\(s\))?",
    re.IGNORECASE,
)
_NO_BOUND = frozenset(
    {
        "",
        "n a",
        "na",
        "none",
        "no limit",
        "not stated",
        "not applicable",
        "undefined",
        "nil",
        "no",
        "制限なし",
        "上限なし",
        "下限なし",
        "not specified",
    }
)


def _number(text: str) -> str:
    number = float(text)
    return str(int(number)) if number.is_integer() else str(number)


def age(text: str) -> str | None:
    """One age bound in v2 form: "18 Years", "18.00 Year(s)" → "18 Years", "6 Months"; None for
    no bound ("N/A", "Not stated", "No limit"); the raw text where no age is written."""
    value = text.strip()
    if fold(value) in _NO_BOUND:
        return None
    match = _AGE.search(value)
    if match is None:
        return value
    word = (match[2] or "year").lower()
    unit = AGE_UNITS.get(word[:-1] if len(word) > 1 and word.endswith("s") else word)
    return f"{_number(match[1])} {unit.value.capitalize() if unit else 'Years'}"


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


_NO_SEX = frozenset({"not specified", "not stated", "n a", "na", "unknown"})


def sex(text: str) -> str | None:
    """ "Both", "Male or Female", "All Genders" → ALL; "Female" → FEMALE; None when unstated."""
    value = _english_half(text)
    key = fold(value)
    if key in _NO_SEX or not key:
        return None
    found = SEXES.get(key)
    if found is not None:
        return found
    mapped = to_v2(Sex, value)
    return mapped if mapped in ("ALL", "FEMALE", "MALE") else value


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
    key = fold(_english_half(text))
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None


_KNOWN_TYPES = frozenset(member.value for member in StudyType)


def study_type(text: str) -> str | None:
    """ "Interventional (Clinical Trial)", "Observational", "観察研究" → the v2 study type."""
    value = _english_half(text)
    if not value:
        return None
    key = fold(value)
    found = STUDY_TYPES.get(key)
    if found is not None:
        return found
    mapped = to_v2(StudyType, value)
    if mapped in _KNOWN_TYPES:
        return mapped
    for word in ("interventional", "observational", "expanded access"):
        if key.startswith(word):
            return word.upper().replace(" ", "_")  # "ObservationalDescribes the nature ..."
    return value


_DATE_FIELDS = frozenset(
    {"start_date", "primary_completion_date", "completion_date", "last_updated", "first_posted"}
)


def fits(field: str, text: str) -> bool:
    """Whether a value reads as a value of the field, for the fields whose values form a closed
    grammar (study types, phases, sex, healthy volunteers, counts, dates); any other field takes
    any value. "Type 2 Diabetes Mellitus" is no "Type" label with the value "2 Diabetes
    Mellitus"; "Phase II Study of ..." is no "Phase" label with its value."""
    if field in ("study_type", "type"):
        return study_type(text) in _KNOWN_TYPES
    if field == "phases":
        return all(value in _KNOWN_PHASES for value in phases(text))
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
        if "study_type" not in found and study_type(part) in _KNOWN_TYPES:
            found["study_type"] = part
        elif "overall_status" not in found and status(part) in _KNOWN_STATUS:
            found["overall_status"] = part
        elif all(value in _KNOWN_PHASES for value in phases(part)):
            found["phases"] = f"{found['phases']}, {part}" if "phases" in found else part
        else:
            return None
    return found


_STATED_STATUS = re.compile(r"This (?:trial|study) is (?:currently |now )?(?P<words>[^.]{3,40})\.")


def stated_status(text: str) -> str | None:
    """The status words of a sentence stating them ("This trial is active, not recruiting."),
    where they mean a v2 status; else None."""
    match = _STATED_STATUS.fullmatch(text.strip())
    if match is None or status(match["words"]) not in _KNOWN_STATUS:
        return None
    return match["words"]

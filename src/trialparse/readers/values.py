"""Value parsers of every reader but ClinicalTrials.gov's: statuses, phases, dates, ages, sex.

The trial pages (`readers.pages`), the WHO ICTRP export, EU CTR pages and ISRCTN records write
statuses, phases, study types, sexes, ages and dates in each source's own words. One parser a
kind of value reads them all and returns the ClinicalTrials.gov v2 form (an enum value,
``"2024-02-01"``, ``"18 Years"``), or the raw text where no v2 value is safe, so that the v2
mapping keeps it with a warning. None means "the source states no value". Where sources
differ, the difference is a parameter: which words state no value (`unstated`), whether
numeric dates are day first (`day_first`). The words the parsers know are data: `value_words`
(statuses, study types, sexes, age units) and the model's month names.

The ``registry_*`` functions are these parsers as the registry readers call them: a missing
field (None) is no value, and the registry's "N/A" words (`NO_VALUE`) state none. The phase and
design tables of the EU CTR's yes/no lists are here too.
"""

from __future__ import annotations

import re
from typing import Final

from ..model.enums import OverallStatus, Phase, Sex, StudyType
from ..model.values import MONTHS, Age
from .labels import fold as ascii_fold
from .labels import to_v2
from .value_words import AGE_UNITS, SEXES, STATUSES, STUDY_TYPES, fold

__all__ = [
    "EU_DESIGN",
    "KNOWN_PHASES",
    "KNOWN_STATUSES",
    "KNOWN_STUDY_TYPES",
    "NO_VALUE",
    "age",
    "date",
    "english_half",
    "phases",
    "registry_age",
    "registry_count",
    "registry_date",
    "registry_phases",
    "registry_sex",
    "registry_status",
    "registry_study_type",
    "sex",
    "sex_of",
    "space_marker",
    "status",
    "study_type",
    "yes_no_pairs",
]

KNOWN_STATUSES: Final = frozenset(member.value for member in OverallStatus)
KNOWN_PHASES: Final = frozenset(member.value for member in Phase)
KNOWN_STUDY_TYPES: Final = frozenset(member.value for member in StudyType)

NO_VALUE: Final = frozenset({"", "n a", "na", "none", "not applicable", "no limit", "nil"})
"""Folded words that say a registry field has no value ("N/A", "None", "-", "Not applicable")."""


def english_half(text: str) -> str:
    """ "一般募集中/Open public recruiting" → "Open public recruiting" (bilingual values)."""
    if "/" in text:
        head, tail = text.split("/", 1)
        if not head.isascii() and tail.strip() and tail.isascii():
            return tail.strip()
    return text.strip()


def status(text: str, *, unstated: frozenset[str] = frozenset()) -> str | None:
    """The v2 overall status a status word means, or the word itself; None for no word or one
    of the folded `unstated` words."""
    value = english_half(text)
    if not value or fold(value) in unstated:
        return None
    found = STATUSES.get(fold(value))
    if found is not None:
        return found
    mapped = to_v2(OverallStatus, value)
    if mapped in KNOWN_STATUSES:
        return mapped
    head = STATUSES.get(fold(text.strip()))
    return head if head is not None else value


def study_type(text: str, *, unstated: frozenset[str] = frozenset()) -> str | None:
    """ "Interventional (Clinical Trial)", "Observational", "観察研究" → the v2 study type; None
    for no words or folded `unstated` words."""
    value = english_half(text)
    if not value:
        return None
    key = fold(value)
    if key in unstated:
        return None
    found = STUDY_TYPES.get(key)
    if found is not None:
        return found
    mapped = to_v2(StudyType, value)
    if mapped in KNOWN_STUDY_TYPES:
        return mapped
    for word in ("interventional", "observational", "expanded access"):
        if key.startswith(word):
            return word.upper().replace(" ", "_")  # "ObservationalDescribes the nature ..."
    return value


_NO_SEX: Final = frozenset({"not specified", "not stated", "n a", "na", "unknown"})


def sex(text: str, *, unstated: frozenset[str] = _NO_SEX) -> str | None:
    """ "Both", "Male or Female", "All Genders" → ALL; "Female" → FEMALE; None for no words or
    folded `unstated` words ("Not specified")."""
    value = english_half(text)
    key = fold(value)
    if key in unstated or not key:
        return None
    found = SEXES.get(key)
    if found is not None:
        return found
    mapped = to_v2(Sex, value)
    return mapped if mapped in ("ALL", "FEMALE", "MALE") else value


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


_NO_PHASE: Final = frozenset({"not specified", "not stated", "not known", "unknown"})


def phases(text: str, *, unstated: frozenset[str] = _NO_PHASE) -> list[str]:
    """The v2 phases a phase value names ("Phase I/II" → PHASE1, PHASE2; "N/A" → NA; "3" →
    PHASE3); none for no words or folded `unstated` words ("Not Specified").

    A value that names no phase gives ``[text]``, kept by the v2 mapping with a warning.
    """
    stripped = text.strip()
    if not stripped or fold(stripped) in unstated:
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
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")  # ICTRP Date_registration3: "20240408"
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
    """The ISO form of a date ("2024", "2024-03", "2024-03-08"), or None.

    Reads ISO dates (with or without a time, "2016/12/06"), "20240408", "March 2024",
    "Mar 25, 2015", "28 Sep 2020", "2024年2月1日", Japanese era dates ("令和3年1月15日") and
    numeric dates: "08/04/2024" is read day-first where `day_first` (the source writes
    day-first, as ICTRP does) and month-first otherwise, unless one of the two numbers can only
    be a day.
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
    r"(\d+(?:\.\d+)?)\s*\(?(years?|yrs?|y\b|months?|mos?\b|weeks?|wks?|days?|hours?|minutes?"
    r"|歳|才|岁|ヶ月|か月|週|日)?(?:\s*\(s\))?",
    re.IGNORECASE,
)
_NO_BOUND: Final = frozenset(
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


def age(text: str, *, unstated: frozenset[str] = _NO_BOUND) -> str | None:
    """One age bound in v2 form: "18 Years", "18.00 Year(s)" → "18 Years", "6 Months",
    "16years-old" → "16 Years"; None for folded `unstated` words, no bound ("N/A", "Not
    stated", "No limit"); the raw text where no age is written."""
    value = text.strip()
    if fold(value) in unstated:
        return None
    match = _AGE.search(value)
    if match is None:
        return value
    word = (match[2] or "year").lower()
    unit = AGE_UNITS.get(word[:-1] if len(word) > 1 and word.endswith("s") else word)
    return f"{_number(match[1])} {unit.value.capitalize() if unit else 'Years'}"


# EU CTR and CTIS name phases in a yes/no list: "Therapeutic exploratory (Phase II): yes".
_TRIAL_PHASE: Final[dict[str, str]] = {
    "human pharmacology phase i": "PHASE1",
    "therapeutic exploratory phase ii": "PHASE2",
    "therapeutic confirmatory phase iii": "PHASE3",
    "therapeutic use phase iv": "PHASE4",
}
# What registries write for no phase besides `NO_VALUE`: UMIN's "Not selected". "N/A" and "Not
# applicable" are v2's NA.
_NO_REGISTRY_PHASE: Final = frozenset({"", "none", "no limit", "nil", "not selected"})

# EU CTR's E.8.1 design rows (and ICTRP's copy of them in <Study_design>), folded label →
# the v2 design field and value a "yes" sets.
EU_DESIGN: Final[dict[str, tuple[str, str]]] = {
    "randomised": ("allocation", "RANDOMIZED"),
    "open": ("masking", "NONE"),
    "single blind": ("masking", "SINGLE"),
    "double blind": ("masking", "DOUBLE"),
    "parallel group": ("interventionModel", "PARALLEL"),
    "cross over": ("interventionModel", "CROSSOVER"),
}

# A list marker written without its space: "-Has a diagnosis" (jRCT), "1.Aged" (EU CTR),
# "•Body weight" (EU CTR pages).
_BARE_MARKER = re.compile(r"^(\d{1,3}[.)]|[-•*·])(?=[^\s\d.)])")


def space_marker(line: str) -> str:
    """A criteria line with a space after a marker written without one."""
    return _BARE_MARKER.sub(r"\1 ", line)


_YES_NO = re.compile(r"([^:\n<>]+?)\s*:\s*(yes|no)\b", re.IGNORECASE)


def yes_no_pairs(text: str) -> list[tuple[str, bool]]:
    """The "Label: yes" / "Label: no" pairs of an EU CTR style list, labels folded."""
    return [(fold(label), answer.lower() == "yes") for label, answer in _YES_NO.findall(text)]


def registry_phases(text: str | None) -> list[str]:
    """The v2 phases of a registry's phase field: EU CTR yes/no lists, bare numbers ("3",
    ChiCTR's "0"), display forms; UMIN's "Not selected" and the `NO_VALUE` words but "N/A"
    name none."""
    if text is None:
        return []
    pairs = yes_no_pairs(text)
    if pairs:
        named = [_TRIAL_PHASE.get(label) for label, answer in pairs if answer]
        if all(phase is not None for phase in named):
            return [phase for phase in named if phase is not None]
    return phases(text, unstated=_NO_REGISTRY_PHASE)


def sex_of(female: bool, male: bool) -> str | None:
    """The v2 sex of a register's "Female" and "Male" ticks (None when neither is ticked)."""
    if female and male:
        return Sex.ALL.value
    if female or male:
        return Sex.FEMALE.value if female else Sex.MALE.value
    return None


def registry_sex(text: str | None) -> str | None:
    """The v2 sex of "All", "Both", "Male and Female" or EU CTR's "Female: yes Male: no"."""
    if text is None:
        return None
    pairs = dict(yes_no_pairs(text))
    if pairs:
        return sex_of(pairs.get("female", False), pairs.get("male", False))
    return sex(text.replace("<br>", " "), unstated=NO_VALUE)


_GROUP_SIZE = re.compile(r"[^:;]*:\s*(\d+)\s*;?")  # ChiCTR: "control group:50;sepsis group:50;"


def registry_count(text: str | None) -> tuple[int | None, bool]:
    """(count, exact) of a size field: "150" is (150, True); ChiCTR's per-group sizes are
    summed, (100, False); text that is no count gives (None, False)."""
    if text is None:
        return None, False
    stripped = text.strip()
    if stripped.isdigit():
        return int(stripped), True
    groups = _GROUP_SIZE.findall(stripped)
    if groups and "".join(_GROUP_SIZE.sub("", stripped).split()) == "":
        return sum(int(size) for size in groups), False
    return None, False


# -- the registry readers' calls: None is no field, `NO_VALUE` words state no value -----------


def registry_status(text: str | None) -> str | None:
    """The v2 overall status a registry's status word names; unknown words as written."""
    return None if text is None else status(text, unstated=NO_VALUE)


def registry_study_type(text: str | None) -> str | None:
    """The v2 study type of a registry's study-type words; unknown words as written."""
    return None if text is None else study_type(text, unstated=NO_VALUE)


def registry_date(text: str | None) -> str | None:
    """ISO text ("2024-04-08", "2024-01", "2024") of a registry date, day first as ICTRP
    writes "08/04/2024"; None if it is not one."""
    return None if text is None else date(text, day_first=True)


# CTIS writes its oldest age group as "65+": as a maximum it sets no bound.
_OPEN_AGE = re.compile(r"\d+\s*\+")
# An age bound as registries write it: "18 Years", "2 Months", "16years-old" (UMIN), "60(Year)"
# (KCT), ">= 20age old" and "<= 85age old" (jRCT), "18" (CTIS: years).
_REGISTRY_AGE = re.compile(
    r"(?:[<>]=?|=)?\s*\d+(?:\.\d+)?\s*age\s*old"
    r"|\d+(?:\.\d+)?\s*\(?(?P<unit>[A-Za-z]*?)s?\)?(?:-old)?"
)


def registry_age(text: str | None, *, maximum: bool = False) -> Age | None:
    """An age bound in a registry's words; None for no bound.

    Raises `ValueError` for text that is neither an age nor a "no bound" word.
    """
    if text is None:
        return None
    stripped = " ".join(text.split())
    if ascii_fold(stripped) in NO_VALUE:
        return None
    if _OPEN_AGE.fullmatch(stripped):
        if maximum:
            return None
        stripped = stripped.rstrip("+ ")
    match = _REGISTRY_AGE.fullmatch(stripped)
    unit = match["unit"] if match else None
    if match is None or (unit and unit.lower() not in AGE_UNITS):
        raise ValueError(f'expected an age such as "18 Years", got {stripped!r}')
    read = age(stripped, unstated=NO_VALUE)
    return None if read is None else Age.parse(read)

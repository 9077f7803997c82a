"""Value words of registries other than ClinicalTrials.gov, into v2 values.

The WHO ICTRP export and the EU Clinical Trials Register write statuses, phases, study types,
sexes, ages, dates and sizes in each source registry's own words. Status, study-type, sex and
age-unit words come from `value_words`, the tables the page readers read too; the phase and
design tables below are the EU CTR's own. Each word is folded as `labels.fold` does and noted
with where it was seen; the functions fall back on `labels` for the ClinicalTrials.gov forms.
"""

from __future__ import annotations

import re
from typing import Final

from ..model.enums import AgeUnit, OverallStatus, Sex, StudyType
from ..model.values import Age, PartialDate
from .labels import fold, phases_from_display, to_v2
from .value_words import AGE_UNITS, SEXES, STATUSES, STUDY_TYPES

__all__ = [
    "EU_DESIGN",
    "NO_VALUE",
    "registry_age",
    "registry_count",
    "registry_date",
    "registry_phases",
    "registry_sex",
    "registry_status",
    "registry_study_type",
    "sex_of",
    "space_marker",
    "yes_no_pairs",
]

NO_VALUE: Final = frozenset({"", "n a", "na", "none", "not applicable", "no limit", "nil"})
"""Folded words that say a field has no value ("N/A", "None", "-", "Not applicable")."""

# EU CTR and CTIS name phases in a yes/no list: "Therapeutic exploratory (Phase II): yes".
_TRIAL_PHASE: Final[dict[str, str]] = {
    "human pharmacology phase i": "PHASE1",
    "therapeutic exploratory phase ii": "PHASE2",
    "therapeutic confirmatory phase iii": "PHASE3",
    "therapeutic use phase iv": "PHASE4",
}
# Bare phase words: jRCT writes "3", ChiCTR "0" (phase 0, v2 EARLY_PHASE1), UMIN "Not selected".
_BARE_PHASE: Final[dict[str, list[str]]] = {
    "0": ["EARLY_PHASE1"],
    "1": ["PHASE1"],
    "2": ["PHASE2"],
    "3": ["PHASE3"],
    "4": ["PHASE4"],
    "1 2": ["PHASE1", "PHASE2"],
    "2 3": ["PHASE2", "PHASE3"],
    "not selected": [],
}

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


def registry_status(text: str | None) -> str | None:
    """The v2 overall status a registry's status word names; unknown words as written."""
    if text is None or fold(text) in NO_VALUE:
        return None
    return STATUSES.get(fold(text)) or to_v2(OverallStatus, text)


def registry_study_type(text: str | None) -> str | None:
    """The v2 study type of a registry's study-type words; unknown words as written."""
    if text is None or fold(text) in NO_VALUE:
        return None
    return STUDY_TYPES.get(fold(text)) or to_v2(StudyType, text)


def registry_phases(text: str | None) -> list[str]:
    """The v2 phases of a registry's phase field: yes/no lists, bare numbers, display forms."""
    if text is None:
        return []
    key = fold(text)
    if key in NO_VALUE:
        return ["NA"] if key in ("n a", "na", "not applicable") else []
    if key in _BARE_PHASE:
        return list(_BARE_PHASE[key])
    pairs = yes_no_pairs(text)
    if pairs:
        phases = [_TRIAL_PHASE.get(label) for label, answer in pairs if answer]
        if all(phase is not None for phase in phases):
            return [phase for phase in phases if phase is not None]
    return phases_from_display(text)


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
    cleaned = text.replace("<br>", " ").strip()
    if fold(cleaned) in NO_VALUE:
        return None
    return SEXES.get(fold(cleaned)) or to_v2(Sex, cleaned)


# Ages as registries write them, each form with its unit group (None: years).
_AGE_FORMS: Final = (
    # "18 Years" (CT.gov, DRKS), "2 Months", "16years-old" (UMIN), "60(Year)" (KCT)
    re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*\(?(?P<unit>[A-Za-z]+?)s?\)?(?:-old)?"),
    # ">= 20age old" and "<= 85age old" (jRCT)
    re.compile(r"(?:[<>]=?|=)?\s*(?P<n>\d+(?:\.\d+)?)\s*age\s*old"),
    # "18" (CTIS: years)
    re.compile(r"(?P<n>\d+(?:\.\d+)?)"),
)
# CTIS writes its oldest age group as "65+": as a maximum it sets no bound.
_OPEN_AGE = re.compile(r"\d+\s*\+")


def registry_age(text: str | None, *, maximum: bool = False) -> Age | None:
    """An age bound in a registry's words; None for no bound.

    Raises `ValueError` for text that is neither an age nor a "no bound" word.
    """
    if text is None:
        return None
    stripped = " ".join(text.split())
    if fold(stripped) in NO_VALUE:
        return None
    if _OPEN_AGE.fullmatch(stripped):
        if maximum:
            return None
        stripped = stripped.rstrip("+ ")
    for form in _AGE_FORMS:
        match = form.fullmatch(stripped)
        if match is None:
            continue
        unit_word = match.groupdict().get("unit")
        unit = AgeUnit.YEARS if unit_word is None else AGE_UNITS.get(unit_word.lower())
        if unit is None:
            continue
        number = float(match["n"])
        return Age.of(int(number) if number.is_integer() else number, unit)
    raise ValueError(f'expected an age such as "18 Years", got {stripped!r}')


_DAY_FIRST = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")  # ICTRP: "08/04/2024" is 8 April
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")  # ICTRP Date_registration3: "20240408"
_SLASHED_ISO = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")  # jRCT: "2016/12/06"


def registry_date(text: str | None) -> str | None:
    """ISO text ("2024-04-08", "2024-01", "2024") of a registry date; None if it is not one.

    Reads "08/04/2024" (day first, as ICTRP writes it), "20240408", "2016/12/06",
    "2024-04-08", "April 25, 2024", "January 2022" and "27 May 2024".
    """
    if text is None:
        return None
    stripped = text.strip()
    for form, order in ((_DAY_FIRST, (2, 1, 0)), (_COMPACT, (0, 1, 2)), (_SLASHED_ISO, (0, 1, 2))):
        match = form.fullmatch(stripped)
        if match:
            year, month, day = (int(match.groups()[index]) for index in order)
            stripped = f"{year:04d}-{month:02d}-{day:02d}"
            break
    date = PartialDate.parse(stripped) if stripped else None
    return date.iso if date is not None else None


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

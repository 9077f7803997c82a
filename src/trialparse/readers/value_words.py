"""Value words of trial registries and trial pages → v2 values: data, shared by every reader.

Each row is ``(word, v2 value, where it was seen)``: a registry (``anzctr``, ``euctr``, ``jrct``,
...), the WHO ICTRP export (``ictrp``) or a kind of site (``cancer-centres``). The value parsers
of the page and registry readers (`readers.values`) read statuses, study types, sexes and age
units with these tables; ClinicalTrials.gov's own display forms are `labels`' business, and month
names are the model's (`model.values.MONTHS`).

Keys are folded: lower case, every run of punctuation and spaces one space, letters of any script
kept ("Closed: follow-up continuing" → "closed follow up continuing"). Words with no safe v2
value (ICTRP's "Not recruiting", CTIS's "Authorised", EU CTR's "Ongoing") are in no table: the
readers keep them as written, with a warning from the v2 mapping.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from ..model.enums import AgeUnit

__all__ = [
    "AGE_UNITS",
    "SEXES",
    "STATUSES",
    "STUDY_TYPES",
    "WHERE_SEEN",
    "fold",
]

_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """A word folded as the keys below are: lower case, punctuation and spaces one space."""
    return _NON_WORD.sub(" ", text.lower()).strip()


_STATUS_ROWS: Final[tuple[tuple[str, str, str], ...]] = (
    ("recruiting", "RECRUITING", "ictrp"),
    ("pending", "NOT_YET_RECRUITING", "anzctr"),
    ("not yet recruiting", "NOT_YET_RECRUITING", "ictrp"),
    ("closed follow up continuing", "ACTIVE_NOT_RECRUITING", "anzctr"),
    ("closed follow up complete", "COMPLETED", "anzctr"),
    ("recruitment complete", "ACTIVE_NOT_RECRUITING", "anzctr"),
    ("open to recruitment", "RECRUITING", "ctri"),
    ("closed to recruitment of participants", "ACTIVE_NOT_RECRUITING", "ctri"),
    ("completed", "COMPLETED", "euctr"),
    ("complete", "COMPLETED", "isrctn"),
    ("prematurely ended", "TERMINATED", "euctr"),
    ("temporarily halted", "SUSPENDED", "euctr"),
    ("suspended", "SUSPENDED", "ictrp"),
    ("withdrawn", "WITHDRAWN", "ictrp"),
    ("terminated", "TERMINATED", "ictrp"),
    ("closed to accrual", "ACTIVE_NOT_RECRUITING", "cancer-centres"),
    ("open to accrual", "RECRUITING", "cancer-centres"),
    ("active recruiting", "RECRUITING", "hospitals"),
    ("currently recruiting", "RECRUITING", "hospitals"),
    ("enrolling", "RECRUITING", "hospitals"),
    ("not yet open", "NOT_YET_RECRUITING", "hospitals"),
    ("募集前", "NOT_YET_RECRUITING", "jrct"),
    ("募集中", "RECRUITING", "jrct"),
    ("募集中断", "SUSPENDED", "jrct"),
    ("募集終了", "ACTIVE_NOT_RECRUITING", "jrct"),
    ("研究終了", "COMPLETED", "jrct"),
    ("中止", "TERMINATED", "jrct"),
    ("preinitiation", "NOT_YET_RECRUITING", "umin"),
    ("open public recruiting", "RECRUITING", "umin"),
    ("no longer recruiting", "ACTIVE_NOT_RECRUITING", "umin"),
    ("main results already published", "COMPLETED", "umin"),
    ("尚未开始", "NOT_YET_RECRUITING", "chictr"),
    ("正在进行", "RECRUITING", "chictr"),
    ("结束", "COMPLETED", "chictr"),
)

_STUDY_TYPE_ROWS: Final[tuple[tuple[str, str, str], ...]] = (
    ("interventional clinical trial of medicinal product", "INTERVENTIONAL", "euctr"),
    ("interventional clinical trial", "INTERVENTIONAL", "trial pages"),
    ("interventional study", "INTERVENTIONAL", "chictr"),
    ("clinical trial", "INTERVENTIONAL", "trial pages"),
    ("observational invasive", "OBSERVATIONAL", "drks"),
    ("observational non invasive", "OBSERVATIONAL", "drks"),
    ("observational study", "OBSERVATIONAL", "chictr"),
    ("observational patient registry", "OBSERVATIONAL", "trial pages"),
    ("介入研究", "INTERVENTIONAL", "trial pages"),
    ("干预性研究", "INTERVENTIONAL", "chictr"),
    ("観察研究", "OBSERVATIONAL", "trial pages"),
    ("观察性研究", "OBSERVATIONAL", "chictr"),
)

_SEX_ROWS: Final[tuple[tuple[str, str, str], ...]] = (
    ("both", "ALL", "ictrp"),
    ("all", "ALL", "ctgov"),
    ("all genders", "ALL", "trial pages"),
    ("all sexes", "ALL", "trial pages"),
    ("all sexe", "ALL", "trial pages"),
    ("male or female", "ALL", "trial pages"),
    ("male and female", "ALL", "ictrp"),
    ("female or male", "ALL", "trial pages"),
    ("both males and females", "ALL", "trial pages"),
    ("males and females", "ALL", "trial pages"),
    ("men and women", "ALL", "trial pages"),
    ("男女両方", "ALL", "trial pages"),
    ("男女", "ALL", "trial pages"),
    ("female", "FEMALE", "ctgov"),
    ("females", "FEMALE", "trial pages"),
    ("women", "FEMALE", "trial pages"),
    ("females only", "FEMALE", "trial pages"),
    ("女", "FEMALE", "trial pages"),
    ("女性", "FEMALE", "trial pages"),
    ("male", "MALE", "ctgov"),
    ("males", "MALE", "trial pages"),
    ("men", "MALE", "trial pages"),
    ("males only", "MALE", "trial pages"),
    ("男", "MALE", "trial pages"),
    ("男性", "MALE", "trial pages"),
)

# Age unit words (singular; the readers drop a plural "s"), with the scripts pages write them in.
_AGE_UNIT_ROWS: Final[tuple[tuple[str, AgeUnit, str], ...]] = (
    ("year", AgeUnit.YEARS, "ctgov"),
    ("yr", AgeUnit.YEARS, "trial pages"),
    ("y", AgeUnit.YEARS, "trial pages"),
    ("歳", AgeUnit.YEARS, "trial pages"),
    ("才", AgeUnit.YEARS, "trial pages"),
    ("岁", AgeUnit.YEARS, "trial pages"),
    ("month", AgeUnit.MONTHS, "ctgov"),
    ("mo", AgeUnit.MONTHS, "trial pages"),
    ("ヶ月", AgeUnit.MONTHS, "trial pages"),
    ("か月", AgeUnit.MONTHS, "trial pages"),
    ("week", AgeUnit.WEEKS, "ctgov"),
    ("wk", AgeUnit.WEEKS, "trial pages"),
    ("週", AgeUnit.WEEKS, "trial pages"),
    ("day", AgeUnit.DAYS, "ctgov"),
    ("日", AgeUnit.DAYS, "trial pages"),
    ("hour", AgeUnit.HOURS, "ctgov"),
    ("minute", AgeUnit.MINUTES, "ctgov"),
)

STATUSES: Final[dict[str, str]] = {word: value for word, value, _ in _STATUS_ROWS}
"""Folded overall-status word → v2 status."""
STUDY_TYPES: Final[dict[str, str]] = {word: value for word, value, _ in _STUDY_TYPE_ROWS}
"""Folded study-type words → v2 study type."""
SEXES: Final[dict[str, str]] = {word: value for word, value, _ in _SEX_ROWS}
"""Folded sex words → v2 sex."""
AGE_UNITS: Final[dict[str, AgeUnit]] = {word: unit for word, unit, _ in _AGE_UNIT_ROWS}
"""Age unit word (singular, lower case) → unit."""
WHERE_SEEN: Final[dict[tuple[str, str], str]] = {
    (table, word): site
    for table, rows in (
        ("status", _STATUS_ROWS),
        ("study_type", _STUDY_TYPE_ROWS),
        ("sex", _SEX_ROWS),
        ("age_unit", _AGE_UNIT_ROWS),
    )
    for word, _, site in rows
}
"""(table, word) → where the word was seen, for the tables above."""

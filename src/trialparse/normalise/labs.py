"""Lab thresholds: analyte, comparator, value, unit, canonical SI value, multiples of the ULN."""

from __future__ import annotations

import re

from ._common import (
    CMP,
    CMP_START,
    DIGIT,
    NUM,
    Anchor,
    Locator,
    comparator_after,
    comparator_of,
    number_of,
)
from .data import ANALYTES, NUMBER_WORDS
from .models import Comparator, LabThreshold
from .units import canonical, normalise_unit

__all__ = ["find_labs"]

_ALIASES = sorted(
    ((alias, key) for key, aliases in ANALYTES.items() for alias in aliases),
    key=lambda pair: -len(pair[0]),
)
_ALIAS_KEY = dict(_ALIASES)
_ANALYTE = Anchor(*(alias for alias, _ in _ALIASES), not_after=r"[\w-]", not_before=r"\w")
_WORD_NUMBERS = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
# "> 3 × ULN", "≤ 2.5 x ULN", "more than 3 times the upper limit of normal",
# "more than two times higher than the upper limit of normal" (seed NCT06352281)
# the sign may be missing ("ALT and AST < 2.5 ULN", LCT NCT03868852; "bilirubin ≤1.5 ULN",
# NCT04946890); "times normal upper limit" (LCT NCT03868852), "upper limits of normal (ULN)"
# (NCT03830164), "the upper limit of the norm" (NCT04346355), "the upper normal range" (NCT04344951)
_ULN = re.compile(
    rf"(?:{CMP}\s*)?(?P<num>\d+(?:\.\d+)?|{_WORD_NUMBERS})\s*(?:-\s*)?(?:(?:x|×|\*|times|fold|-fold)\s*)?"
    # "two times or more above the local upper limit of normal range" (Chia NCT02596555), "a
    # factor of at least 3 above the upper limit of normal" (Chia NCT00943865)
    r"(?P<after>or\s+(?:more|greater|higher|less|lower)\s+)?"
    r"(?:(?:higher|greater|above|more)\s+(?:than\s+)?)?(?:that\s+of\s+)?(?:the\s+)?(?:local\s+|institutional\s+|site\s+)?"
    r"(?:ULN|IULN|UNL|upper\s+limits?\s+of\s+(?:the\s+)?(?:norm(?:al)?|reference)(?:\s+(?:range|values?))?"
    # "upper normal limits" (Chia NCT03004261), "maximum normal value" (LCT NCT03920033),
    # "times of reference range", "the normal upper limit" (Chia NCT00235170), "1.5x normal" and
    # "3Xnormal" (Chia NCT01205334, NCT02231892)
    r"|upper\s+normal\s+(?:range|limits?|values?)|(?:upper\s+)?normal\s+limits?|normal\s+upper\s+limits?"
    # "2.5 times upper referenced limit" (NCT03102398), "< 5 times the normal value" (NCT03937544)
    r"|maximum\s+normal\s+values?|upper\s+reference(?:d)?\s+limits?|normal\s+values?"
    r"|(?:of\s+)?(?:the\s+)?reference\s+range|NL|(?<=[x×X])\s*normal)(?!\w)",
    re.IGNORECASE,
)
_UNIT_WORDS = (
    r"(?P<unit>(?:x|×)\s*10\s*(?:\^|e)?\s*(?:9|⁹|12)\s*/\s*l|(?:x|×)\s*109\s*/\s*l|10\^9\s*/\s*l|109\s*/\s*l"
    r"|cells\s*/\s*(?:mm3|mm³|µl|ul)|/\s*(?:mm3|mm³|µl|μl|ul|mcl)|g\s*/\s*dl|gm\s*/\s*dl|mg\s*/\s*dl|g\s*/\s*l"
    r"|(?:µ|μ|u)mol\s*/\s*l|mmol\s*/\s*mol|mmol\s*/\s*l|ml\s*/\s*min\s*/\s*1\.73\s*m\^?(?:2|²)|ml\s*/\s*min|%|i?u\s*/\s*l"
    r"|ng\s*/\s*(?:ml|dl)|nmol\s*/\s*l|kg\s*/\s*m(?:2|²)|pg\s*/\s*ml|(?:m|µ|μ|u)iu\s*/\s*ml"
    r"|copies\s*/\s*ml|mg\s*/\s*l|fl\b"
    r"|(?:e|m)?u\s*/\s*ml|kpa\b|g(?:m)?\s*/\s*day|mg\s*/\s*day|meq\s*/\s*l|ml\s*/\s*mn\b|cc\s*/\s*min"
    r"|(?:milliliters?|cc)\s+per\s+minute|grams?\s+per\s+lit(?:re|er)|(?:µ|μ|u)mol\s+per\s+lit(?:re|er)"
    r"|micromol(?:e|\s*/\s*l)\b|milliunits\s*/\s*milliliter|(?:elements\s+)?per\s+mm3|/\s*microl\b|/\s*mmc\b"
    r"|mg\s*(?:/|per)\s*100\s*ml)"
)
# "150 mg⁄dL" (Chia NCT00943865): the fraction slash and the division slash are slashes
_UNIT = _UNIT_WORDS.replace("/", "[/⁄∕]")
# a number followed by a time unit is a time window, not a lab value ("HbA1c value less than or
# equal to 12 weeks prior", LCT NCT03862690)
_VALUE = re.compile(
    rf"{CMP_START}{CMP}\s*{NUM}(?!\s*(?:hours?|days?|weeks?|months?|years?)\b)\s*{_UNIT}?",
    re.IGNORECASE,
)
# the comparator after the value: "Hemoglobin 9 g/dL or higher", "platelets 100,000/mm3 or more"
_VALUE_AFTER = re.compile(
    rf"{NUM}\s*{_UNIT}?\s+(?:or|and)\s+"
    r"(?P<dir>higher|greater|more|above|over|lower|less|fewer|below|under)\b(?!\s+than)",
    re.IGNORECASE,
)
# "ALT and AST ≤ 2.5 × ULN", "SGOT or SGPT less than 2.5 x NL": an analyte joined to the next by
# a connector shares the next one's thresholds (NCT02795884, NCT01987596)
_SHARED = re.compile(
    r"\)?\s*(?:\([^()]{1,40}\)\s*)?(?:,|/|and|or|and/or|&)\s*(?:serum\s+)?", re.IGNORECASE
)
# "Aspartate aminotransferase (AST)": the abbreviation in brackets is the same mention
_ABBREVIATION = re.compile(r"\s*\(")
# one range grammar: "between 9.5 and 14.0 g/dL", "HbA1c 8.0 - 10.5 %", "Serum Glucose 100-126
# mg/dl" (LCT NCT03860584), "Fasting glucose 70~120mg/dL" (LCT NCT03867942), "between 7% to 11%"
# (LCT NCT03928340), "between 200-300 mg/dl" (Chia NCT01717911); without "between" the range needs
# a unit, so "grade 1-2" is no range
_RANGE = re.compile(
    rf"(?P<between>between\s+)?(?P<low>\d+(?:\.\d+)?)\s*(?P<lowunit>%|mg\s*[/⁄]\s*dl|g\s*[/⁄]\s*dl)?\s*"
    rf"(?:-|–|~|to|and)\s*(?P<high>\d+(?:\.\d+)?)(?![.,]?\d)\s*{_UNIT}?",
    re.IGNORECASE,
)
# a value after the first belongs to the same analyte unless another noun takes over: "Hemoglobin
# < 10 g/l and/or leucocytes < 4000" must not give hemoglobin 4000; "or ≤ 5 × ULN with liver
# involvement" stays
_SCOPE_END = re.compile(
    rf"(?:,|;|\band/or\b|\band\b|\bor\b|\bplus\b|&)\s+(?!(?:if|with|in|for|when|unless|without|except|on|or|and|and/or|than|to|the|a)\b)"
    rf"[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,3}}\s*(?:\([^()]{{0,30}}\)\s*)?(?={CMP_START}{CMP})",
    re.IGNORECASE,
)
# the condition a bound holds under, right after it: "≤ 5 × ULN with liver involvement", "< 5 X ULN
# if liver metastases are present" (Chia), "≥ 12 g/dL for females", "in the presence of liver
# metastases" (NCT02856893)
_CONDITION = re.compile(
    r"[\s,(]*(?P<condition>(?:if|when|with|without|for|in\s+(?:the\s+)?(?:presence|case|absence)\s+of|in\s+(?:patients|subjects|participants|those|case|cases|males?|females?|men|women|children)"
    r"|in\s+the\s+case\s+of|due\s+to|unless|except)\b[^;,()\n]{1,80}?)(?=\s*(?:$|[;,()\n]|\.\s|\bor\b\s*(?:[<>≤≥=]|less|greater|more)|\band\b\s*(?:[<>≤≥=]|less|greater|more)))",
    re.IGNORECASE,
)
# every spelling of the ULN in `_ULN` holds one of these: a window without one is not searched
_NEEDS_ULN = re.compile("uln|nl|upper|normal|reference", re.IGNORECASE)
# how far after the analyte a threshold may stand, and where a clause ends
_REACH = 90
_CLAUSE_END = re.compile(r";|\n|\.\s|\.$")


def _threshold_window(text: str, start: int, limit: int) -> int:
    end = min(len(text), start + _REACH, limit)
    stop = _CLAUSE_END.search(text, start, end)
    return stop.start() if stop else end


def find_labs(text: str, where: Locator) -> list[LabThreshold]:
    """Every numeric bound on a lab value the text states, in text order."""
    mentions = _ANALYTE.spans(text)
    found: list[LabThreshold] = []
    waiting: list[tuple[int, int]] = []
    for position, mention in enumerate(mentions):
        following = mentions[position + 1][0] if position + 1 < len(mentions) else len(text)
        own = _thresholds(text, where, mention, following)
        found.extend(own)
        gap = text[mention[1] : following]
        if own:
            found.extend(_shared(text, where, waiting, own))
            waiting = []
        elif following < len(text) and _SHARED.fullmatch(gap):
            waiting.append(mention)
        elif not (following < len(text) and _ABBREVIATION.fullmatch(gap)):
            waiting = []
    found.sort(key=lambda threshold: threshold.span[0])
    return found


def _shared(
    text: str, where: Locator, waiting: list[tuple[int, int]], own: list[LabThreshold]
) -> list[LabThreshold]:
    """Copies of `own` for the analytes waiting on them ("ALT and AST ≤ 2.5 × ULN")."""
    copies: list[LabThreshold] = []
    seen = {threshold.analyte for threshold in own}
    for start, mention_end in waiting:
        analyte_text = text[start:mention_end]
        analyte = _ALIAS_KEY[analyte_text.lower()]
        if analyte in seen:
            continue
        seen.add(analyte)
        side, index = where.at(start)
        for threshold in own:
            end = threshold.span[1]
            copies.append(
                threshold.model_copy(
                    update={
                        "analyte": analyte,
                        "analyte_text": analyte_text,
                        "side": side,
                        "criterion_index": index,
                        "span": (start, end),
                        "text": text[start:end],
                    }
                )
            )
    return copies


def _thresholds(
    text: str, where: Locator, mention: tuple[int, int], following: int
) -> list[LabThreshold]:
    """The thresholds stated after one analyte mention, up to the next or the clause end."""
    found: list[tuple[int, LabThreshold]] = []
    mention_start, begin = mention
    analyte_text = text[mention_start:begin]
    analyte = _ALIAS_KEY[analyte_text.lower()]
    window_end = _threshold_window(text, begin, following)
    side, index = where.at(mention_start)
    taken: list[tuple[int, int]] = []

    def add(comparator: Comparator, value: float, unit: str | None, start: int, end: int) -> None:
        if unit == "ULN":
            canonical_value, canonical_unit, multiple = None, None, value
        else:
            (canonical_value, canonical_unit), multiple = canonical(value, unit, analyte), None
        stated = _CONDITION.match(text, end, min(len(text), end + 100))
        found.append(
            (
                start,
                LabThreshold.found(
                    analyte=analyte,
                    analyte_text=analyte_text,
                    comparator=comparator,
                    value=value,
                    unit=unit,
                    canonical_value=canonical_value,
                    canonical_unit=canonical_unit,
                    uln_multiple=multiple,
                    side=side,
                    criterion_index=index,
                    span=(mention_start, end),
                    text=text[mention_start:end],
                    condition=" ".join(stated["condition"].split()) if stated else None,
                ),
            )
        )

    uln = (
        _ULN.finditer(text, begin, window_end) if _NEEDS_ULN.search(text, begin, window_end) else ()
    )
    for match in uln:
        cmp = match["cmp"]
        if cmp:
            comparator = comparator_of(cmp)
        elif match["after"]:
            comparator = comparator_after(match["after"].split()[1])
        else:
            comparator = "<="
        add(comparator, number_of(match["num"]), "ULN", match.start(), match.end())
        taken.append(match.span())
    # the other forms all need a digit
    digits = DIGIT.search(text, begin, window_end) is not None
    for match in _RANGE.finditer(text, begin, window_end) if digits else ():
        written = match["unit"] or match["lowunit"]
        if not (match["between"] or written) or float(match["low"]) >= float(match["high"]):
            continue
        if not all(match.end() <= s or match.start() >= e for s, e in taken):
            continue
        unit = normalise_unit(written) if written else None
        add(">=", float(match["low"]), unit, match.start(), match.end())
        add("<=", float(match["high"]), unit, match.start(), match.end())
        taken.append(match.span())
    for match in _VALUE.finditer(text, begin, window_end) if digits else ():
        if any(s <= match.start() < e for s, e in taken):
            continue
        unit = normalise_unit(match["unit"]) if match["unit"] else None
        add(comparator_of(match["cmp"]), number_of(match["num"]), unit, match.start(), match.end())
        taken.append(match.span())
    for match in _VALUE_AFTER.finditer(text, begin, window_end) if digits else ():
        if not all(match.end() <= s or match.start() >= e for s, e in taken):
            continue
        unit = normalise_unit(match["unit"]) if match["unit"] else None
        add(
            comparator_after(match["dir"]),
            number_of(match["num"]),
            unit,
            match.start(),
            match.end(),
        )
    if len(found) > 1:
        first_end = min(threshold.span[1] for _, threshold in found)
        stop = _SCOPE_END.search(text, first_end, window_end)
        if stop is not None:
            found = [(start, t) for start, t in found if start < stop.end()]
    return [threshold for _, threshold in found]

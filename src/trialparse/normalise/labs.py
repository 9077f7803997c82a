"""Lab thresholds: analyte, comparator, value, unit, canonical SI value, multiples of the ULN."""

from __future__ import annotations

import re
from bisect import bisect_left

from ._common import (
    CMP,
    CMP_AHEAD,
    CMP_FIRSTS,
    CMP_FOLDED,
    CMP_START,
    DIGIT,
    NUM,
    Anchor,
    Locator,
    anchor,
    comparator_after,
    comparator_of,
    finditer_from,
    finds,
    folded,
    furthest_before,
    loose_key,
    number_of,
)
from .data import (
    ANALYTES,
    CAPITALS_ONLY,
    CELL_COUNTS,
    COUNTED_NOUNS,
    GATED_ANALYTES,
    NUMBER_WORDS,
    UNIT_PREFIXES,
)
from .models import Comparator, LabThreshold
from .units import canonical, normalise_unit

__all__ = ["find_labs"]

_ALIASES = sorted(
    ((alias, key) for key, aliases in ANALYTES.items() for alias in aliases),
    key=lambda pair: -len(pair[0]),
)
_ALIAS_KEY = (
    dict(_ALIASES)
    | {alias: key for alias, (key, _) in GATED_ANALYTES.items()}
    | {alias.lower(): key for alias, key in CAPITALS_ONLY.items()}
)
# each name first, so the engine skips to its letters (a lookbehind first is tried everywhere)
_CAPITALS = re.compile(
    "|".join(
        rf"{re.escape(alias)}(?<![\w-]{re.escape(alias)})(?![\w-])" for alias in sorted(CAPITALS_ONLY)
    )
)
_ANALYTE = Anchor(
    *(alias for alias, _ in _ALIASES), not_after=r"[\w-]", not_before=r"\w", loose=True
)
_KEYS = frozenset(_ALIAS_KEY.values())
_LOOSE_KEY = {loose_key(alias): key for alias, key in _ALIAS_KEY.items()}


def _key(mention: re.Match[str]) -> str:
    """The analyte key of a name as `_ANALYTE` (its spacing loose) or a gated name matched it."""
    written = mention[0].lower()
    return _ALIAS_KEY.get(written) or _LOOSE_KEY[loose_key(written)]


# "serum-creatinine at least 1.3 mg/dL" (NCT03102398), "S-creatinine" (Chia NCT02531724): a
# sample prefix with a hyphen, a whole word (no word character or hyphen before it) in ASCII
# letters of either case, found by one search of the text (a lookbehind for it in `_ANALYTE`
# would be tried at every candidate letter, a look back from every hyphen costs a search each)
_SAMPLE_PREFIX = re.compile(
    # from the hyphen (a literal the engine skips to), the word before it checked behind it
    r"-(?=\w)(?:(?<=(?<![\w-])[sSpPbBuU]-)|(?<=(?<![\w-])[sS][eE][rR][uU][mM]-)"
    r"|(?<=(?<![\w-])[pP][lL][aA][sS][mM][aA]-))"
)
_ALIAS_AT = re.compile(
    anchor(*(alias for alias, _ in _ALIASES)).pattern.partition("(?<![^\\W\\d_])")[2] + r"(?!\w)"
)
_WORD_NUMBERS = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
# "> 3 × ULN", "≤ 2.5 x ULN", "more than 3 times the upper limit of normal",
# "more than two times higher than the upper limit of normal" (seed NCT06352281)
# the sign may be missing ("ALT and AST < 2.5 ULN", LCT NCT03868852; "bilirubin ≤1.5 ULN",
# NCT04946890); "times normal upper limit" (LCT NCT03868852), "upper limits of normal (ULN)"
# (NCT03830164), "the upper limit of the norm" (NCT04346355), "the upper normal range" (NCT04344951)
_ULN = re.compile(
    # "≤ 1.5 ⋅ upper limit of normal (ULN)" (v2 NCT05798663), "(TBIL) <1.5?ULN" with the sign lost
    # (v2 NCT03416231), "≤1.5 times of upper limit of normal (ULN)" (v2 NCT04007835)
    # "AST/ALT > x3 upper normal limit" (Chia NCT03059069): the sign before the multiple
    rf"(?:{CMP}\s*(?:[x×]\s*(?=\d))?)?(?:(?P<num>\d+(?:\.\d+)?|{_WORD_NUMBERS})\s*(?:-\s*)?"
    # "Baseline creatinine >20% above the upper limit of normal" (Chia NCT01846507): 1.2 × ULN
    r"(?:(?P<percent>%)\s*(?=(?:higher|greater|above|more)\s))?"
    # "over 1.5 fold of normal value" (v2 NCT05388825)
    r"(?:(?:x|×|\*|⋅|·|\?|(?:times|-?fold)(?:\s+of(?=\s+(?:the\s+)?(?:upper|normal|reference)))?)\s*)?"
    # "two times or more above the local upper limit of normal range" (Chia NCT02596555), "a
    # factor of at least 3 above the upper limit of normal" (Chia NCT00943865)
    r"(?P<after>or\s+(?:more|greater|higher|less|lower)\s+)?"
    # "ALT levels 3-fold above ULN" (hand-made): the word states the comparator
    r"(?:(?P<above>higher|greater|above|more)\s+(?:than\s+)?)?(?:that\s+of\s+)?(?:the\s+)?(?:local\s+|institutional\s+|site\s+)?"
    r"(?:(?:ULN|IULN|UNL|upper\s+limits?\s+(?:of\s+)?(?:the\s+)?(?:norm(?:al)?|reference)(?:\s+(?:range|values?))?"
    # "the upper value of normal", "upper level of normal", "the normal upper range" (hand-made)
    r"|upper\s+(?:values?|levels?)\s+of\s+(?:the\s+)?normal|normal\s+upper\s+(?:range|values?)"
    # "upper normal limits" (Chia NCT03004261), "maximum normal value" (LCT NCT03920033),
    # "times of reference range", "the normal upper limit" (Chia NCT00235170), "1.5x normal" and
    # "3Xnormal" (Chia NCT01205334, NCT02231892)
    r"|upper\s+normal\s+(?:range|limits?|values?)|(?:upper\s+)?normal\s+limits?|normal\s+upper\s+limits?"
    # "2.5 times upper referenced limit" (NCT03102398), "< 5 times the normal value" (NCT03937544)
    r"|maximum\s+normal\s+values?|upper\s+reference(?:d)?\s+limits?|normal\s+values?"
    # "< 3 times upper limit normal", "transaminase concentration ≥ twice normal" (LCT
    # NCT03863639), "liver function test > twice the normal range" (Chia NCT00305097)
    # "alanine aminotransferase >2.5 times normal", "Transaminases < 2.5 N" (N for normal, in capitals)
    r"|(?:of\s+)?(?:the\s+)?reference\s+range|NL|(?-i:N)|normal\s+range|(?:(?<=[x×X])|(?<=twice\s)|(?<=times\s))\s*normal"
    # "2.5 times higher than normal", "> 2.5 x institutional normal", "3 times the upper normal",
    # "more than 3 times the normal level", "> 2.5 times the limit of normal" (hand-made)
    r"|(?<=than\s)normal|(?<=institutional\s)normal|upper\s+normal|normal\s+levels?|limits?\s+of\s+normal"
    # "more than twice the upper limit of liver function tests" (Chia NCT00728156): the analyte
    # after "of" names whose limit it is; "serum prolactin over 3 times higher than the upper
    # limit" (v2 NCT02477436)
    r"|upper\s+limits?)(?!\w)"
    # an alternative multiple that leaves the limit out before its condition: "AST or ALT =3 times
    # the upper limit of normal, or =5 times for patients with liver metastases" (hand-made)
    r"|(?<=times\s)(?=(?:if|for|in|when|with)\s))"
    # the limit itself right after a comparator, one ULN: "Creatine kinase above ULN" (Chia
    # NCT02609048), "a thromboplastin time greater than the upper limit of normal" (LCT
    # NCT03925298), "s-TSH below upper normal limit" (LCT NCT03926585); or the multiple after the
    # limit: "level exceeds the maximum normal range more than one and a half times" (v2
    # NCT02712411), "< ULN x 2" (hand-made); not the limit plus an amount ("PT > ULN + 4
    # seconds", v2 NCT03799601)
    r"|(?(cmp)(?:the\s+)?(?:local\s+|institutional\s+|site\s+)?"
    r"(?:I?ULN|UNL|upper\s+limits?(?:\s+of\s+(?:the\s+)?norm(?:al)?)?|upper\s+normal\s+limits?"
    r"|normal\s+upper\s+limits?|maximum\s+normal\s+(?:range|values?))(?!\w)"
    rf"(?:\s*(?:by\s+)?(?:(?:more\s+than|over|at\s+least)\s+)?(?P<times>\d+(?:\.\d+)?|{_WORD_NUMBERS})"
    r"\s*(?:times|-?fold)\b|\s*[x×]\s*(?P<by>\d+(?:\.\d+)?)(?![\d.]))?(?!\s*\+)|(?!)))",
    re.IGNORECASE,
)
# the parts of an amount per volume: an amount (a prefix of `UNIT_PREFIXES` and a base, in words,
# or a symbol), then a volume
_PREFIXED = "|".join(sorted(UNIT_PREFIXES, key=len, reverse=True))
_AMOUNTS = (
    rf"(?:(?:{_PREFIXED})-?)?(?:grams?|moles?|equivalents?|(?:international\s+)?units?)"
    r"|(?:[mµμunpk]|mc)?g|gm|[mµμunp]?mol|[mµμu]?i?u|meq|copies|cells|elements"
)
# the letters an amount starts with, for the engine to skip the others at once
_AMOUNT_FIRSTS = "mµμunpkgcedi"
_PER_LITRE = r"\s*(?:/|per\s)\s*(?:lit(?:er|re)s?\b|l)"
_VOLUMES = rf"(?:(?:{_PREFIXED})-?)?lit(?:er|re)s?|(?:d|m|µ|μ|u|mc)?l|mm3|mm³"
_UNIT_WORDS = (
    # "ANC ≥ 1.5 x 10*9/L", "platelets >= 100*10^9/L" (hand-made): a star for the caret or the times sign
    # "ANC ≥ 1.0 x 10(9)/L" (hand-made): the power in brackets
    # "platelets > 100 x 10^9 per liter" (hand-made)
    rf"(?P<unit>(?:x|×|\*)\s*10\s*(?:(?:\^|e|\*)?\s*(?:9|⁹|12)\*?|\(\s*(?:9|12)\s*\)){_PER_LITRE}|(?:x|×)\s*10(?:9|12){_PER_LITRE}|10\^9{_PER_LITRE}|109{_PER_LITRE}"
    # "x 10^3/µL", "x 103/µL" with the caret lost, "x 10³/mm³"; "Giga/L" for 10^9/L
    # "500/mm^3" (Chia NCT02519777), "100K/µL" (hand-made), "lymphocyte counts less than 1.2
    # K/μL" (XML NCT02438137): thousands per microlitre
    r"|(?:x|×)\s*10\s*(?:\^|e)?\s*(?:3|³)\s*/\s*(?:mm\^?3|mm³|µl|μl|ul|mcl)|(?:x|×)\s*103\s*/\s*(?:mm3|µl|μl|ul)"
    r"|(?<=[\d\s])k\s*/\s*(?:µl|μl|ul|mcl)\b"
    r"|giga\s*/\s*l|cells\s*/\s*(?:mm\^?3|mm³|µl|μl|ul)|/\s*(?:mm\^?3|mm³|µl|μl|ul|mcl)|g\s*/\s*dl|gm\s*/\s*dl|mg\s*/\s*dl|mg\s*%|g\s*/\s*l"
    # "eGFR ≥ 45 mL/min per 1.73 m2", "mL/minute/1.73 m2", "ml/min/1,73 m2"
    r"|(?:µ|μ|u)mol\s*/\s*l|mmol\s*/\s*mol|mmol\s*/\s*l|ml\s*/\s*min(?:ute)?\s*(?:/|per)\s*1[.,]73\s*m\^?(?:2|²)|ml\s*/\s*min|[%％]|i?u\s*/\s*l|l\s*/\s*l\b"
    r"|(?:µ|μ|u|mc)g\s*/\s*(?:l|ml|dl)\b|m(?:i)?u\s*/\s*l\b|percent\b"
    r"|ng\s*/\s*(?:ml|dl|l\b|100\s*ml)|nmol\s*/\s*l|kg\s*/\s*m\^?(?:2|²)|pg\s*/\s*ml|(?:m|µ|μ|u)iu\s*/\s*ml|(?:µ|μ|u)u\s*/\s*ml"
    r"|copies\s*/\s*ml|mg\s*/\s*l|fl\b|m?g\s*/\s*(?:g|mmol)\b"
    # "HBV-DNA > 1000 IU/mL" (v2 NCT06029816), "HbA1c ≥ 9.0％" (v2 NCT04342793), "fasting glucose
    # values < 6 mM" (v2 NCT04347252): millimolar in its own capitals only, as "mm" is a length
    r"|(?:e|m|i)?u\s*/\s*ml|(?-i:mM)\b|kpa\b|ppm\b|g(?:m)?\s*/\s*day|mg\s*/\s*day|meq\s*/\s*l|ml\s*/\s*mn\b|cc\s*/\s*min"
    r"|(?:milliliters?|cc)\s+per\s+minute"
    r"|micromol(?:e|\s*/\s*l)\b|per\s+mm3|/\s*microl(?:it(?:er|re)s?)?\b|k(?:i)?u\s*/\s*l\b|/\s*mmc\b|(?:cells\s*)?/\s*cumm\b|mm\s*/\s*h(?:r|our)?\b|m?g\s*/\s*24\s*-?\s*h(?:ours?|rs?)?\b"
    r"|mg\s*(?:/|per)\s*100\s*ml|per\s*(?:µ|μ|u)l\b"
    # "< 100,000 per microliter", "1,000 cells per cubic millimeter", "9 gm%" (hand-made)
    r"|(?:cells\s+)?per\s+(?:micro-?lit(?:er|re)|cubic\s+millimet(?:er|re))|gm\s*%"
    # an amount per volume in words, symbols or both ("9 grams per deciliter", "<10.4 nanomoles per
    # liter", "40 picograms per mililiter" (Chia NCT02201316), "8log10 copies per mL" (Chia
    # NCT01312012), "2000 elements per mm3"): `normalise_unit` reads it part by part
    rf"|(?=[{_AMOUNT_FIRSTS}])(?:{_AMOUNTS})\s*(?:/|per\b)\s*(?:{_VOLUMES})(?!\w))"
)
# "150 mg⁄dL" (Chia NCT00943865): the fraction slash and the division slash are slashes
_UNIT = _UNIT_WORDS.replace("/", "[/⁄∕]")
# a number followed by a time unit is a time window, not a lab value ("HbA1c value less than or
# equal to 12 weeks prior", LCT NCT03862690)
# the sign restated in brackets after the words: "glomerular filtration rate greater than or equal
# to (>=) 60" (v2 NCT04811560), "(LVEF) less than or equal to (=<) 40 percent" (Chia NCT03026088)
# a power of ten as the value: "HCV RNA viral load of ≥ 10*5* IU/mL" (Chia NCT01051414), "HCV-RNA ≥
# 10 ³ copies/mL" (v2 NCT06029816), "> 10^5 copies/mL" (hand-made); only right after a plain "10"
_POWER = (
    r"(?:(?<![\d.,]10)(?<=10)(?:\s*[*^]\s*(?P<exp>\d{1,2})\*?(?![\d.,])|\s?(?P<sup>[³⁴⁵⁶⁷⁸⁹])))?"
)
_SUPERSCRIPTS = {"³": 3, "⁴": 4, "⁵": 5, "⁶": 6, "⁷": 7, "⁸": 8, "⁹": 9}
# a number that counts something else: "at least 2 abnormal values" (`COUNTED_NOUNS`)
_COUNTED = re.compile(
    rf"\s*(?:[a-z][\w-]*\s+){{0,2}}(?:{'|'.join(COUNTED_NOUNS)})\b", re.IGNORECASE
)
# an amount is no concentration: "oral glucose solution up to 100 g of sugar" (LCT NCT03865901)
_AMOUNT = re.compile(r"\s*(?:g|mg|mcg|µg|grams?|milligrams?)\s+of\b", re.IGNORECASE)
# a space that separates thousands before a count per volume: "platelets ³ 100 000 per mm3" (LCT
# NCT00720031), not before a power of ten ("Platelets > 100 109/l", Chia NCT01850147)
_SPACED_NUM = NUM.replace(
    "(?P<num>", r"(?P<num>\d{1,3}(?: \d{3})+(?=\s*(?:per\s|/\s*(?:mm|µ|μ|u|mc)|cells|elements))|", 1
)
# a count with spaces between its thousands and no unit: "Platelet count < 100 000" (hand-made)
# is 100,000 where the analyte is a cell count; not before a power of ten or a unit
_SPACED_THOUSANDS = re.compile(
    r"(?:[ \u00a0\u202f]\d{3})+(?![\d.,]|\s*(?:[/x×*^%]|per\b|cells|elements))", re.IGNORECASE
)
_VALUE = re.compile(
    rf"{CMP_START}{CMP}\s*(?:\(\s*[<>=≤≥]{{1,2}}\s*\)\s*)?{_SPACED_NUM}{_POWER}(?!\s*(?:hours?|days?|weeks?|months?|years?)\b)\s*{_UNIT}?",
    re.IGNORECASE,
)
# the unit after the second of two alternatives is the first's too: "potassium <= 3.0 or >= 5.5
# mEq/L" (hand-made), "Serum potassium < 3.5 or > 5.1 mEq/L" (Chia NCT00461136)
_ALTERNATIVE_UNIT = re.compile(
    rf"\s*(?:or|and)\s+{CMP}\s*{NUM}(?!\s*(?:hours?|days?|weeks?|months?|years?)\b)\s*{_UNIT}",
    re.IGNORECASE,
)
# the window's end hides what follows from the lookahead above: checked again on the whole text,
# with a range into a time unit ("hCG values (over 2-14 days)", Chia NCT02152696; "< 55 years old"
# at the window's end, Chia NCT01491763)
_TIME_AFTER = re.compile(
    r"\s*(?:(?:-|–|to)\s*\d+(?:\.\d+)?\s*)?(?:hours?|days?|weeks?|months?|years?)\b", re.IGNORECASE
)
# the comparator after the value: "Hemoglobin 9 g/dL or higher", "platelets 100,000/mm3 or more"
_VALUE_AFTER = re.compile(
    rf"{NUM}\s*{_UNIT}?\s+(?:or|and)\s+"
    r"(?P<dir>higher|greater|more|above|over|lower|less|fewer|below|under)\b(?!\s+than)",
    re.IGNORECASE,
)
# "ALT and AST ≤ 2.5 × ULN", "SGOT or SGPT less than 2.5 x NL": an analyte joined to the next by
# a connector shares the next one's thresholds (NCT02795884, NCT01987596)
# "total bilirubin ), ALT(...)" and "(AST), Alanine transaminase (ALT), or alkaline phosphatase >
# 2.5 times the upper limit of normal" (Chia NCT02944604, NCT01891513): a comma may open the
# connector
_SHARED = re.compile(
    r"\s*\)?\s*(?:\([^()]{1,40}\)\s*)?(?:,\s*(?:and/or|and|or)\s|and\s*/\s*or|,|/|and|or|&)\s*(?:serum\s+)?",
    re.IGNORECASE,
)
# "the international standardized ratio of prothrombin time and partial thromboplastin time ≤ 1.5
# times the upper limit of normal" (NCT04946890), "INR of PT and PTT ≤ 1.5 x ULN" (hand-made): the
# ratio of a time is the ratio, and shares the next test's thresholds as a name alone would;
_OF = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
# a test the table does not name, "of" it, is an abbreviation in capitals ("PT")
_OF_WORDS = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][A-Z\d-]+\b")
# the normal range of a test states no bound on it: "(Normal homocysteine levels are 4.3-9.9 µmol/L
# for male and 3.3-7.2 µmol/L for female" (Chia NCT02318446)
_REFERENCE_AFTER = re.compile(
    r"\s+(?:levels?|values?|range|concentrations?)\s+(?:are|is)\b", re.IGNORECASE
)
_NORMAL_BEFORE = re.compile(r"\bnormal\s+(?:serum\s+|plasma\s+)?\Z", re.IGNORECASE)
# "Aspartate aminotransferase (AST)": the abbreviation in brackets is the same mention
_ABBREVIATION = re.compile(r"\s*\(")
# one range grammar: "between 9.5 and 14.0 g/dL", "HbA1c 8.0 - 10.5 %", "Serum Glucose 100-126
# mg/dl" (LCT NCT03860584), "Fasting glucose 70~120mg/dL" (LCT NCT03867942), "(FPG) of 70～110mg/dL"
# with a full-width tilde (LCT NCT03864432), "between 7% to 11%"
# (LCT NCT03928340), "between 200-300 mg/dl" (Chia NCT01717911), "a fasting plasma glucose level
# between 6.1 mmol/L and 7.0 mmol/L" (v2 NCT03987438); without "between" the range needs a unit,
# so "grade 1-2" is no range
# the ends of a range are numbers as `NUM` reads them, a comma between thousands or a decimal
# comma: "platelets between 100,000/mm3 and 400,000/mm3", "HbA1c 7,0-10,0 %" (hand-made); either
# end may carry the unit ("Body mass index (BMI) of 25 kg/m2 to 40 kg/m2", XML NCT00097500)
_RANGE_END = r"\d+(?:\.\d+)?(?![.,]?\d)|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![.,]?\d)|\d+,\d{1,2}(?!\d)"
# a decimal point, or a decimal comma (one or two digits after it)
_DECIMAL = re.compile(r"\.|,\d{1,2}$")
_RANGE = re.compile(
    rf"(?P<between>between\s+)?(?P<low>{_RANGE_END})\s*"
    r"(?P<lowunit>%|m?g\s*[/⁄]\s*dl|(?:m|µ|μ|u)mol\s*[/⁄]\s*l|g\s*[/⁄]\s*l|(?:x|×)\s*10\^?9\s*[/⁄]\s*l"
    r"|kg\s*[/⁄]\s*m[2²]|(?:cells\s*)?[/⁄]\s*(?:mm3|mm³|µl|μl|ul))?\s*"
    rf"(?:-|–|~|～|to|and)\s*(?P<high>{_RANGE_END})(?![.,]?\d)\s*{_UNIT}?",
    re.IGNORECASE,
)
# a value after the first belongs to the same analyte unless another noun takes over: "Hemoglobin
# < 10 g/l and/or leucocytes < 4000" must not give hemoglobin 4000; "or ≤ 5 × ULN with liver
# involvement", "creatinine clearance male<120ml/min, female<105ml/min" (Chia NCT03532620) and
# "(ALT)<2.5xULN, which is allowed<5xULN in patients with liver metastasis" (NCT04348032) stay;
# the noun may be five words long: "FEV1 <40% predicted, oxygen saturation on room air <92%" (Chia
# NCT03177811), its bound in brackets: "Leukocytosis (>10.000 cells/mm3), leftward shift (>10%)"
# (Chia NCT01743755), a colon after it: "GFR <30, Cre:> 2.5" (classic JSON NCT04780490)
_SCOPE_END = re.compile(
    rf"(?:,|;|\band/or\b|\band\b|\bor\b|\bplus\b|&)\s+(?!(?:if|with|in|for|when|unless|without|except|on|or|and|and/or|than|to|the|a|(?:fe)?males?|(?:wo)?men|which|that|but)\b)"
    rf"[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,4}}\s*(?:\([^()]{{0,30}}\)\s*)?(?::\s*)?\(?(?={CMP_START}{CMP})",
    re.IGNORECASE,
)
# the same bound in another unit, in brackets right after it: "Bilirubin level at/above 100 umol
# per liter (5.8 mg/dL)" (Chia NCT01774019), "HbA1c < 75 mmol/mol (9.0%)" (Chia NCT02680054),
# "serum calcium concentration < 8.0 mg/dl (2.00 mmol/L)" (Chia NCT00391690)
# "hemoglobin ≥ 9 g/dl or 5.59 mmol/l" (Chia NCT02384850): the other unit after "or", in brackets
# too: "fasting plasma glucose ≤ @NUMBER mg / dl ( or @NUMBER mmol / l )" (Facebook NER test set)
# in square brackets as well: "glucose concentration ≥ 7.0 mmol/L [126 mg/dL]" (XML NCT01147250)
_EQUIVALENT = re.compile(
    rf"\s*(?:[(\[]\s*(?:or\s+)?(?:(?:{CMP})\s*)?{NUM}\s*{_UNIT}\s*[)\]]|or\s+{NUM.replace('?P<num>', '?P<alt>')}\s*{_UNIT.replace('?P<unit>', '?P<altunit>')}(?![\w/]))",
    re.IGNORECASE,
)
# "PSA 20 ng/ml" (LCT NCT03927924), "CD4 count of 350 cells/mm3" : a value with a unit and no
# comparator, right after the analyte
_BARE = re.compile(
    rf"\s*(?:\([^()]{{1,20}}\)\s*)?(?:(?:level|levels|value|values|concentration|count)\s+)?"
    rf"(?:of\s+|:\s*)?{NUM}\s*{_UNIT}(?![\w/])",
    re.IGNORECASE,
)
# the condition a bound holds under, right after it: "≤ 5 × ULN with liver involvement", "< 5 X ULN
# if liver metastases are present" (Chia), "≥ 12 g/dL for females", "in the presence of liver
# metastases" (NCT02856893), an eponym: "(≤ 3 × ULN in Gilbert's syndrome)" (hand-made); the
# people alone in brackets: "Hemoglobin concentration <11 g/dL (males), <10 g/dL (females)" (XML
# NCT02017171); it ends before an alternative: "< 12 g/dL for females or 13 g/dL for males"
# (hand-made)
_CONDITION = re.compile(
    r"[\s,(]*(?P<condition>(?<=\()(?:(?:fe)?males?|(?:wo)?men|boys|girls)\b(?=\s*\))|(?:if|when|with|without|for|in\s+(?:the\s+)?(?:presence|case|absence)\s+of|in\s+(?:patients|subjects|participants|those|case|cases|males?|females?|men|women|children)"
    r"|in\s+the\s+case\s+of|in\s+(?-i:[A-Z])[\w-]*['’]s|due\s+to|unless|except)\b[^;:,()\n]{1,80}?)(?=\s*(?:$|[;:,()\n]|\.(?:\s|$)|\b(?:or|and)\b\s*(?:[<>≤≥=]|less|greater|more|\d[\d.,]*\s*(?:[a-zµμ]+\s*)?[/%])))",
    re.IGNORECASE,
)
# "transaminases no more than 3xULN/<5xULN in presence of liver metastases" (v2 NCT04811001); a
# colon ends a condition: "Total bilirubin > 1.5 x ULN (except Gilbert's syndrome: > 3 x ULN)"
_NEXT_ULN = re.compile(r"[\s,;:)/]*(?:(?:or|and)\s*)?" + _ULN.pattern, re.IGNORECASE)
# possessive spaces: the runs of indentation in page text must not be re-split on failure
_NEXT_VALUE = re.compile(
    rf"\s*+(?:\([^()]{{0,60}}\)\s*+)?,?\s*+(?:or|and)\s+{CMP_START}{CMP}\s*{NUM}\s*{_UNIT}(?![\w/])",
    re.IGNORECASE,
)
# an alternative bound in the same unit right after a condition, and how many are read; after a
# connector its comparator may be left out, the last one's holding: "Erythrocyte sedimentation
# rate ≤15mm/h (men) or 20mm/h (women)" (v2 NCT06751901)
_NEXT_SAME = re.compile(
    rf"\s*+\)?\s*+(?P<joined>(?:,\s*+)?(?:or|and)\s+|,\s*+)?(?:{CMP_START}{CMP}\s*)?"
    rf"{NUM}\s*{_UNIT}(?![\w/])",
    re.IGNORECASE,
)
_ALTERNATIVES = 8
# every spelling of the ULN in `_ULN` holds one of these: a window without one is not searched
_NEEDS_ULN = re.compile(r"uln|nl|upper|normal|reference|(?-i:N\b)", re.IGNORECASE)
# how far after the analyte a threshold may stand, and where a clause ends
_REACH = 90
# a line break ends a clause unless the next line is indented and goes on in lower case or a
# bracket, as text wrapped at a fixed width does: "(AST) = 2.5 x\n          upper limit of normal
# (=5 x upper limit of normal" (XML NCT00101400)
# "i.e." and "e.g." end no clause: "high homocysteine levels i.e. > 10.9 µmol/L" (Chia NCT02318446)
# after a word or a comma the next indented line goes on whatever its case: "(eGFR) by
# Modification of Diet for Renal\n     Disease (MDRD) formula <30 mL/min/1.73 m2" (ICTRP NCT04882735)
_CLAUSE_END = re.compile(
    r";|(?<![\w,])\n(?![ \t]{2,}[a-z(])|(?<=[\w,])\n(?![ \t]{2,}(?:[^\W\d_]|\())"
    r"|(?<!\bi\.e)(?<!\be\.g)\.\s|\.$"
)


# an analyte that ends its line, its bound on the next: "Platelet count\nat least 100,000/mm3"
# (XML NCT00003900)
_LINE_END = re.compile(r"[ \t]*\r?\n[ \t]*")


def _value_of(match: re.Match[str]) -> float:
    """The value a `_VALUE` match states: its number, or the power of ten it writes."""
    if match["exp"]:
        return 10.0 ** int(match["exp"])
    if match["sup"]:
        return 10.0 ** _SUPERSCRIPTS[match["sup"]]
    return number_of(match["num"].replace(" ", ""))


# a gated name (`GATED_ANALYTES`) with the number in one of its units that must follow it, signed
# or bare ("Haemoglobin (Hb) ≥10mg/dL (Hct 32%)", LCT NCT03861637), a verb between ("whose FBS is
# over 1.5 fold of normal value", v2 NCT05388825), or the range it is in ("FBS=120-160mg/dl", v2
# NCT02691897)
_GATED = [
    (
        alias,
        re.compile(
            rf"(?<![\w-]){re.escape(alias)}(?![\w-])(?=\s*(?:\([^()]{{0,20}}\)\s*)?(?:(?:level|value)\s+)?(?:(?:is|are|was)\s+)?(?:of\s+|:\s*)?\(?\s*"
            rf"(?:{CMP_START}{CMP}\s*)?\d+(?:[.,]\d+)?(?:\s*(?:-|–|~|to)\s*\d+(?:[.,]\d+)?)?\s*(?:{'|'.join(units)})(?!\w))",
            re.IGNORECASE,
        ),
    )
    for alias, (_, units) in GATED_ANALYTES.items()
]
# the gated names by their last four letters ("emia" ends two dozen of them), so the text is
# searched once per ending rather than once per name
_GATED_ENDINGS: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _alias, _gated_name in _GATED:
    _GATED_ENDINGS.setdefault(_alias[-4:], []).append((_alias, _gated_name))


def _gated(text: str) -> list[re.Match[str]]:
    """The gated names in `text`, found where their lower-case spelling occurs (scanning the text
    with each lookahead costs more)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer moves the offsets
        return [hit for _, gated in _GATED for hit in gated.finditer(text)]
    hits = []
    for ending, names in _GATED_ENDINGS.items():
        at = lowered.find(ending)
        while at >= 0:
            end = at + len(ending)
            for alias, gated in names:
                start = end - len(alias)
                if start >= 0 and lowered.startswith(alias, start):
                    hit = gated.match(text, start)
                    if hit is not None:
                        hits.append(hit)
            at = lowered.find(ending, end)
    return hits


def _threshold_window(text: str, start: int, limit: int) -> int:
    end = min(len(text), start + _REACH, limit)
    broken = _LINE_END.match(text, start, end)
    stop = _CLAUSE_END.search(text, broken.end() if broken else start, end)
    end = stop.start() if stop else end
    # a bracket opened before the analyte and closed after a number ends its bounds: "(Fasting
    # Glucose\>200 and/or Glycated Hemoglobin\>8%) Decompensated systemic arterial hypertension
    # (SBP \> 160" (v2 NCT05118607)
    close = text.find(")", start, end)
    while close >= 0:
        if text.count("(", start, close) < text.count(")", start, close + 1):
            if DIGIT.search(text, start, close) is not None:
                return close
            break
        close = text.find(")", close + 1, end)
    return end


def find_labs(text: str, where: Locator) -> list[LabThreshold]:
    """Every numeric bound on a lab value the text states, in text order."""
    mentions = _ANALYTE.matches(text)
    prefixed = [
        hit
        for prefix in _SAMPLE_PREFIX.finditer(text)
        if (hit := _ALIAS_AT.match(text, prefix.end()))
    ]
    prefixed.extend(_gated(text))
    prefixed.extend(_CAPITALS.finditer(text))
    if prefixed:
        mentions = sorted(mentions + prefixed, key=lambda mention: mention.start())
    # a test named "of" another is the first test: the second names no threshold of its own
    ends = [mention.end() for mention in mentions]
    if len(mentions) > 1:
        kept = [mentions[0]]
        ends = [mentions[0].end()]
        for mention in mentions[1:]:
            if _OF.fullmatch(text, ends[-1], mention.start()):
                ends[-1] = mention.end()
            else:
                kept.append(mention)
                ends.append(mention.end())
        mentions = kept
    found: list[LabThreshold] = []
    waiting: list[re.Match[str]] = []
    for position, mention in enumerate(mentions):
        following = mentions[position + 1].start() if position + 1 < len(mentions) else len(text)
        own = (
            []
            if _REFERENCE_AFTER.match(text, ends[position])
            and _NORMAL_BEFORE.search(text, max(0, mention.start() - 16), mention.start())
            else _thresholds(text, where, mention, following)
        )
        found.extend(own)
        gap = text[ends[position] : following]
        if own:
            found.extend(_shared(text, where, waiting, own))
            waiting = []
        elif following < len(text) and (
            _SHARED.fullmatch(gap)
            or ((of := _OF_WORDS.match(gap)) is not None and _SHARED.fullmatch(gap, of.end()))
        ):
            waiting.append(mention)
        elif not (following < len(text) and _ABBREVIATION.fullmatch(gap)):
            waiting = []
    found.extend(_named_after(text, where, mentions, found))
    found.extend(_value_before(text, where, mentions, found))
    found.extend(_sign_before(text, where, mentions, found))
    found.extend(_unlisted(text, where, found))
    found.sort(key=lambda threshold: threshold.span[0])
    return found


# a multiple of the ULN written before the analytes it bounds: "three times the upper limit of
# normal (ULN) for aspartate aminotransferase (AST), alanine aminotransferase (ALT)" (Chia
# NCT02573168), "1.5 times upper limit of normal of serum creatinine, Alkaline phosphatase" (LCT
# NCT03867500), "at least 3 above the upper limit of normal in AST and ALT levels" (Chia
# NCT00943865)
_BEFORE_ANALYTE = re.compile(
    r"\s*(?:\(\s*(?:ULN|UNL)\s*\)\s*)?(?:for|of|in)\s+(?:the\s+)?(?:serum\s+)?", re.IGNORECASE
)
_LEAD = 110
# a value written before the analyte it bounds: "5% or more blasts in bone marrow" (LCT
# NCT03867682), "HIV <200 CD4 cells/µL" (Chia NCT02462590); a sign or a direction is needed
# words naming where the value is measured may stand between a signed percent and the analyte:
# "MDS with ≥20% bone marrow or peripheral blasts" (Chia NCT00989261); other words change what is
# measured (">15% adult hemoglobin", Chia NCT01000155)
_BEFORE = re.compile(
    rf"(?:{CMP}\s*)?{NUM}\s*(?P<unit>%)?"
    r"(?:\s+or\s+(?P<dir>more|greater|higher|less|fewer|lower))?"
    r"(?P<words>(?<=%)(?:\s+(?:bone|marrow|peripheral|blood|circulating|serum|plasma|urine|or|and)){1,4})?"
    r"\s+\Z",
    re.IGNORECASE,
)
# what `_BEFORE` reads after the number's last digit: searched first, as `_BEFORE` tries its
# comparators at every offset before the analyte (and mostly there is no number right before)
_BEFORE_TAIL = re.compile(r"\d" + _BEFORE.pattern.split(NUM, 1)[1], re.IGNORECASE)
# the unit after the analyte: "CD4 cells/µL"
_UNIT_AFTER = re.compile(rf"\s*(?:cells?\s*)?{_UNIT}", re.IGNORECASE)
_OF_BEFORE = re.compile(r"\b(?:for|of|in)\s+(?:the\s+)?(?:serum\s+)?\Z", re.IGNORECASE)
# a signed multiple right before the analytes, nothing between: "Liver dysfunction (>3x ULN SGOT
# / SGPT)" (classic JSON NCT04355897)
_LIMIT_BEFORE = re.compile(r"(?<![\w-])(?:ULN|UNL|normal)[ \t]+\Z", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")


# a dot before three digits separates thousands in a count per volume: "Leukocytosis (>10.000
# cells/mm3)" (Chia NCT01743755) is 10,000 per mm3, as no count per mm3 is a fraction
_DOT_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}\.\d{3}(?![\d.,])")
_PER_VOLUME = frozenset({"/mm3", "/uL"})
# "G/L" in capitals: giga per litre where the analyte is a cell count
_GIGA = re.compile(r"\dG\s*[/⁄∕]\s*[lL]\b|\sG\s*[/⁄∕]\s*[lL]\b")


def _lab(
    text: str,
    where: Locator,
    mention: re.Match[str],
    analyte: str,
    comparator: Comparator,
    value: float,
    unit: str | None,
    start: int,
    end: int,
    condition: str | None = None,
) -> LabThreshold:
    """The threshold `text[start:end]` states on `analyte` (named by `mention`): a multiple of
    the ULN when `unit` is "ULN", else a value with its canonical value."""
    if unit == "g/L" and analyte in CELL_COUNTS and _GIGA.search(text, start, end):
        unit = "10^9/L"
    if unit in _PER_VOLUME and (analyte in CELL_COUNTS or analyte not in _KEYS) and value < 1000:
        dotted = _DOT_THOUSANDS.search(text, start, end)
        if dotted is not None and float(dotted[0]) == value:
            value = float(dotted[0].replace(".", ""))
    if unit == "ULN":
        canonical_value, canonical_unit, multiple = None, None, value
    else:
        (canonical_value, canonical_unit), multiple = canonical(value, unit, analyte), None
    side, index = where.at(mention.start())
    return LabThreshold.found(
        analyte=analyte,
        analyte_text=mention[0],
        comparator=comparator,
        value=value,
        unit=unit,
        canonical_value=canonical_value,
        canonical_unit=canonical_unit,
        uln_multiple=multiple,
        side=side,
        criterion_index=index,
        span=(start, end),
        text=text[start:end],
        condition=condition,
    )


def _uln_comparator(match: re.Match[str]) -> Comparator:
    """The comparator of a `_ULN` match: its sign, else the word after its multiple, else "<="
    (a multiple of the upper limit of normal stated alone, or after a sign lost in encoding, is a
    ceiling)."""
    if match["cmp"] and match["cmp"] != "?":
        return comparator_of(match["cmp"])
    if match["after"]:
        return comparator_after(match["after"].split()[1])
    if match["above"]:
        return ">"
    return "<="


def _multiple(match: re.Match[str]) -> float:
    """The multiple of the ULN a `_ULN` match states; a percent above it adds to one ULN, and
    the limit named after its comparator is one ULN unless a multiple follows it."""
    if match["num"] is None:
        after = match["times"] or match["by"]
        return number_of(after) if after else 1.0
    if match["percent"]:
        return round(1.0 + number_of(match["num"]) / 100.0, 6)
    return number_of(match["num"])


# a signed value may carry its unit before the analyte: ">/= 5 ppm carbon monoxide (CO)" (LCT
# NCT03863509); the unit is read back from the name to the last digit, then the signed number
_UNIT_GAP = re.compile(rf"(?<=\d)\s*{_UNIT}\s+\Z", re.IGNORECASE)
# the groups of `_BEFORE` it has no part for never take part
_SIGNED_NUM_END = re.compile(
    rf"{CMP}\s*{NUM}(?:(?P<unit>(?!))|(?P<dir>(?!))|(?P<words>(?!)))?\Z", re.IGNORECASE
)


def _signed_with_unit(text: str, start: int) -> tuple[re.Match[str] | None, str | None]:
    """(the signed number, its unit) written before the name at `start` with the unit between."""
    gap = _UNIT_GAP.search(text, max(0, start - 25), start)
    if gap is None:
        return None, None
    number = _SIGNED_NUM_END.search(text, max(0, gap.start() - 31), gap.start())
    return (number, gap["unit"]) if number is not None else (None, None)


def _value_before(
    text: str, where: Locator, mentions: list[re.Match[str]], found: list[LabThreshold]
) -> list[LabThreshold]:
    """Thresholds written just before an analyte that has none of its own."""
    bounded = {threshold.span[0] for threshold in found} | {t.span[1] for t in found}
    extra: list[LabThreshold] = []
    for mention in mentions:
        start = mention.start()
        if start in bounded or not DIGIT.search(text, max(0, start - 50), start):
            continue
        before = (
            None
            if _BEFORE_TAIL.search(text, max(0, start - 50), start) is None
            else _BEFORE.search(text, max(0, start - 50), start)
        )
        signed_unit = None
        if before is None:
            before, signed_unit = _signed_with_unit(text, start)
        if before is None or not (before["cmp"] or before["dir"]):
            continue
        if before["words"] and not before["cmp"]:
            continue
        if any(t.span[0] <= before.start() < t.span[1] for t in found):
            continue
        written = before["unit"] or signed_unit
        after = None if written else _UNIT_AFTER.match(text, mention.end())
        if not written and after is not None:
            written = after["unit"]
        unit = normalise_unit(written) if written else None
        if unit is None:
            continue
        comparator = (
            comparator_of(before["cmp"]) if before["cmp"] else comparator_after(before["dir"])
        )
        end = after.end() if after is not None else mention.end()
        extra.append(
            _lab(
                text,
                where,
                mention,
                _key(mention),
                comparator,
                number_of(before["num"]),
                unit,
                before.start(),
                end,
            )
        )
    return extra


# a bound with its unit written before the analyte and a sign between, the analyte's other bound
# after it: "2.6mmol/L (100mg/dl)=LDL-C=5.2mmol/L (200mg/dl)" (Chia NCT03532620, "=" for a lost
# "≤"), "1.3nmol/L ≤ Serum total triiodothyronine (TT3) ≤ 3.1nmol/L" (v2 NCT06751901); the sign
# reads from the value to the analyte, so "≤" is a lower bound
_SIGN_BEFORE = re.compile(
    rf"{NUM}\s*{_UNIT}\s*(?:\(\s*{NUM.replace('?P<num>', '?P<alt>')}\s*"
    rf"{_UNIT.replace('?P<unit>', '?P<altunit>')}\s*\)\s*)?"
    r"(?P<sign>[<>]=?|=[<>]?|[≤≥])\s*(?:serum\s+|plasma\s+)?\Z",
    re.IGNORECASE,
)
_SIGN_END = re.compile(r"[<>=≤≥]\s*(?:serum\s+|plasma\s+)?\Z", re.IGNORECASE)
_REVERSED: dict[Comparator, Comparator] = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "="}


def _sign_before(
    text: str, where: Locator, mentions: list[re.Match[str]], found: list[LabThreshold]
) -> list[LabThreshold]:
    """Bounds written before an analyte with a sign between them ("1.3nmol/L ≤ TT3")."""
    extra: list[LabThreshold] = []
    # a found threshold that starts before `start` and ends after `lo`: one search per mention
    reach = furthest_before(t.span for t in found)
    for mention in mentions:
        start = mention.start()
        # the sign is the last character before the name but for spaces and a sample word
        if not _SIGN_END.search(text, max(0, start - 10), start):
            continue
        before = _SIGN_BEFORE.search(text, max(0, start - 60), start)
        if before is None:
            continue
        if reach(start) > before.start():
            continue
        analyte = _key(mention)
        comparator = _REVERSED[comparator_of(before["sign"])]
        for number, written in (
            (before["num"], before["unit"]),
            (before["alt"], before["altunit"]),
        ):
            unit = normalise_unit(written) if written else None
            if number is None or unit is None:
                continue
            extra.append(
                _lab(
                    text,
                    where,
                    mention,
                    analyte,
                    comparator,
                    number_of(number),
                    unit,
                    before.start(),
                    mention.end(),
                )
            )
    return extra


def _named_after(
    text: str, where: Locator, mentions: list[re.Match[str]], found: list[LabThreshold]
) -> list[LabThreshold]:
    """Thresholds of a ULN multiple stated before a list of analytes that has none of its own."""
    bounded = {threshold.span[0] for threshold in found}
    extra: list[LabThreshold] = []
    after = 0
    for position, first in enumerate(mentions):
        start = first.start()
        # only a mention right after "for", "of" or "in", or right after the limit, can open
        # such a list
        if start < after or not (
            _OF_BEFORE.search(text, max(0, start - 16), start)
            or _LIMIT_BEFORE.search(text, max(0, start - 24), start)
        ):
            continue
        last = position
        while last + 1 < len(mentions):
            gap = text[mentions[last].end() : mentions[last + 1].start()]
            if not (_SHARED.fullmatch(gap) or _ABBREVIATION.fullmatch(gap)):
                break
            last += 1
        chain = mentions[position : last + 1]
        after = chain[-1].end()
        if any(mention.start() in bounded for mention in chain):
            continue
        lead_start = max(0, start - _LEAD)
        if not _NEEDS_ULN.search(text, lead_start, start):
            continue
        multiple = None
        for match in _ULN_SEARCH.finditer(text, lead_start, start):
            joined = _BEFORE_ANALYTE.match(text, match.end(), start)
            if (joined is not None and joined.end() == start) or (
                match["cmp"] and _SPACES.fullmatch(text, match.end(), start)
            ):
                multiple = match
        if multiple is None:
            continue
        comparator = _uln_comparator(multiple)
        seen: set[str] = set()
        for mention in chain:
            analyte = _key(mention)
            if analyte in seen:
                continue
            seen.add(analyte)
            extra.append(
                _lab(
                    text,
                    where,
                    mention,
                    analyte,
                    comparator,
                    _multiple(multiple),
                    "ULN",
                    multiple.start(),
                    mention.end(),
                )
            )
    return extra


def _shared(
    text: str, where: Locator, waiting: list[re.Match[str]], own: list[LabThreshold]
) -> list[LabThreshold]:
    """Copies of `own` for the analytes waiting on them ("ALT and AST ≤ 2.5 × ULN")."""
    copies: list[LabThreshold] = []
    seen = {threshold.analyte for threshold in own}
    for mention in waiting:
        analyte = _key(mention)
        if analyte in seen:
            continue
        seen.add(analyte)
        side, index = where.at(mention.start())
        for threshold in own:
            end = threshold.span[1]
            copies.append(
                threshold.model_copy(
                    update={
                        "analyte": analyte,
                        "analyte_text": mention[0],
                        "side": side,
                        "criterion_index": index,
                        "span": (mention.start(), end),
                        "text": text[mention.start() : end],
                    }
                )
            )
    return copies


# the patterns searched after each analyte, as they are but for a first-character lookahead in
# front of those that open with an optional part (the engine then skips at once the positions
# where no match can start, instead of trying the pattern at each): `_ULN` opens with a
# comparator or its number (digits or a word), `_RANGE` with "between" or a digit, `_VALUE_AFTER`
# with a digit
_NUMBER_FIRSTS = "".join(sorted({word[0] for word in NUMBER_WORDS}))
_ULN_SEARCH = re.compile(
    f"(?=[\\d{re.escape(''.join(sorted(set(CMP_FIRSTS + _NUMBER_FIRSTS))))}])" + _ULN.pattern,
    re.IGNORECASE,
)
_RANGE_SEARCH = re.compile(r"(?=[b\d])" + _RANGE.pattern, re.IGNORECASE)


def _thresholds(
    text: str, where: Locator, mention: re.Match[str], following: int
) -> list[LabThreshold]:
    """The thresholds stated after one analyte mention, up to the next or the clause end."""
    found: list[tuple[int, LabThreshold]] = []
    analyte = _key(mention)
    window_end = _threshold_window(text, mention.end(), following)
    taken: list[tuple[int, int]] = []
    named = mention.start()

    def add(comparator: Comparator, value: float, unit: str | None, start: int, end: int) -> None:
        stated = _CONDITION.match(text, end, min(len(text), end + 100))
        condition = " ".join(stated["condition"].split()) if stated else None
        lab = _lab(text, where, mention, analyte, comparator, value, unit, named, end, condition)
        found.append((start, lab))

    begin = mention.end()
    uln = (
        _ULN_SEARCH.finditer(text, begin, window_end)
        if _NEEDS_ULN.search(text, begin, window_end)
        else ()
    )
    for match in uln:
        add(_uln_comparator(match), _multiple(match), "ULN", match.start(), match.end())
        taken.append(match.span())
    # the other forms all need a digit
    digits = DIGIT.search(text, begin, window_end) is not None
    for match in _RANGE_SEARCH.finditer(text, begin, window_end) if digits else ():
        written = match["unit"] or match["lowunit"]
        # "saliva pH 6.75-7.25" (LCT NCT03927794): decimal ends are no grade list
        decimal = all(_DECIMAL.search(match[end]) for end in ("low", "high"))
        low, high = number_of(match["low"]), number_of(match["high"])
        if not (match["between"] or written or decimal) or low >= high:
            continue
        if not all(match.end() <= s or match.start() >= e for s, e in taken):
            continue
        unit = normalise_unit(written) if written else None
        add(">=", low, unit, match.start(), match.end())
        add("<=", high, unit, match.start(), match.end())
        taken.append(match.span())
    for match in _VALUE.finditer(text, begin, window_end) if digits else ():
        # (its number, not its comparator, inside a range read: "Glucose=120-160mg/dl")
        if any(s <= match.start("num") < e for s, e in taken) or _TIME_AFTER.match(
            text, match.end("num")
        ):
            continue
        written = match["unit"]
        if not written and (_COUNTED.match(text, match.end()) or _AMOUNT.match(text, match.end())):
            continue
        if not written and match["cmp"] and not match["exp"] and not match["sup"]:
            alternative = _ALTERNATIVE_UNIT.match(text, match.end(), window_end)
            written = alternative["unit"] if alternative else None
        unit = normalise_unit(written) if written else None
        value, end = _value_of(match), match.end()
        if unit is None and analyte in CELL_COUNTS and match["num"].isdigit():
            spaced = _SPACED_THOUSANDS.match(text, match.end("num"), window_end)
            if spaced is not None:
                value = float(match["num"] + "".join(spaced[0].split()))
                end = spaced.end()
        add(comparator_of(match["cmp"]), value, unit, match.start(), end)
        taken.append((match.start(), end))
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
    if not found and digits:
        # a value with its unit and no comparator right after the analyte states it
        bare = _BARE.match(text, begin, window_end)
        if (
            bare is not None
            and normalise_unit(bare["unit"])
            and not _TIME_AFTER.match(text, bare.end("num"))
        ):
            add("=", number_of(bare["num"]), normalise_unit(bare["unit"]), bare.start(), bare.end())
    for _, threshold in list(found):
        if threshold.unit is None or threshold.unit == "ULN":
            continue
        same = _EQUIVALENT.match(text, threshold.span[1], window_end)
        if same is None or any(s < same.end() and same.start() < e for s, e in taken):
            continue
        written_unit = same["unit"] or same["altunit"]
        unit = normalise_unit(written_unit) if written_unit else None
        # the other unit states the same bound, or "or" an alternative one: a unit the table knows
        if unit is None:
            continue
        written = same["cmp"]
        value = number_of(same["num"] or same["alt"])
        # the bound restated as it was read: "≥ 10*5* IU/mL (100,000 IU/mL)" (Chia NCT01051414)
        if unit == threshold.unit and value == threshold.value:
            continue
        add(
            comparator_of(written) if written else threshold.comparator,
            value,
            unit,
            same.start(),
            same.end(),
        )
    # the next ULN multiple, after the last one's condition, past the clause or the reach: "≤
    # 2.5 × ULN; ≤ 5 × ULN in the presence of liver metastases" (NCT06029816), "less than 2.5
    # times the upper normal limit in the absence of demonstrable liver metastases, or less than 5
    # times the upper normal limit in the presence of liver metastases" (NCT02179567)
    for _ in range(2):
        last = max((t for _, t in found), key=lambda t: t.span[1], default=None)
        if last is None or last.unit != "ULN":
            break
        at = last.span[1]
        stated = _CONDITION.match(text, at, min(len(text), at + 100))
        at = stated.end() if stated else at
        more = _NEXT_ULN.match(text, at, min(len(text), at + 80))
        if (
            more is None
            or not more["cmp"]
            or any(s < more.end() and more.start("cmp") < e for s, e in taken)
        ):
            break
        taken.append((more.start("cmp"), more.end()))
        add(comparator_of(more["cmp"]), _multiple(more), "ULN", more.start("cmp"), more.end())
    # the alternative bound past the reach, after a remark in brackets: "testosterone level
    # defined as a value lower than 300 ng/dL (indicative of untreated hypogonadism), or greater
    # than 1197 ng/dL" (v2 NCT05366504)
    last = max((t for _, t in found), key=lambda t: t.span[1], default=None)
    if last is not None and last.unit not in (None, "ULN") and last.span[1] < window_end + 60:
        other = _NEXT_VALUE.match(text, last.span[1], min(len(text), last.span[1] + 120))
        if other is not None and other.start("cmp") >= window_end:
            unit = normalise_unit(other["unit"])
            if unit is not None:
                add(
                    comparator_of(other["cmp"]),
                    number_of(other["num"]),
                    unit,
                    other.start("cmp"),
                    other.end(),
                )
    # more alternatives in the same unit, each after the last one's condition, past the reach:
    # "hemoglobin levels below 11.5 g/dL for subjects aged 6-11 years old, less than 12.0 g/dL for
    # subjects aged 12-15 years old, less than 12.0 g/dL for females aged 15-17 and less than 13.0
    # g/dL for males aged 15-17" (v2 NCT03369899)
    for _ in range(_ALTERNATIVES):
        last = max((t for _, t in found), key=lambda t: t.span[1], default=None)
        if last is None or last.unit in (None, "ULN") or last.condition is None:
            break
        stated = _CONDITION.match(text, last.span[1], min(len(text), last.span[1] + 100))
        if stated is None:
            break
        more = _NEXT_SAME.match(text, stated.end(), min(len(text), stated.end() + 60))
        if (
            more is None
            or not (more["cmp"] or more["joined"])
            or normalise_unit(more["unit"]) != last.unit
        ):
            break
        opens = more.start("cmp") if more["cmp"] else more.start("num")
        if any(s < more.end() and opens < e for s, e in taken):
            break
        taken.append((opens, more.end()))
        comparator = comparator_of(more["cmp"]) if more["cmp"] else last.comparator
        add(comparator, number_of(more["num"]), last.unit, opens, more.end())
    if len(found) > 1:
        first_end = min(threshold.span[1] for _, threshold in found)
        stop = _SCOPE_END.search(text, first_end, window_end)
        if stop is not None:
            found = [(start, t) for start, t in found if start < stop.end()]
    return [threshold for _, threshold in found]


# a bound in a lab's own unit on a test the table does not name: "Serum tryptase > 2 x ULN", "Vitamin
# D < 20 ng/mL" (hand-made); the name is read back from the value, the words of a noun phrase and
# no more (a connector, a verb or a bracket ends it)
_LAB_UNITS = frozenset(
    {
        "/mm3",
        "/uL",
        "10^12/L",
        "10^3/uL",
        "10^9/L",
        "EU/mL",
        "IU/mL",
        "U/L",
        "U/mL",
        "copies/mL",
        "g/L",
        "g/dL",
        "kU/L",
        "mEq/L",
        "mIU/L",
        "mIU/mL",
        "mU/L",
        "mU/mL",
        "mg/L",
        "mg/dL",
        "mmol/L",
        "mmol/mol",
        "ng/L",
        "ng/dL",
        "ng/mL",
        "nmol/L",
        "pg/mL",
        "uIU/mL",
        "ug/L",
        "ug/dL",
        "ug/mL",
        "umol/L",
        "mL/min/1.73m2",
    }
)
_UNLISTED_NAME = re.compile(
    r"(?<![\w-])(?P<name>[^\W\d_][\w-]*(?:[ \t]+[^\W\d_][\w-]*){0,3})"
    r"(?:\s*\([^()]{1,20}\))?(?:\s+(?:levels?|values?|concentrations?|titers?|titres?))?"
    r"(?:\s+(?:is|are|was|of|must\s+be|should\s+be))?\s*:?\s*\Z",
    re.IGNORECASE,
)
# words no lab test is named by: they join, qualify or count, name a dose or an intake, or are
# verbs
_NOT_NAME_WORDS = (
    "a an and or the of in on at to for with without by from than as if when who which that "
    "is are was were be been being has have had must should may not no any all each every "
    "patients patient subjects subject participants participant women men males females "
    "level levels value values concentration concentrations "
    "dose doses dosage dosing intake infusion weight volume output consumption use "
    "it its they them this these those case cases documented confirmed known measured "
    "administration supplementation therapy treatment regimen daily equal less greater "
    "more above below under over up least most higher lower defined elevated elevation "
    "increased decreased low high normal abnormal baseline screening cut-off cutoff threshold "
    "limit range formula equation method got gets received showed shows reached achieved remains "
    "remained"
)
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
# words between a name and its bound, dropped from its end: "blood biochemistry defined as 3 times
# that of the upper limit of the normal range" (Chia NCT02652572), "iga level < 7 mg / dl" (Facebook
# NER test set)
_FILLERS = frozenset(
    {"is", "are", "was", "of", "be", "must", "should", "defined", "as", "level", "levels"}
    | {"value", "values", "concentration", "concentrations"}
)
_NAME_LEAD = 60
_WORD = re.compile(r"[^\W\d_][\w-]*")
_NAME = re.compile(r"[^\W\d_][\w-]*(?:[ \t]+[^\W\d_][\w-]*)*")
_NOT_KEY = re.compile(r"[^0-9a-z]+")
# every unit of `_LAB_UNITS` is written with one of them, or with "per" in the folded text
_SLASHES = ("/", "⁄", "∕")
_PER_WORD = " per"
# what follows the slash of a lab unit: a volume, "min" or "mol" ("and/or" has none of them)
_PER = re.compile(r"\s*[lmdµμu]", re.IGNORECASE)
# the words of a limit a multiple of the ULN is read around (in the folded text)
_LIMIT_WORDS = ("uln", "unl", "upper", "normal")
# where a multiple written in digits can start, in the folded text: its number or its sign
_ULN_STARTS = re.compile(
    rf"\d(?<![\d.,]\d)|[{CMP_FIRSTS}](?<=(?={CMP_AHEAD}).)"
    rf"(?<=(?=(?:{CMP_FOLDED})\s*(?:[x×]\s*)?\d).)"
)


def _unlisted(text: str, where: Locator, found: list[LabThreshold]) -> list[LabThreshold]:
    """Bounds in a lab unit or a ULN multiple that no named analyte took, on the test named
    right before them (its name as the key, lower case, words joined by "_")."""
    if DIGIT.search(text) is None:
        return []
    # whether a found threshold covers an offset or overlaps a span is one search, not a scan
    reach = furthest_before(threshold.span for threshold in found)

    def covered(at: int) -> bool:
        return reach(at + 1) > at

    # searched only around the words of a limit and the slashes every lab unit has, where no
    # threshold found covers them
    lowered = folded(text)
    limits = sorted(
        at for word in _LIMIT_WORDS for at in finds(lowered, word) if not covered(at)
    )
    candidates: list[tuple[int, int, Comparator, float, str]] = []
    for match in finditer_from(_ULN, text, lowered, _around(text, limits, 40), _ULN_STARTS):
        # a multiple needs a limit of its own ("at least 4 times in separate attempts" names
        # none), and starts a word ("over" in "moreover" is no sign)
        if _NEEDS_ULN.search(text, match.start(), match.end()) and not (
            match.start() and text[match.start() - 1].isalpha()
        ):
            candidates.append(
                (match.start(), match.end(), _uln_comparator(match), _multiple(match), "ULN")
            )
    multiples = [candidate[:2] for candidate in candidates]
    multiple_starts = [span[0] for span in multiples]
    slashes = sorted(
        [
            at
            for slash in _SLASHES
            if slash in text
            for at in finds(text, slash)
            if _PER.match(text, at + 1) and not covered(at)
        ]
        + [
            at + len(_PER_WORD)
            for at in finds(lowered, _PER_WORD)
            if _PER.match(text, at + len(_PER_WORD)) and not covered(at)
        ]
    )
    for low, high in _around(text, slashes, 30):
        # the comparator before the value, then after it: "a serum thyroglobulin of 7 ng / ml or
        # greater" (Facebook NER test set)
        for pattern in (_VALUE, _VALUE_AFTER):
            for match in pattern.finditer(text, low, high):
                unit = normalise_unit(match["unit"]) if match["unit"] else None
                if unit not in _LAB_UNITS or _overlaps(multiples, multiple_starts, match.span()):
                    continue
                comparator, value = (
                    (comparator_of(match["cmp"]), _value_of(match))
                    if pattern is _VALUE
                    else (comparator_after(match["dir"]), number_of(match["num"]))
                )
                candidates.append((match.start(), match.end(), comparator, value, unit))
    extra: list[LabThreshold] = []
    taken = 0
    for start, end, comparator, value, unit in sorted(candidates):
        if start < taken or reach(end) > start:
            continue
        named = _UNLISTED_NAME.search(text, max(0, start - _NAME_LEAD), start)
        if named is None:
            continue
        words = list(_WORD.finditer(text, named.start("name"), named.end("name")))
        while words and words[-1][0].lower() in _FILLERS:
            words.pop()
        first = len(words)
        while first and words[first - 1][0].lower() not in _NOT_NAMES:
            first -= 1
        if first == len(words):
            continue
        name_start, name_end = words[first].start(), words[-1].end()
        mention = _NAME.match(text, name_start, name_end)
        if mention is None or _ANALYTE.regex.search(mention[0]) is not None:
            continue
        # the sample the test is made on is no part of the key: "serum estrogen" is "estrogen"
        key_words = [word[0].lower() for word in words[first:]]
        if len(key_words) > 1 and key_words[0] in ("serum", "plasma"):
            del key_words[0]
        analyte = _NOT_KEY.sub("_", " ".join(key_words)).strip("_")
        extra.append(_lab(text, where, mention, analyte, comparator, value, unit, name_start, end))
        taken = end
    return extra


def _around(text: str, hits: list[int], after: int) -> list[tuple[int, int]]:
    """The stretches of `text` a bound may take around each offset of `hits` (in order) that
    has a digit at most 30 characters before it: from 26 characters before the digit (room for
    a comparator in words) to `after` characters after the hit, those that overlap merged."""
    stretches: list[tuple[int, int]] = []
    for hit in hits:
        digit = DIGIT.search(text, max(0, hit - 30), hit)
        if digit is None:
            continue
        low, high = max(0, digit.start() - 26), min(len(text), hit + after)
        if stretches and low <= stretches[-1][1]:
            stretches[-1] = (min(stretches[-1][0], low), high)
        else:
            stretches.append((low, high))
    return stretches


def _overlaps(spans: list[tuple[int, int]], starts: list[int], span: tuple[int, int]) -> bool:
    """Whether `span` overlaps one of `spans` (apart from each other, in order; `starts` theirs)."""
    at = bisect_left(starts, span[1])
    return at > 0 and spans[at - 1][1] > span[0]

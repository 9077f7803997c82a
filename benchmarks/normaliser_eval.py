"""Precision, recall and F1 of the normaliser against annotated criteria, per kind of value.

Run: python benchmarks/normaliser_eval.py [--misses KIND]

Gold comes from the annotated corpora in the real-data folder `criteria_corpora/`, read in place
by `scripts/criteria_corpora.py`, which also fixes the dev / evaluation split (a rule on file
names: see its docstring). Figures are printed for both splits side by side; `--misses KIND`
lists the unmatched gold and predicted items of that kind, of the dev documents only (the
evaluation documents are scored, never read for their misses).

- LCT (brat): an `Age` event's Numeric-Filter comparison gives age bounds; an `Observation` typed
  `lab` (or left untyped when its name is a lab test of `_LAB_WORDS`: "CRP >30 mg/L") gives lab
  thresholds from its Numeric-Filter comparisons (not those in mmHg, cm H2O or mm: a pressure or a
  wheal typed `lab`, "ICP > 20 mm Hg"), ×ULN when the comparison's unit is a reference-range unit
  ("upper limit of normal", "ULN"; one ULN when an ordering operator compares the upper limit
  with no value: "greater than the upper limit of normal"); a comparison left unlinked that "or"
  or "and" joins to such a threshold just before it is one more ("blood glucose <50 or > 400 mg/dL"), and so is one written
  right after (at most two characters between) a lab test that has no comparison linked ("Glucose
  >110 mg/dL", the link left out); of the values one comparison links, the one right after its
  operator is the value it states ("IgE anti Fel d 1 ≥ 0.7 kU/L" links the "1" of the name too),
  else the first, and an operator inside the comparison's span states it though the event leaves it
  unlinked ("70～110mg/dL" with its BETWEEN on "～"); an `Observation` typed `clinical-score` naming
  a performance scale (ECOG, Karnofsky, Lansky, WHO, Zubrod) gives score bounds; every other
  comparison with a value and a temporal unit gives a time window.
- Chia (brat): a `Value` linked by Has_value to a `Measurement` gives a lab threshold when the
  measurement names a lab test (the word list `_LAB_WORDS` below, deliberately wider than the
  normaliser's aliases; "CrCl", "CLcr" and "Cl Cr" alike, "International Normalized Ratio", FPG,
  OGTT, homocysteine, CEA, thyroid hormones, red cell counts and sedimentation rate, the
  thromboplastin time, FBS), ×ULN when the value is stated in ULN ("UNL", "1.5x normal", "twice
  the normal range" too, and "1.5xULN" or "2.5ULN" with the abbreviation run into the number, in
  both corpora; one ULN when a comparator names the limit with no number: "Creatine kinase above
  ULN"), a score bound when it names a performance scale; a `Value` linked
  to a `Person` "age" gives an age bound; a `Condition` named for a lab value (thrombocytopenia,
  leucopenia, anemia, hyperkalemia, ...: `_LAB_CONDITIONS`) counts as a lab test in both corpora
  ("thrombocytopenia <100x10^9 / L"). Links are followed as the annotation makes them: the OR
  groups of the `*` lines join alternatives as the OR relations do; a `Scope` linked by Has_scope
  to a `Measurement` counts as its value when it states a number ("Hemoglobin" → "greater than or
  equal to 10 g/dL"), and so does each `Value` inside it ("≥ 9 g/dl or 5.59 mmol/l"); a `Value`
  linked by OR or Subsumes to such a value is a value of every test the first is ("AST, ALT<2.5X
  ULN" OR "<5 X ULN"); a `Value` that no relation links, written right after a `Measurement` or a
  `Person` (at most two characters between), is its value (the annotators left the link out of "ANC
  ≥ 1.5 x 109/L"); a `Value` that only has a qualifier or a time of its own ("GFR < 40
  ml/min/1.73m2 as measured by the MDRD formula") counts as unlinked, and a `Value` an OR or
  Subsumes link joins to one stating the same numbers restates it ("≥ 10*5* IU/mL" Subsumes
  "100,000 IU/mL") and counts once; the `Value`s inside a `Scope` that an OR or Subsumes link joins
  to a value are values of the same tests ("low" Subsumes "<40 mg⁄dL for men or < 50 mg ⁄dL for
  women"); a value that Subsumes a `Condition` passes its tests to the condition's own values ("≤
  2.5 x ULN (in case of liver metastases < 5 x ULN)"); a test joined by OR or AND to the next, with
  only a connector between and no value of its own, shares the next one's values ("alanine
  transaminase(ALT) or Aspartate transaminase(AST) >2 times upper limit of normal"). One value
  counts once per lab test it bounds: once per test a `Scope` or an entity names ("AST/ALT > 43
  U/L" is two; a bracketed abbreviation is the same test), once however many people share an age,
  and once when a scope or an OR group restates it ("greater than 10 g/dL" OR "equal to 10 g/dL").
  The numbers a value states are read with its comparators ("=" stands for a sign lost in Chia:
  "Hgb =8.5 g/dL and =11.5 g/dL" is two), decimal commas ("1,5 mg/dL"), dots and spaces that
  separate thousands in a count per volume ("< 100.000/µL"), powers of ten as the value ("10*5*",
  "10^5": 100,000; not the factor of "x 10^9/L") and ranges that start at its first number; a
  percent above the ULN is a multiple of it in both corpora ("20% above the upper limit of normal"
  is 1.2 × ULN). A `Temporal`, or an unlinked `Value`, that states a number before a time unit
  gives a time window, unless it is a rate ("1000 mg/day", "28 units/week") or an age ("between 18
  and 49 years old", "gestational age 36 weeks or more").
- Hand-labelled thresholds (fixtures/criteria_corpora/hand_labelled_thresholds.jsonl): lab
  values and ×ULN multiples read off real criteria of 52 real `ctgov_v2/` records and of the
  Facebook Clinical-Trial-Parser sample, with analyte, comparator, value and unit.
- Silver ages: over every real `ctgov_v2/` record whose criteria text states an age, whether the
  text's age range (`normalise(text).age`) agrees with the record's structured minimum and
  maximum age (a bound the text leaves open is not compared; an exclusive bound agrees within
  one year, "> 18" with 18 or 19), split dev / evaluation by the same rule on the NCT ID.

Matching rule: a predicted item matches a gold item of the same kind in the same document when
their character spans overlap and the numeric value agrees (a range "between 1 and 2" or
"0-1" is one gold item per end, except score lists, whose values form one item that any of them
matches); matching is one-to-one, in text order. For the hand-labelled gold the analyte must
agree as well, and a strict score also requires the comparator and the unit. Unmatched
predictions are false positives, unmatched gold items false negatives. Thresholds on BMI and
LVEF are left out of the predictions and of the gold: neither corpus types them as lab tests
(Chia's "LVEF < 1 UNL" would be ×ULN for its unit alone).

The Facebook Clinical-Trial-Parser rows (its parsed output of its own 20-trial sample) share
no trial with LCT or Chia, so they are scored, beside trialparse, against the hand-labelled
thresholds of those 20 trials; a Facebook row's span is the criterion it names.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from trialparse import normalise, parse_record

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.criteria_corpora import (  # noqa: E402
    CorpusDocument,
    Split,
    chia,
    is_evaluation_trial,
    lct,
    split_of,
)
from tests.realdata import real  # noqa: E402

CORPORA = real("criteria_corpora")
FACEBOOK = CORPORA / "facebook_clinical_trial_parser" / "data"
LABELS = ROOT / "fixtures" / "criteria_corpora" / "hand_labelled_thresholds.jsonl"
SPLITS: tuple[Split, ...] = ("dev", "evaluation")
Kind = Literal["age", "lab", "uln", "window", "score"]
KINDS: tuple[Kind, ...] = ("age", "lab", "uln", "window", "score")
KIND_NAMES = {
    "age": "age bounds",
    "lab": "lab values",
    "uln": "×ULN",
    "window": "time windows",
    "score": "scores",
}

# what the evaluation counts as a lab test in Chia's Measurement entities
_LAB_WORDS = re.compile(
    r"\b(?:h(?:a)?emoglobin|hgb|hb|platelets?|plt|neutrophils?|anc|wbc|white\s+blood|leukocytes?|"
    r"lymphocytes?|cd4|creatinine|clearance|e?gfr|glomerular|bilirubin|t?bili|alt|ast|sgot|sgpt|"
    r"transaminases?|aminotransferases?|alkaline\s+phosphatase|alp|albumin|inr|a?ptt|"
    r"prothrombin|hba1c|a1c|glucose|potassium|sodium|calcium|magnesium|phosph\w*|cholesterol|"
    r"ldl|hdl|triglycerides?|psa|testosterone|estradiol|tsh|t4|troponin|ferritin|crp|"
    r"c-reactive|lipase|amylase|urea|bun|uric|ldh|lactate|d-dimer|fibrinogen|h(?:a)?ematocrit|hct|"
    r"crcl|clcr|cl\s+cr|cr\s+cl|dfg|fpg|ogtt|creatinen|birilubin|fsh|lh|blasts?|afp|ggt|gamma-gt|leu[ck]ocytes?|neutrophil|bicarbonate|transferrin|"
    r"sgpt|got|gpt|cpk|creatine|ck|ammonia|lymphocyte|cd\d+|hiv-?1?\s+rna|"
    r"viral\s+load|rna|ige|igg|vitamin|iron|insulin|c-peptide|bnp|nt-probnp|proteinuria|"
    r"protein|serum|plasma|urine|blood\s+count|liver\s+function|renal\s+function|hepatic|"
    # "International Normalized Ratio > 1.7" (LCT NCT03925298), "FPG<7.0mmol/L" and "OGTT 2-h
    # PG<11.1mmol/L" (Chia NCT03532620), "Cl Cr < 60 mL /min" (Chia NCT02558504), "Creatinen" and
    # "Birilubin" as written (Chia NCT02175186), "DFG < 30 ml/min/1.73m²" (LCT NCT03928002, French)
    r"international\s+normali[sz]ed\s+ratio|"
    # "granulocyte count", "Alpha fetoprotein", "HBV DNA", "Hb1Ac", "Venous pH", "Fasting TG",
    # "intact parathyroid hormone", "alfa-GT" (Chia)
    r"granulocytes?|(?:alpha|alfa)[\s-]*fetoprotein|dna|hb1ac|ph|tg|pth|parathyroid|alfa-gt|"
    r"b?-?hcg|amh|ccr|homocysteine|cea|carcinoembryonic|thyroxine|triiodothyronine|t3|endotoxin|cotinine|continine|stiffness|antitrypsin|aat|fev\s?1|"
    # red cells and their sedimentation rate, the thromboplastin time and fasting blood sugar:
    # "RBC", "Erythrocyte Sedimentation Rate", "Thromboplastin time", "FBS"; not "Quick" alone, the
    # name of an inventory too ("Quick Inventory of Depressive Symptomatology")
    r"rbc|red\s+blood\s+cells?|erythrocytes?|thromboplastin|fbs)\b",
    re.IGNORECASE,
)
_SCALE_WORDS = re.compile(
    r"\b(?:ecog|karnofsky|kps|lansky|zubrod|who\s+performance|performance\s+status|"
    r"performance\s+score)\b",
    re.IGNORECASE,
)
# "< 1.5 UNL", "less than 1.5x normal", "3 times normal" (Chia); "bilirubin >1.5xULN" and
# "<2.5ULN" with no word boundary before the abbreviation (Chia NCT02201316)
_ULN_WORDS = re.compile(
    r"(?<![^\W\dxX×])(?:i?uln|unl)\b|upper\s+limit|upper\s+normal|normal\s+limit|normal\s+upper"
    r"|(?:x|×|times|twice)\s*(?:the\s+)?normal\b",
    re.IGNORECASE,
)
# a pressure or a length is no lab value, though LCT types some as "lab" ("ICP > 20 mm Hg", "BP
# goal ≥ 130/80 mmHg", "skin prick test ... wheal diameter of ≥3 mm")
_NOT_LAB_UNIT = re.compile(r"\b(?:mm\s*hg|cm\s*h2o|mm)\b", re.IGNORECASE)
# BMI and LVEF are left out of the predictions, so out of the gold too ("LVEF < 1 UNL", Chia
# NCT01850147, is read as ×ULN for its unit)
_NOT_LAB_TEST = re.compile(r"\b(?:bmi|body\s+mass|lvef|ejection\s+fraction)\b", re.IGNORECASE)
# conditions named for a lab value, whose values bound it in both corpora: "critical
# thrombocytopenia (<50,000/ul)" (LCT NCT03862118), "leucopenia (<4000 cells/mm3)" (Chia
# NCT01743755), "Risk of anemia < 7g/DL" (LCT NCT03861182)
_LAB_CONDITIONS = re.compile(
    r"\b(?:thrombo(?:cyto)?peni|neutropeni|leu[ck]openi|lymphopeni|an(?:a)?emi"
    r"|hyper(?:kal|natr|calc|glyc)a?emi|hypo(?:kal|natr|calc|glyc|magnes)a?emi)\w*",
    re.IGNORECASE,
)
_AGE_WORDS = re.compile(r"\bage|\bold\b|\byears?\b", re.IGNORECASE)
_TIME_UNIT = re.compile(r"\b(?:hours?|days?|weeks?|months?|years?|hrs?|wks?|mos?)\b", re.IGNORECASE)
_DURATION = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|sixty)\b)"
    r"\s*\)?\s*-?\s*(?:hours?|days?|weeks?|months?|years?|hrs?|wks?|mos?)\b",
    re.IGNORECASE,
)
_RATE = re.compile(
    r"(?:/|\bper\s+|\ba\s+)\s*(?:hours?|days?|weeks?|months?|years?|hrs?|wks?|mos?)\b",
    re.IGNORECASE,
)
_AGE_LIKE = re.compile(r"\bage[sd]?\b|\bold\b|gestation", re.IGNORECASE)
_NUMBER_WORDS = {
    "one": 1.0,
    "two": 2.0,
    "three": 3.0,
    "four": 4.0,
    "five": 5.0,
    "six": 6.0,
    "seven": 7.0,
    "eight": 8.0,
    "nine": 9.0,
    "ten": 10.0,
    "eleven": 11.0,
    "twelve": 12.0,
    "eighteen": 18.0,
    "twenty": 20.0,
    "thirty": 30.0,
    "sixty": 60.0,
    "twice": 2.0,  # "Serum creatinine > twice the upper limit of the normal range"
    "double": 2.0,
    "thrice": 3.0,
    "triple": 3.0,  # "> triple the upper limit of the normal range" (Chia NCT03026088)
}
# "1,5 mg/dL" (a comma before one or two digits that end the number is a decimal comma); a power
# of ten as the value, not as a unit's factor: "≥ 10*5* IU/mL" (Chia NCT01051414), "10^5 copies"
_POWER_OF_TEN = r"(?<![x×*]\s)(?<![x×*\d.,])10\s*[*^]\s*\d{1,2}\*?(?![\d/])(?!\s*/)"
_NUMBER = re.compile(
    _POWER_OF_TEN
    + r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?!\d)|\d+(?:\.\d+)?|\b(?:"
    + "|".join(_NUMBER_WORDS)
    + r")\b",
    re.IGNORECASE,
)
_RANGE = re.compile(
    rf"(?P<low>{_NUMBER.pattern})\s*(?:[a-z%/µ]+\s*)?(?:-|–|to|and)\s*(?P<high>{_NUMBER.pattern})",
    re.IGNORECASE,
)

# a comparator as the annotated values write it: signs ("=" stands for a lost ≥ or ≤ in Chia:
# "Hgb =8.5 g/dL and =11.5 g/dL"), "< or =20", "greater than or equal to 1.4", "at least"
_COMPARATOR = (
    r"(?:[<>≤≥＜＞˂˃=³£](?:\s*or\s*=|\s*/?=)?|(?:less|greater|more|lower|higher|fewer)\s+than"
    r"(?:\s+or\s+equal(?:\s+to)?)?|(?:no|not)\s+(?:more|less|greater|higher|lower)\s+than"
    r"|at\s+(?:least|most)|up\s+to|below|above|over|under|exceed(?:s|ing)?)"
)
_COMPARED = re.compile(rf"{_COMPARATOR}\s*=?\s*(?P<num>{_NUMBER.pattern})", re.IGNORECASE)
# the limit itself compared, with no number: "Creatine kinase above ULN" (Chia NCT02609048) is
# one ULN
_LIMIT_ALONE = re.compile(
    rf"{_COMPARATOR}\s*(?:the\s+)?(?:local\s+|institutional\s+|site\s+)?\Z", re.IGNORECASE
)


def number(written: str) -> float | None:
    """A number as written ("1,500" → 1500.0, "six" → 6.0), or None."""
    word = _NUMBER_WORDS.get(written.strip().lower())
    if word is not None:
        return word
    power = re.fullmatch(r"10\s*[*^]\s*(\d{1,2})\*?", written.strip())
    if power is not None:
        return 10.0 ** int(power[1])
    # "7,0 mmol/l": a comma not followed by three digits is a decimal comma
    if re.fullmatch(r"\d+,\d{1,2}", written.strip()):
        written = written.replace(",", ".")
    try:
        return float(written.replace(",", ""))
    except ValueError:
        pass
    # an LCT value annotated with its unit run in ("< 7g/DL" has the value "7g")
    unit_run_in = re.fullmatch(r"(\d+(?:\.\d+)?)[^\W\d_]+", written.strip())
    return None if unit_run_in is None else float(unit_run_in[1])


# "creatinine >20% above the upper limit of normal" (Chia NCT01846507): 1.2 times the ULN
_PERCENT_ABOVE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*%\s*(?:above|higher|greater|more)\s+(?:than\s+)?(?:the\s+)?\Z",
    re.IGNORECASE,
)


_PERCENT_ABOVE_IN = re.compile(_PERCENT_ABOVE.pattern.removesuffix(r"\Z"), re.IGNORECASE)


def uln_multiples(before_uln: str) -> list[float]:
    """The multiples of the ULN a value states, from its text before the ULN words: its numbers,
    one plus a percent above the limit, or one when a comparator names the limit alone."""
    above = _PERCENT_ABOVE.search(before_uln)
    if above is not None:
        return [round(1.0 + float(above["num"]) / 100.0, 6)]
    return numbers_stated(before_uln) or ([1.0] if _LIMIT_ALONE.search(before_uln) else [])


_DOTTED_COUNT = re.compile(
    r"(?<![\d.,])(\d{1,3})[. ](\d{3})(\s*(?:cells\s*|elements\s*)?(?:/|per\s)\s*(?:µl|μl|ul|mm3|mm³))",
    re.IGNORECASE,
)


def numbers_stated(text: str) -> list[float]:
    """The values a gold value text states: each compared number ("< 3.5 or > 5.1"), both ends
    of a range, else the first number."""
    # "< 100.000/µL", "100 000 per mm3": a dot or a space before three digits in a count per
    # volume separates thousands (no count per microlitre is a fraction)
    text = _DOTTED_COUNT.sub(r"\1\2\3", text)
    compared = [number(m["num"]) for m in _COMPARED.finditer(text)]
    if len(compared) > 1:
        return [value for value in compared if value is not None]
    first = _NUMBER.search(text)
    if first is None:
        return []
    # a range starts at the first number: "<30ml•min-1•1.73m-2" states 30, not 1.73 to 2
    ranged = _RANGE.search(text)
    if (
        ranged is not None
        and ranged.start() == first.start()
        and re.search(r"between|-|–|\bto\b", text, re.IGNORECASE)
    ):
        found = [number(ranged["low"]), number(ranged["high"])]
        return [value for value in found if value is not None]
    value = number(first[0])
    return [] if value is None else [value]


@dataclass(frozen=True)
class Item:
    """One value, gold or predicted: its kind, where it is, the value(s) it states."""

    document: str
    kind: Kind
    span: tuple[int, int]
    values: frozenset[float]
    analyte: str | None = None
    comparator: str | None = None
    unit: str | None = None


@dataclass
class Document:
    """A criteria text and its gold items."""

    name: str
    text: str
    gold: list[Item] = field(default_factory=list)


@dataclass
class Brat:
    """The parts of a brat .ann file the gold mapping reads."""

    spans: dict[str, tuple[str, int, int, str]] = field(default_factory=dict)
    events: dict[str, tuple[str, str, list[tuple[str, str]]]] = field(default_factory=dict)
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    relations: list[tuple[str, str, str]] = field(default_factory=list)

    @classmethod
    def read(cls, annotation: str) -> Brat:
        """Text-bound annotations, events, attributes and relations of one .ann file."""
        brat = cls()
        for line in annotation.splitlines():
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            ident, body = parts[0], parts[1].split()
            if ident.startswith("T") and len(parts) >= 3:
                offsets = [int(x) for x in re.findall(r"\d+", parts[1].split(" ", 1)[1])]
                brat.spans[ident] = (body[0], min(offsets), max(offsets), parts[2])
            elif ident.startswith("E"):
                kind, trigger = body[0].split(":", 1)
                args = [tuple(arg.split(":", 1)) for arg in body[1:] if ":" in arg]
                brat.events[ident] = (kind, trigger, [(role, ref) for role, ref in args])
            elif ident.startswith("A") and len(body) >= 2:
                value = body[2] if len(body) > 2 else "true"
                brat.attributes.setdefault(body[1], {})[body[0]] = value
            elif ident.startswith("R") and len(body) == 3:
                brat.relations.append((body[0], body[1].split(":", 1)[1], body[2].split(":", 1)[1]))
            elif ident == "*" and len(body) >= 3:
                # an equivalence line ("*\tOR T16 T17 T18") joins every member to the first
                brat.relations.extend((body[0], body[1], member) for member in body[2:])
        return brat

    def span_of(self, ref: str) -> tuple[int, int] | None:
        """Offsets of an annotation or of an event's trigger."""
        if ref in self.events:
            ref = self.events[ref][1]
        found = self.spans.get(ref)
        return None if found is None else (found[1], found[2])

    def text_of(self, ref: str) -> str:
        """Text of an annotation or of an event's trigger."""
        if ref in self.events:
            ref = self.events[ref][1]
        found = self.spans.get(ref)
        return "" if found is None else found[3]


_ORDER_OPERATORS = frozenset({"GT", "GTEQ", "LT", "LTEQ"})
_UPPER_LIMIT = re.compile(r"\bupper\b|(?<![^\W\d])(?:i?uln|unl)\b", re.IGNORECASE)


def _lct_comparison_items(
    brat: Brat, document: str, comparison: str, kind: Kind, *, one_item: bool = False
) -> Iterator[Item]:
    _, trigger, args = brat.events[comparison]
    span = brat.span_of(trigger)
    if span is None:
        return
    # a value linked twice is one value: "20-75 years" links its "75" as both Value2 and Value3
    # (LCT NCT03864315)
    refs = sorted(
        dict.fromkeys(ref for role, ref in args if role.startswith("Value")),
        key=lambda ref: brat.span_of(ref) or (0, 0),
    )
    operators = [
        brat.attributes.get(ref, {}).get("Eq-Operator-Value")
        for role, ref in args
        if role.startswith("Operator")
    ]
    # an operator inside the comparison that the event leaves unlinked still states it: "70～110mg/dL"
    # with its BETWEEN on "～" (LCT NCT03864432)
    operators.extend(
        attributes.get("Eq-Operator-Value")
        for ref, attributes in brat.attributes.items()
        if ref in brat.spans
        and brat.spans[ref][0] == "Eq-Operator"
        and span[0] <= brat.spans[ref][1]
        and brat.spans[ref][2] <= span[1]
    )
    # "ANC > 1.5 * 109/L" has "1.5" and "109" as values: only a BETWEEN states several; the value
    # stated is the first after the operator ("specific IgE anti Fel d 1 ≥ 0.7 kU/L" annotates
    # "1" of the name as a value too, LCT NCT03928561), else the first
    if "BETWEEN" not in operators and not one_item:
        operator_ends = [
            (brat.span_of(ref) or (0, 0))[1] for role, ref in args if role.startswith("Operator")
        ]
        after = [
            ref
            for ref in refs
            if any(0 <= (brat.span_of(ref) or (0, 0))[0] - end <= 3 for end in operator_ends)
        ]
        refs = (after or refs)[:1]
    values = [number(brat.text_of(ref)) for ref in refs]
    stated = [value for value in values if value is not None]
    if kind == "uln":
        # a percent above the limit is a multiple of it, as in Chia ("20% above the ULN")
        percent = _PERCENT_ABOVE_IN.search(brat.text_of(comparison))
        if percent is not None:
            stated = [
                round(1.0 + v / 100.0, 6) if _close(v, float(percent["num"])) else v for v in stated
            ]
        # the upper limit compared with no number is one ULN: "an activated partial
        # thromboplastin time greater than the upper limit of normal" (LCT NCT03925298); not
        # "within normal reference range" or "below the lower limit of normal"
        if (
            not refs
            and _ORDER_OPERATORS.intersection(operators)
            and _UPPER_LIMIT.search(brat.text_of(comparison))
        ):
            stated = [1.0]
    if not stated:
        return
    if one_item:
        yield Item(document, kind, span, frozenset(stated))
    else:
        for value in stated:
            yield Item(document, kind, span, frozenset({value}))


def _is_uln(brat: Brat, comparison: str) -> bool:
    for role, ref in brat.events[comparison][2]:
        if role.startswith(("Unit", "Per")):
            if brat.attributes.get(ref, {}).get("Eq-Unit-Value", "").startswith("ref-range"):
                return True
            if _ULN_WORDS.search(brat.text_of(ref)):
                return True
    return bool(_ULN_WORDS.search(brat.text_of(comparison)))


def lct_gold(source: CorpusDocument) -> Document:
    """An LCT document and its gold items (ages, labs, ×ULN, scores, windows)."""
    brat = Brat.read(source.annotation())
    document = Document(source.name, source.text())
    used: set[str] = set()
    lab_ends: list[tuple[int, str]] = []
    # conditions after the tests, so a comparison a test and its condition share counts once
    # ("Anemia (hemoglobin <10gm%)")
    events = sorted(brat.events.items(), key=lambda event: event[1][0] == "Condition")
    for ident, (kind, _, args) in events:
        filters = [ref for role, ref in args if role.startswith("Numeric-Filter")]
        filters = [
            ref
            for ref in filters
            if ref in brat.events and (kind != "Condition" or ref not in used)
        ]
        if kind == "Age":
            for ref in filters:
                used.add(ref)
                document.gold.extend(_lct_comparison_items(brat, document.name, ref, "age"))
        elif kind in ("Observation", "Condition"):
            typed = brat.attributes.get(ident, {}).get("Observation-Type-Value")
            # a condition named for a lab value bounds that value ("thrombocytopenia <50000 /
            # mm3"); other conditions give no lab thresholds
            if kind == "Condition":
                if not _LAB_CONDITIONS.search(brat.text_of(ident)):
                    continue
                typed = "lab"
            # an Observation left untyped is a lab test when its name is one ("CRP >30 mg/L")
            if typed is None and _LAB_WORDS.search(brat.text_of(ident)):
                typed = "lab"
            for ref in filters:
                temporal = any(role.startswith("Temporal") for role, _ in brat.events[ref][2])
                if temporal:
                    continue
                if typed == "lab" and _NOT_LAB_UNIT.search(brat.text_of(ref)):
                    used.add(ref)  # a pressure or a wheal typed "lab": no lab value
                elif typed == "lab":
                    used.add(ref)
                    lab_ends.append(((brat.span_of(ref) or (0, 0))[1], ref))
                    lab_kind: Kind = "uln" if _is_uln(brat, ref) else "lab"
                    document.gold.extend(_lct_comparison_items(brat, document.name, ref, lab_kind))
                elif typed == "clinical-score" and _SCALE_WORDS.search(brat.text_of(ident)):
                    used.add(ref)
                    document.gold.extend(
                        _lct_comparison_items(brat, document.name, ref, "score", one_item=True)
                    )
                else:
                    used.add(ref)
    lab_ends.sort()
    # a lab test left with no comparison linked: the one written right after it is its value
    # ("Glucose >110 mg/dL", LCT NCT03925142), as for Chia
    unlinked_ends = sorted(
        span[1]
        for ident, (kind, _, args) in brat.events.items()
        if not any(role.startswith("Numeric-Filter") for role, _ in args)
        and (
            (
                kind == "Observation"
                and brat.attributes.get(ident, {}).get(
                    "Observation-Type-Value",
                    "lab" if _LAB_WORDS.search(brat.text_of(ident)) else None,
                )
                == "lab"
            )
            or (kind == "Condition" and _LAB_CONDITIONS.search(brat.text_of(ident)))
        )
        and not _NOT_LAB_TEST.search(brat.text_of(ident))
        and (span := brat.span_of(ident)) is not None
    )
    for ident, (kind, _, args) in brat.events.items():
        if kind != "Eq-Comparison" or ident in used:
            continue
        if any(role.startswith("Temporal-Unit") for role, _ in args):
            document.gold.extend(_lct_comparison_items(brat, document.name, ident, "window"))
            continue
        at = brat.span_of(ident)
        if at is not None and not _NOT_LAB_UNIT.search(brat.text_of(ident)):
            name = bisect.bisect_right(unlinked_ends, at[0]) - 1
            if name >= 0 and at[0] - unlinked_ends[name] <= 2:
                lab_kind = "uln" if _is_uln(brat, ident) else "lab"
                document.gold.extend(_lct_comparison_items(brat, document.name, ident, lab_kind))
                continue
        # a comparison left unlinked, joined by "or"/"and" to a lab value just before it, is a
        # value of the same test ("blood glucose <50 or > 400 mg/dL")
        span = brat.span_of(ident)
        if span is None:
            continue
        before = bisect.bisect_right(lab_ends, (span[0], "~")) - 1
        if before >= 0 and _JOINED.fullmatch(document.text, lab_ends[before][0], span[0]):
            lab_kind = "uln" if _is_uln(brat, ident) else "lab"
            document.gold.extend(_lct_comparison_items(brat, document.name, ident, lab_kind))
    return document


def _inside(brat: Brat, ident: str, scope: str) -> bool:
    """Whether annotation `ident` lies within the span of `scope` (and is not it)."""
    _, start, end, _ = brat.spans[ident]
    _, scope_start, scope_end, _ = brat.spans[scope]
    return ident != scope and scope_start <= start and end <= scope_end


def _chia_values(brat: Brat, text: str = "") -> list[tuple[str, str]]:
    """(subject, value) pairs of Chia: Has_value links to a `Value`; Has_scope links from a
    `Measurement` to a `Scope` that states a number (to the scope and to each `Value` it holds:
    "≥ 9 g/dl or 5.59 mmol/l" gives both values); the `Value`s an OR or
    Subsumes link joins to one of those (each alternative is a value of the same subject); and
    a `Value` no relation links, written right after a `Measurement` or a `Person` (at most two
    characters between: "ANC ≥ 1.5 x 109/L", "Age between 18 and 49 years old" with the link left
    out), as its value."""
    pairs: list[tuple[str, str]] = []
    for relation, subject, value in brat.relations:
        if subject not in brat.spans or value not in brat.spans:
            continue
        subject_type, value_type = brat.spans[subject][0], brat.spans[value][0]
        if relation == "Has_value" and value_type == "Value":
            pairs.append((subject, value))
        elif (
            relation == "Has_scope"
            and subject_type == "Measurement"
            and value_type == "Scope"
            and re.search(r"\d", brat.spans[value][3])
        ):
            inner = [
                ident
                for ident, (kind, *_) in brat.spans.items()
                if kind == "Value" and _inside(brat, ident, value)
            ]
            pairs.extend((subject, ident) for ident in [value, *inner])
    # a test joined by OR or AND to the next, with only a connector between and no value of its
    # own, shares the next one's values: "alanine transaminase(ALT) or Aspartate transaminase(AST)
    # >2 times upper limit of normal" (Chia NCT02637453)
    valued = {subject for subject, _ in pairs}
    for relation, first, second in brat.relations:
        if relation not in ("OR", "AND") or first not in brat.spans or second not in brat.spans:
            continue
        if brat.spans[first][0] != "Measurement" or brat.spans[second][0] != "Measurement":
            continue
        before, after = sorted((first, second), key=lambda ref: brat.spans[ref][1])
        if before in valued or after not in valued:
            continue
        if _LIST_JOIN.fullmatch(text, brat.spans[before][2], brat.spans[after][1]):
            pairs.extend((before, value) for subject, value in list(pairs) if subject == after)
    subjects_of: dict[str, list[str]] = {}
    for subject, value in pairs:
        subjects_of.setdefault(value, []).append(subject)
    changed = True
    while changed:  # an alternative of an alternative is one too
        changed = False
        for relation, first, second in brat.relations:
            if relation not in ("OR", "Subsumes"):
                continue
            if first not in brat.spans or second not in brat.spans:
                continue
            if brat.spans[first][0] != "Value" or brat.spans[second][0] != "Value":
                continue
            for known, other in ((first, second), (second, first)):
                if known in subjects_of and other not in subjects_of:
                    # the alternative of a value two tests share is shared too ("AST,
                    # ALT<2.5X ULN (<5 X ULN if liver metastases are present)")
                    subjects_of[other] = list(subjects_of[known])
                    changed = True
                    # a value restated in other words is one value ("≥ 10*5* IU/mL" Subsumes
                    # "100,000 IU/mL", Chia NCT01051414)
                    stated = numbers_stated(brat.spans[other][3])
                    if stated and stated == numbers_stated(brat.spans[known][3]):
                        continue
                    pairs.extend((subject, other) for subject in subjects_of[other])
    # a value that subsumes a condition with values of its own passes its tests to them, the
    # alternative under that condition: "(ALT) ≤ 2.5 x ULN (in case of liver metastases < 5 x
    # ULN)" (Chia NCT02384850)
    for relation, first, second in brat.relations:
        if relation != "Subsumes" or first not in subjects_of or second not in brat.spans:
            continue
        if brat.spans[second][0] != "Condition":
            continue
        for has, condition, value in brat.relations:
            if has == "Has_value" and condition == second and value in brat.spans:
                pairs.extend(
                    (subject, value)
                    for subject in subjects_of[first]
                    if (subject, value) not in pairs
                )
    # a Scope an OR or Subsumes link joins to a value holds values of the same tests: "HDL
    # cholesterol" → "low" Subsumes "<40 mg⁄dL for men or < 50 mg ⁄dL for women" (Chia NCT00943865)
    for relation, first, second in brat.relations:
        if (
            relation not in ("OR", "Subsumes")
            or first not in brat.spans
            or second not in brat.spans
        ):
            continue
        for known, other in ((first, second), (second, first)):
            if known not in subjects_of or brat.spans[other][0] != "Scope":
                continue
            for ident, (kind, *_) in brat.spans.items():
                if kind == "Value" and _inside(brat, ident, other):
                    pairs.extend(
                        (subject, ident)
                        for subject in subjects_of[known]
                        if (subject, ident) not in pairs
                    )
    # a Value is linked when a relation makes it a value or an alternative: one that only has a
    # qualifier of its own is not ("GFR < 40 ml/min/1.73m2 as measured by the MDRD formula",
    # Chia NCT00461136)
    related = {second for _, _, second in brat.relations} | {
        first for relation, first, _ in brat.relations if relation not in _OWN_RELATIONS
    }
    measurements = sorted(
        (end, ident)
        for ident, (kind, _, end, _) in brat.spans.items()
        if kind in ("Measurement", "Person")
    )
    ends = [end for end, _ in measurements]
    for ident, (kind, start, _, _) in brat.spans.items():
        if kind != "Value" or ident in related or ident in subjects_of:
            continue
        before = bisect.bisect_right(ends, start) - 1
        if before >= 0 and start - ends[before] <= 2:
            pairs.append((measurements[before][1], ident))
    return pairs


_OWN_RELATIONS = frozenset(
    {"Has_qualifier", "Has_temporal", "Has_mood", "Has_index", "Has_negation"}
)
_JOINED = re.compile(r"\s*(?:,\s*)?(?:or|and|,)\s*", re.IGNORECASE)
_LIST_JOIN = re.compile(r"\s*(?:/|,|&|\band/or\b|\band\b|\bor\b)\s*", re.IGNORECASE)


def _lab_names(text: str) -> list[str]:
    """The distinct lab tests one annotation names when it joins several ("ALT/AST"; an
    abbreviation in brackets is the same test), else []."""
    names = {
        part.lower()
        for part in _LIST_JOIN.split(re.sub(r"\([^()]*\)", " ", text))
        if _LAB_WORDS.search(part)
    }
    return sorted(names) if len(names) > 1 else []


def chia_gold(source: CorpusDocument) -> Document:
    """A Chia document and its gold items (labs, ×ULN, scores, ages, windows)."""
    brat = Brat.read(source.annotation())
    document = Document(source.name, source.text())
    linked: set[str] = set()
    counted_for: dict[str, set[str]] = {}
    stated: dict[str, list[tuple[int, int, float]]] = {}
    pairs = _chia_values(brat, document.text)
    measured = {value for subject, value in pairs if brat.spans[subject][0] != "Condition"}
    for subject, value in pairs:
        subject_type, _, _, subject_text = brat.spans[subject]
        _, start, end, value_text = brat.spans[value]
        kind: Kind | None = None
        one_item = False
        # a value may hang off a Scope grouping several measurements ("AST or ALT")
        if subject_type == "Condition" and _LAB_CONDITIONS.search(subject_text):
            # once, when a test states the value too ("anemia" and "hemoglobin" < 10 g/dL)
            if value in measured:
                continue
            kind = "lab"
        elif subject_type in ("Measurement", "Scope"):
            if _NOT_LAB_TEST.search(subject_text):
                continue
            if _SCALE_WORDS.search(subject_text):
                kind, one_item = "score", True
            elif _ULN_WORDS.search(value_text):
                kind = "uln"
            elif _LAB_WORDS.search(subject_text):
                kind = "lab"
        elif subject_type == "Person" and _AGE_WORDS.search(subject_text):
            kind = "age"
        if kind is None:
            continue
        # a value shared by two measurements ("AST, ALT<2.5X ULN", or a Scope "AST/ALT" with
        # "> 43 U/L") is one threshold of each lab test named
        # an age linked to two people ("Males and females aged 18-40 years") is one bound
        members = ["age" if kind == "age" else subject]
        if subject_type == "Measurement" and kind in ("lab", "uln"):
            # one entity naming two tests ("ALT/AST>3x upper limit of normal") is two thresholds
            members = [f"{subject}:{name}" for name in _lab_names(subject_text)] or members
        elif subject_type == "Scope" and kind in ("lab", "uln"):
            # an abbreviation in brackets ("alanine transaminase (ALT)") is the same test
            members = [
                ident
                for ident, (entity_type, start_at, _, entity_text) in brat.spans.items()
                if entity_type == "Measurement"
                and _inside(brat, ident, subject)
                and _LAB_WORDS.search(entity_text)
                and not (
                    start_at > brat.spans[subject][1]
                    and document.text[max(0, start_at - 3) : start_at].rstrip().endswith("(")
                )
            ] or members
        counted = counted_for.setdefault(value, set())
        repeats = len([member for member in members if member not in counted])
        if not repeats:
            continue
        counted.update(members)
        linked.add(value)
        if kind == "uln":
            uln = _ULN_WORDS.search(value_text)
            assert uln is not None
            # "> twice the normal range": the multiple is in the ULN words
            before_uln = value_text[: uln.start()] + (
                " twice" if uln[0].lower().startswith("twice") else ""
            )
            values = uln_multiples(before_uln)
        elif one_item:
            # a list of grades ("0, 1 or 2") states every grade it names
            values = [v for m in _NUMBER.finditer(value_text) if (v := number(m[0])) is not None]
        else:
            values = numbers_stated(value_text)
        # a value restated by the parts of a scope or an OR group ("greater than or equal to 10
        # g/dL" annotated as "greater than 10 g/dL" OR "equal to 10 g/dL") is one value
        earlier = stated.setdefault(members[0] if kind == "age" else subject, [])
        values = [
            v for v in values if not any(v == w and start < e and s < end for s, e, w in earlier)
        ]
        earlier.extend((start, end, v) for v in values)
        if one_item and values:
            document.gold.append(Item(document.name, kind, (start, end), frozenset(values)))
        else:
            document.gold.extend(
                Item(document.name, kind, (start, end), frozenset({v}))
                for v in values
                for _ in range(repeats)
            )
    for ident, (entity_type, start, end, entity_text) in brat.spans.items():
        if ident in linked or entity_type not in ("Temporal", "Value"):
            continue
        # a duration is a number before a time unit ("Day 1" is a time point); a unit of a rate
        # ("1000 mg/day", "28 units/week", "twice a month") and an age ("between 18 and 49 years
        # old", "gestational age 36 weeks or more") are no time windows
        if not _DURATION.search(entity_text) or _RATE.search(entity_text):
            continue
        if _AGE_LIKE.search(document.text, max(0, start - 25), end + 10):
            continue
        document.gold.extend(
            Item(document.name, "window", (start, end), frozenset({v}))
            for v in numbers_stated(entity_text)
        )
    return document


def predictions(document: str, text: str) -> list[Item]:
    """What the normaliser finds in `text`, as items to score."""
    result = normalise(text)
    items = [
        Item(document, "age", bound.span, frozenset({bound.value}), comparator=bound.comparator)
        for bound in result.age_bounds
    ]
    for lab in result.labs:
        if lab.analyte in ("bmi", "lvef"):
            continue
        items.append(
            Item(
                document,
                "lab" if lab.uln_multiple is None else "uln",
                lab.span,
                frozenset({lab.value}),
                analyte=lab.analyte,
                comparator=lab.comparator,
                unit=lab.unit,
            )
        )
    items.extend(
        Item(document, "window", window.span, frozenset({window.value}))
        for window in result.windows
    )
    items.extend(
        Item(document, "score", score.span, frozenset({score.value})) for score in result.scores
    )
    return items


@dataclass
class Tally:
    """True positives, gold and predicted counts of one kind."""

    matched: int = 0
    gold: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _agrees(gold: Item, predicted: Item, *, analyte: bool, strict: bool) -> bool:
    if gold.kind != predicted.kind or gold.document != predicted.document:
        return False
    if gold.span[1] <= predicted.span[0] or predicted.span[1] <= gold.span[0]:
        return False
    if not any(_close(g, p) for g in gold.values for p in predicted.values):
        return False
    if analyte and gold.analyte != predicted.analyte:
        return False
    return not strict or (gold.comparator == predicted.comparator and gold.unit == predicted.unit)


def score(
    gold: Iterable[Item], predicted: Iterable[Item], *, analyte: bool = False, strict: bool = False
) -> dict[Kind, Tally]:
    """Per-kind tallies of one-to-one matches (overlapping spans, agreeing values)."""
    tallies: dict[Kind, Tally] = {kind: Tally() for kind in KINDS}
    by_document: dict[tuple[str, Kind], list[Item]] = {}
    for item in predicted:
        by_document.setdefault((item.document, item.kind), []).append(item)
        tallies[item.kind].predicted += 1
    for item in sorted(gold, key=lambda g: (g.document, g.span)):
        tallies[item.kind].gold += 1
        candidates = by_document.get((item.document, item.kind), [])
        for position, candidate in enumerate(candidates):
            if _agrees(item, candidate, analyte=analyte, strict=strict):
                tallies[item.kind].matched += 1
                del candidates[position]
                break
    return tallies


def lct_documents(split: Split) -> list[Document]:
    """Every LCT document of one split, with its gold."""
    return [lct_gold(source) for source in split_of(lct(CORPORA), split)]


def chia_documents(split: Split) -> list[Document]:
    """Every Chia document of one split, with its gold."""
    return [chia_gold(source) for source in split_of(chia(CORPORA), split)]


def facebook_texts() -> dict[str, str]:
    """NCT ID → criteria text of the Facebook Clinical-Trial-Parser input sample."""
    path = FACEBOOK / "input" / "clinical_trials.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        return {row[0]: row[4] for row in csv.reader(handle) if row and not row[0].startswith("#")}


def _locate(text: str, snippet: str, start: int = 0) -> tuple[int, int] | None:
    """Offsets of `snippet` in `text`, allowing any run of whitespace where it has one."""
    at = text.find(snippet, start)
    if at >= 0:
        return at, at + len(snippet)
    pattern = r"\s+".join(re.escape(word) for word in snippet.split())
    found = re.compile(pattern).search(text, start)
    return None if found is None else found.span()


def hand_labelled() -> tuple[dict[str, str], list[Item]]:
    """(NCT ID → criteria text, gold items) of the hand-labelled thresholds."""
    texts = facebook_texts()
    rows = [
        json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    for nct_id in sorted({row["nct_id"] for row in rows} - set(texts)):
        criteria = parse_record(real("ctgov_v2", f"{nct_id}.json")).eligibility.criteria_text
        if criteria:
            texts[nct_id] = criteria
    gold: list[Item] = []
    path = LABELS
    for number_, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        # a snippet written more than once in a record names its occurrence (1 by default)
        span: tuple[int, int] | None = (0, 0)
        for _ in range(row.get("occurrence", 1)):
            span = _locate(texts[row["nct_id"]], row["snippet"], span[1] if span else 0)
        if span is None:
            raise ValueError(f"{path.name}:{number_}: snippet not found in {row['nct_id']}")
        multiple = row["uln_multiple"]
        gold.append(
            Item(
                f"hand/{row['nct_id']}",
                "lab" if multiple is None else "uln",
                span,
                frozenset({float(row["value"])}),
                analyte=row["analyte"],
                comparator=row["comparator"],
                unit=row["unit"],
            )
        )
    labelled = {item.document.split("/", 1)[1] for item in gold}
    return {key: value for key, value in texts.items() if key in labelled}, gold


# Facebook variable names → the normaliser's analyte keys, and its units → normalised spellings
_FACEBOOK_ANALYTES = {
    "anc": "anc",
    "platelet_count": "platelets",
    "hb_count": "hemoglobin",
    "total_bilirubin_level": "bilirubin",
    "creatinine_level": "creatinine",
    "calculated_creatinine_clearance": "creatinine_clearance",
    "glomerular_filtration_rate": "egfr",
    "a1c": "hba1c",
    "fasting_blood_sugar_level": "glucose",
    "inr": "inr",
    "ast": "ast",
    "alt": "alt",
    "c_reactive_protein_level": "crp",
    "ferritin_level": "ferritin",
    "d_dimer_level": "d_dimer",
    "lactate_dehydrogenase_level": "ldh",
    "wbc": "wbc",
    "albumin_level": "albumin",
    "potassium_level": "potassium",
}
_FACEBOOK_UNITS = {
    "cells/ul": "/uL",
    "mg/dl": "mg/dL",
    "g/dl": "g/dL",
    "ml/min": "mL/min",
    "%": "%",
    "ng/ml": "ng/mL",
    "mg/l": "mg/L",
    "g/l": "g/L",
    "cells/l": "10^9/L",
}


def facebook_predictions(texts: dict[str, str]) -> list[Item]:
    """The Facebook parser's lab rows for the trials in `texts`, as items to score."""
    path = FACEBOOK / "output" / "cfg_parsed_clinical_trials.tsv"
    items: list[Item] = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] not in texts:
                continue
            relation = json.loads(row[6])
            analyte = _FACEBOOK_ANALYTES.get(relation.get("name", ""))
            if analyte is None:
                continue
            criterion = row[4]
            # a criterion under a lead-in line is written "lead-in: item"; the item is in the text
            span = _locate(texts[row[0]], criterion) or _locate(
                texts[row[0]], criterion.rsplit(": ", 1)[-1]
            )
            if span is None:
                continue
            written_unit = relation.get("unit")
            unit = _FACEBOOK_UNITS.get(written_unit) if written_unit else None
            kind: Kind = "uln" if unit is None and _ULN_WORDS.search(criterion) else "lab"
            for side, strict_cmp, loose_cmp in (("lower", ">", ">="), ("upper", "<", "<=")):
                bound = relation.get(side)
                if bound is None:
                    continue
                value = _facebook_value(bound["value"], written_unit)
                items.append(
                    Item(
                        f"hand/{row[0]}",
                        kind,
                        span,
                        frozenset({value}),
                        analyte=analyte,
                        comparator=loose_cmp if bound["incl"] else strict_cmp,
                        unit="ULN" if kind == "uln" else unit,
                    )
                )
    return items


def _facebook_value(written: str, unit: str | None) -> float:
    # the parser writes "50.000" for 50,000 and cell counts per litre as "1.5e9"
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", written):
        written = written.replace(".", "")
    value = float(written)
    return value / 1e9 if unit == "cells/l" else value


def _row(label: str, tallies: dict[Kind, Tally], kinds: Iterable[Kind]) -> list[str]:
    lines = []
    for kind in kinds:
        tally = tallies[kind]
        if not tally.gold and not tally.predicted:
            continue
        lines.append(
            f"{label:<38} {KIND_NAMES[kind]:<13} {tally.gold:>5} {tally.predicted:>5} "
            f"{tally.matched:>5} {tally.precision:>6.3f} {tally.recall:>6.3f} {tally.f1:>6.3f}"
        )
    return lines


def corpus_items(name: str, split: Split) -> tuple[list[Document], list[Item], list[Item]]:
    """(documents, gold, predicted) of one corpus ("LCT" or "Chia") and split."""
    documents = lct_documents(split) if name == "LCT" else chia_documents(split)
    gold = [item for document in documents for item in document.gold]
    predicted = [
        item for document in documents for item in predictions(document.name, document.text)
    ]
    return documents, gold, predicted


def evaluate() -> dict[str, dict[Kind, Tally]]:
    """Tallies per corpus and split (and per system on the hand-labelled thresholds)."""
    results: dict[str, dict[Kind, Tally]] = {}
    for name in ("LCT", "Chia"):
        for split in SPLITS:
            _, gold_items, predicted_items = corpus_items(name, split)
            results[f"{name} {split}"] = score(gold_items, predicted_items)
    texts, gold = hand_labelled()
    predicted = [item for key, text in texts.items() for item in predictions(f"hand/{key}", text)]
    predicted = [item for item in predicted if item.kind in ("lab", "uln")]
    results["hand-labelled"] = score(gold, predicted, analyte=True)
    results["hand-labelled, strict"] = score(gold, predicted, analyte=True, strict=True)
    facebook = facebook_texts()
    fb_gold = [item for item in gold if item.document.removeprefix("hand/") in facebook]
    fb_keys = {item.document for item in fb_gold}
    ours = [item for item in predicted if item.document in fb_keys]
    theirs = facebook_predictions({k: v for k, v in facebook.items() if f"hand/{k}" in fb_keys})
    results["Facebook sample: trialparse"] = score(fb_gold, ours, analyte=True)
    results["Facebook sample: Facebook CTP"] = score(fb_gold, theirs, analyte=True)
    results["Facebook sample: trialparse, strict"] = score(fb_gold, ours, analyte=True, strict=True)
    results["Facebook sample: Facebook CTP, strict"] = score(
        fb_gold, theirs, analyte=True, strict=True
    )
    return results


@dataclass
class Silver:
    """Records whose text states an age, and those whose text age agrees with the structured one."""

    records: int = 0
    stated: int = 0
    agreeing: int = 0

    @property
    def agreement(self) -> float:
        return self.agreeing / self.stated if self.stated else 0.0


def _bound_agrees(text: float | None, inclusive: bool, structured: float | None) -> bool:
    if text is None:
        return True
    if structured is None:
        return False
    return abs(text - structured) <= (1e-6 if inclusive else 1.0 + 1e-6)


def silver_ages() -> dict[Split, Silver]:
    """Agreement of the text ages with the structured ages over the real v2 records, per split."""
    tallies: dict[Split, Silver] = {split: Silver() for split in SPLITS}
    for path in sorted(real("ctgov_v2").glob("NCT*.json")):
        study = parse_record(path)
        tally = tallies["evaluation" if is_evaluation_trial(path.stem) else "dev"]
        tally.records += 1
        age = normalise(study.eligibility.criteria_text or "").age
        if age is None:
            continue
        tally.stated += 1
        minimum, maximum = study.eligibility.minimum_age, study.eligibility.maximum_age
        if _bound_agrees(
            age.min_years, age.min_inclusive, None if minimum is None else minimum.in_years
        ) and _bound_agrees(
            age.max_years, age.max_inclusive, None if maximum is None else maximum.in_years
        ):
            tally.agreeing += 1
    return tallies


def unmatched(gold: list[Item], predicted: list[Item]) -> tuple[list[Item], list[Item]]:
    """(gold items no prediction matched, predictions no gold item matched)."""
    left = list(predicted)
    missed = []
    for item in sorted(gold, key=lambda g: (g.document, g.span)):
        for position, candidate in enumerate(left):
            if _agrees(item, candidate, analyte=False, strict=False):
                del left[position]
                break
        else:
            missed.append(item)
    return missed, left


def print_misses(kind: Kind) -> None:
    """The unmatched gold and predicted items of one kind in the dev documents, with context."""
    for name in ("LCT", "Chia"):
        documents, gold, predicted = corpus_items(name, "dev")
        texts = {document.name: document.text for document in documents}
        missed, spurious = unmatched(
            [g for g in gold if g.kind == kind], [p for p in predicted if p.kind == kind]
        )
        for label, items in (("missed", missed), ("spurious", spurious)):
            for item in items:
                start, end = item.span
                context = texts[item.document][max(0, start - 40) : end + 40].replace("\n", " ")
                print(f"{label:8} {item.document:22} {sorted(item.values)} | {context}")


def _side_by_side(results: dict[str, dict[Kind, Tally]]) -> list[str]:
    lines = [
        f"{'corpus':<6} {'kind':<13} | {'dev: gold':>9} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} "
        f"| {'eval: gold':>10} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}"
    ]
    for name in ("LCT", "Chia"):
        for kind in KINDS:
            dev, held = results[f"{name} dev"][kind], results[f"{name} evaluation"][kind]
            lines.append(
                f"{name:<6} {KIND_NAMES[kind]:<13} | {dev.gold:>9} {dev.predicted:>5} "
                f"{dev.precision:>6.3f} {dev.recall:>6.3f} {dev.f1:>6.3f} | {held.gold:>10} "
                f"{held.predicted:>5} {held.precision:>6.3f} {held.recall:>6.3f} {held.f1:>6.3f}"
            )
    return lines


def main() -> None:
    """Print precision, recall and F1 per corpus, split and kind, and the silver age agreement."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--misses", choices=KINDS, help="list the dev misses of one kind")
    args = parser.parse_args()
    if args.misses:
        print_misses(args.misses)
        return
    results = evaluate()
    for line in _side_by_side(results):
        print(line)
    print()
    print(
        f"{'gold / system':<38} {'kind':<13} {'gold':>5} {'pred':>5} {'match':>5} "
        f"{'P':>6} {'R':>6} {'F1':>6}"
    )
    for label, tallies in results.items():
        if label.startswith(("LCT ", "Chia ")):
            continue
        for line in _row(label, tallies, KINDS):
            print(line)
    print()
    for split, silver in silver_ages().items():
        print(
            f"silver ages, {split:<10} {silver.agreeing:>4} of {silver.stated:>4} records whose text "
            f"states an age agree with the structured ages ({silver.agreement:.3f}; "
            f"{silver.records} records)"
        )


if __name__ == "__main__":
    main()

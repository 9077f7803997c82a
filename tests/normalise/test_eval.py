"""The normaliser's F1 on the evaluation corpora stays above measured floors.

Runs `benchmarks/normaliser_eval.py` on the real `criteria_corpora/` (LCT and Chia, dev and
evaluation splits of `scripts/criteria_corpora.py`), the hand-labelled thresholds and the
silver ages of the real v2 records. Each floor is the figure measured when it was set, less
0.05 (0.03 for the silver ages); raise it when the normaliser improves, never lower it to let a
change through.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from scripts.criteria_corpora import chia, lct

from tests.realdata import real, real_data

pytestmark = real_data

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "normaliser_eval.py"

# (gold / system, kind) -> F1 floor
FLOORS = {
    ("LCT dev", "age"): 0.89,
    ("LCT dev", "lab"): 0.81,
    ("LCT dev", "uln"): 0.76,
    ("LCT dev", "window"): 0.85,
    ("LCT dev", "score"): 0.73,
    ("LCT evaluation", "age"): 0.89,
    ("LCT evaluation", "lab"): 0.80,
    ("LCT evaluation", "window"): 0.87,
    ("Chia dev", "age"): 0.83,
    ("Chia dev", "lab"): 0.83,
    ("Chia dev", "uln"): 0.76,
    ("Chia dev", "window"): 0.77,
    ("Chia dev", "score"): 0.87,
    ("Chia evaluation", "age"): 0.83,
    ("Chia evaluation", "lab"): 0.80,
    ("Chia evaluation", "uln"): 0.87,
    ("Chia evaluation", "window"): 0.77,
    ("Chia evaluation", "score"): 0.82,
    ("hand-labelled", "lab"): 0.82,
    ("hand-labelled", "uln"): 0.87,
    ("hand-labelled, strict", "lab"): 0.75,
    ("hand-labelled, strict", "uln"): 0.87,
    ("Facebook sample: trialparse", "lab"): 0.76,
    ("Facebook sample: trialparse", "uln"): 0.61,
}
# split -> floor of the silver age agreement
SILVER_FLOORS = {"dev": 0.89, "evaluation": 0.88}


@pytest.fixture(scope="module")
def evaluation() -> ModuleType:
    spec = importlib.util.spec_from_file_location("normaliser_eval", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def results(evaluation: ModuleType) -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = evaluation.evaluate()
    return found


@pytest.mark.parametrize(("label", "kind"), sorted(FLOORS), ids=lambda x: str(x))
def test_f1_above_floor(results: dict[str, dict[str, object]], label: str, kind: str) -> None:
    tally = results[label][kind]
    assert tally.f1 >= FLOORS[label, kind]  # type: ignore[attr-defined]


@pytest.mark.parametrize("split", sorted(SILVER_FLOORS))
def test_silver_age_agreement_above_floor(evaluation: ModuleType, split: str) -> None:
    silver = evaluation.silver_ages()[split]
    assert silver.stated > 150
    assert silver.agreement >= SILVER_FLOORS[split]


def test_hand_labelled_gold(evaluation: ModuleType) -> None:
    texts, gold = evaluation.hand_labelled()
    assert len(gold) >= 150
    assert sum(item.kind == "uln" for item in gold) >= 50
    # every snippet was found in its record's criteria text
    assert all(texts[item.document.removeprefix("hand/")] for item in gold)


def test_scorer_counts_matches(evaluation: ModuleType) -> None:
    item = evaluation.Item
    gold = [
        item("d", "lab", (0, 10), frozenset({1.5})),
        item("d", "lab", (20, 30), frozenset({100.0})),
    ]
    predicted = [
        item("d", "lab", (5, 12), frozenset({1.5})),  # overlaps, same value: a match
        item("d", "lab", (20, 30), frozenset({10.0})),  # overlaps, other value: no match
        item("d", "lab", (40, 50), frozenset({100.0})),  # same value elsewhere: no match
    ]
    tally = evaluation.score(gold, predicted)["lab"]
    assert (tally.matched, tally.gold, tally.predicted) == (1, 2, 3)
    assert tally.precision == pytest.approx(1 / 3)
    assert tally.recall == pytest.approx(1 / 2)


def test_lct_gold_reads_ages_and_labs(evaluation: ModuleType) -> None:
    documents = [evaluation.lct_gold(source) for source in lct(real("criteria_corpora"))[:300]]
    kinds = {item.kind for document in documents for item in document.gold}
    assert {"age", "lab", "uln", "window"} <= kinds


def test_split_is_fixed_by_names() -> None:
    corpora = real("criteria_corpora")
    lct_documents, chia_documents = lct(corpora), chia(corpora)
    assert sum(d.previous_dev for d in lct_documents) == 300
    assert sum(d.previous_dev for d in chia_documents) == 300
    assert all(d.split == "dev" for d in lct_documents + chia_documents if d.previous_dev)
    for documents in (lct_documents, chia_documents):
        seen = {d.nct_id for d in documents if d.previous_dev}
        new = {d.nct_id for d in documents} - seen
        evaluation = {d.nct_id for d in documents if d.split == "evaluation"}
        assert evaluation <= new
        assert 0.25 < len(evaluation) / len(new) < 0.35
    # a trial's documents are on one side
    sides: dict[str, set[str]] = {}
    for document in chia_documents:
        sides.setdefault(document.nct_id, set()).add(document.split)
    assert all(len(found) == 1 for found in sides.values())


def test_chia_gold_follows_scope_and_alternatives(evaluation: ModuleType) -> None:
    brat = evaluation.Brat.read(
        "T1\tMeasurement 0 3\tALT\nT2\tValue 4 13\t<2.5X ULN\nT3\tValue 15 23\t<5 X ULN\n"
        "T4\tMeasurement 30 40\tHemoglobin\nT5\tScope 41 72\tgreater than or equal to 10 g/dL\n"
        "R1\tHas_value Arg1:T1 Arg2:T2\nR2\tOR Arg1:T2 Arg2:T3\nR3\tHas_scope Arg1:T4 Arg2:T5\n"
    )
    assert evaluation._chia_values(brat) == [("T1", "T2"), ("T4", "T5"), ("T1", "T3")]

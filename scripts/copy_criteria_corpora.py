"""Copy the subset of the annotated criteria corpora that the normaliser evaluation uses.

Run: python scripts/copy_criteria_corpora.py SOURCE_DIR

SOURCE_DIR holds the corpora as downloaded (`lct_leaf_clinical_trials/`, `chia/sample_with_scope/`,
`facebook_clinical_trial_parser/`, `_provenance.json`). The subset is chosen by hashing document
names, not by their content, so it neither favours nor avoids documents with thresholds: the
documents whose SHA-1 of the name sorts first are taken. Files are copied byte for byte.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "criteria_corpora"
LCT_DOCUMENTS = 300
CHIA_DOCUMENTS = 300


def _rank(name: str) -> str:
    return hashlib.sha1(name.encode()).hexdigest()


def _copy_pairs(stems: list[Path], target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for stem in stems:
        for suffix in (".txt", ".ann"):
            shutil.copyfile(stem.with_suffix(suffix), target / (stem.name + suffix))


def main(source: Path) -> None:
    """Copy the LCT, Chia and Facebook subsets from `source` into fixtures/criteria_corpora/."""
    lct = sorted(
        (p.with_suffix("") for p in (source / "lct_leaf_clinical_trials").rglob("NCT*.txt")),
        key=lambda p: _rank(p.name),
    )
    _copy_pairs(lct[:LCT_DOCUMENTS], OUT / "lct_leaf_clinical_trials")
    shutil.copyfile(
        source / "lct_leaf_clinical_trials" / "annotation.conf",
        OUT / "lct_leaf_clinical_trials" / "annotation.conf",
    )
    chia = sorted(
        (p.with_suffix("") for p in (source / "chia" / "sample_with_scope").glob("NCT*.txt")),
        key=lambda p: _rank(p.name),
    )
    _copy_pairs(chia[:CHIA_DOCUMENTS], OUT / "chia")
    # the Facebook sample is small (20 trials): its input and parsed output are copied whole
    facebook = source / "facebook_clinical_trial_parser" / "data"
    target = OUT / "facebook_clinical_trial_parser"
    target.mkdir(parents=True, exist_ok=True)
    for name in ("input/clinical_trials.csv", "output/cfg_parsed_clinical_trials.tsv"):
        shutil.copyfile(facebook / name, target / Path(name).name)
    shutil.copyfile(source / "_provenance.json", OUT / "_provenance.json")
    with (target / "clinical_trials.csv").open(newline="", encoding="utf-8") as handle:
        trials = sum(1 for row in csv.reader(handle) if row and not row[0].startswith("#"))
    print(
        f"LCT {min(len(lct), LCT_DOCUMENTS)}, Chia {min(len(chia), CHIA_DOCUMENTS)}, Facebook {trials}"
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/copy_criteria_corpora.py SOURCE_DIR")
    main(Path(sys.argv[1]))

"""The annotated criteria corpora the normaliser is scored on, and its dev / evaluation split.

Run: python scripts/criteria_corpora.py [FOLDER]   (default: the real-data `criteria_corpora/`)
prints the documents per corpus and split. `benchmarks/normaliser_eval.py` and the tests import
`lct`, `chia` and `split_of`.

The corpora are read in place, in the layout of their releases: LCT as `.txt`/`.ann` pairs
anywhere under `lct_leaf_clinical_trials/` (`nic/batch*/`, `nic/training/`, `paper/`), Chia
from `chia/chia_with_scope.zip` (read with zipfile, never unpacked; the texts keep their CRLF
line ends, which the annotation offsets count).

The split is a fixed rule on file names, never on content:

- **previous dev**: of each corpus, the 300 documents whose SHA-1 of the file stem
  (`NCT03930121`, `NCT00050349_inc`) sorts first; for Chia, among the documents of
  `chia/sample_with_scope/`. The normaliser was first developed on these; any trial with one of
  them is a dev trial.
- every other trial goes to **evaluation** when the SHA-1 of its NCT ID, read as a number, is
  3, 2, 1 or 0 modulo 10 (a stable ~30% of the new trials), else to **dev**. A Chia trial's
  inclusion and exclusion documents are always on the same side.
"""

from __future__ import annotations

import hashlib
import sys
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

Split = Literal["dev", "evaluation"]
PREVIOUS_DEV = 300
EVALUATION_SHARE = 3  # tenths of the new trials


def _sha1(name: str) -> str:
    return hashlib.sha1(name.encode()).hexdigest()


@dataclass(frozen=True)
class CorpusDocument:
    """One annotated criteria text of a corpus: where its `.txt` and `.ann` are, and its split."""

    corpus: Literal["lct", "chia"]
    stem: str
    text_ref: str
    annotation_ref: str
    archive: Path | None
    split: Split
    previous_dev: bool

    @property
    def name(self) -> str:
        """`lct/NCT03930121`, `chia/NCT00050349_inc`."""
        return f"{self.corpus}/{self.stem}"

    @property
    def nct_id(self) -> str:
        return self.stem.split("_")[0]

    def _read(self, ref: str) -> str:
        if self.archive is None:
            return Path(ref).read_text(encoding="utf-8")
        return _opened(self.archive).read(ref).decode("utf-8")

    def text(self) -> str:
        """The criteria text as the annotation offsets count it."""
        return self._read(self.text_ref)

    def annotation(self) -> str:
        """The brat `.ann` file."""
        return self._read(self.annotation_ref)


@cache
def _opened(archive: Path) -> zipfile.ZipFile:
    """The archive, opened once: reading its directory for each member would dominate."""
    return zipfile.ZipFile(archive)


def is_evaluation_trial(nct_id: str) -> bool:
    """Whether a trial outside the previous dev documents belongs to the evaluation split."""
    return int(_sha1(nct_id), 16) % 10 < EVALUATION_SHARE


def _previous(stems: Iterable[str]) -> set[str]:
    return set(sorted(stems, key=_sha1)[:PREVIOUS_DEV])


def _split(stem: str, previous_trials: set[str]) -> Split:
    nct_id = stem.split("_")[0]
    if nct_id in previous_trials or not is_evaluation_trial(nct_id):
        return "dev"
    return "evaluation"


@cache
def lct(folder: Path) -> list[CorpusDocument]:
    """Every LCT document under `folder` (`criteria_corpora/`), by stem."""
    pairs = {
        path.stem: path
        for path in (folder / "lct_leaf_clinical_trials").rglob("NCT*.txt")
        if path.with_suffix(".ann").is_file()
    }
    previous = _previous(pairs)
    trials = {stem.split("_")[0] for stem in previous}
    return [
        CorpusDocument(
            "lct",
            stem,
            str(path),
            str(path.with_suffix(".ann")),
            None,
            _split(stem, trials),
            stem in previous,
        )
        for stem, path in sorted(pairs.items())
    ]


@cache
def chia(folder: Path) -> list[CorpusDocument]:
    """Every Chia document of `chia/chia_with_scope.zip` under `folder`, by stem."""
    archive = folder / "chia" / "chia_with_scope.zip"
    if not archive.is_file():
        return []
    members = {name.rsplit("/", 1)[-1]: name for name in _opened(archive).namelist()}
    stems = sorted(
        name[: -len(".txt")]
        for name in members
        if name.startswith("NCT") and name.endswith(".txt") and name[:-4] + ".ann" in members
    )
    previous = _previous(
        path.stem for path in (folder / "chia" / "sample_with_scope").glob("NCT*.txt")
    )
    trials = {stem.split("_")[0] for stem in previous}
    return [
        CorpusDocument(
            "chia",
            stem,
            members[stem + ".txt"],
            members[stem + ".ann"],
            archive,
            _split(stem, trials),
            stem in previous,
        )
        for stem in stems
    ]


def split_of(documents: Iterable[CorpusDocument], split: Split) -> list[CorpusDocument]:
    """The documents of one split."""
    return [document for document in documents if document.split == split]


def main(folder: Path) -> None:
    """Print the documents and trials per corpus and split."""
    for corpus in (lct(folder), chia(folder)):
        counts = Counter((d.split, d.previous_dev) for d in corpus)
        trials = {
            split: len({d.nct_id for d in corpus if d.split == split})
            for split in ("dev", "evaluation")
        }
        name = corpus[0].corpus if corpus else "?"
        print(
            f"{name:5} dev {counts['dev', True]} previous + {counts['dev', False]} new documents "
            f"({trials['dev']} trials), evaluation {counts['evaluation', False]} documents "
            f"({trials['evaluation']} trials)"
        )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.realdata import real

    main(Path(sys.argv[1]) if len(sys.argv) > 1 else real("criteria_corpora"))

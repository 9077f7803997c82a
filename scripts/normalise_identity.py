"""Whether two checkouts' normalisers give the same output on every real criteria text.

Run: python scripts/normalise_identity.py OLD_SRC [NEW_SRC] [--texts EXTRA.pkl ...]
The inputs are the criteria of every real v2, XML and classic-JSON record, every document of
both annotated corpora (`scripts/criteria_corpora.py`, both splits: only outputs are compared,
nothing is scored), the pages_dev texts (raw and as their readers split them) and, with
`--texts`, pickled lists of further texts (hand-made ones the tests build). Each checkout's
`normalise()` runs in a subprocess of its own; every text's `model_dump()` (spans included)
must be equal. Exits 1 on any difference, printing the first few.
"""

from __future__ import annotations

import argparse
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def _inputs() -> list[tuple[str, str]]:
    """(name, criteria text) of every real input."""
    from criteria_corpora import chia, lct
    from tests.realdata import require_real

    from trialparse import parse_record

    real = require_real()
    found: list[tuple[str, str]] = []
    records = [
        *sorted((real / "ctgov_v2").glob("NCT*.json")),
        *sorted((real / "ctgov_xml").glob("*.xml")),
        *sorted((real / "ctgov_xml_archive_history").rglob("*.xml")),
        *sorted((real / "ctgov_classic_v1_json").glob("NCT*.json")),
        *sorted((real / "ctgov_classic_ctrdata_json").glob("NCT*.json")),
        *sorted(path for path in (real / "pages_dev").rglob("*") if path.is_file()),
    ]
    for path in records:
        name = str(path.relative_to(real))
        if path.parent.name == "text" and path.suffix == ".txt":
            found.append((name + ":raw", path.read_text(encoding="utf-8", errors="replace")))
        if path.name.startswith("_") or path.suffix not in (".json", ".xml", ".txt", ".html"):
            continue
        try:
            text = parse_record(path).eligibility.criteria_text
        except Exception:  # a page no reader reads has no criteria to compare
            continue
        if text:
            found.append((name, text))
    folder = real / "criteria_corpora"
    for document in [*lct(folder), *chia(folder)]:
        found.append((document.name, document.text()))
    return found


def _dump(inputs: Path, outputs: Path) -> None:
    """Every input's `normalise()` output, as `model_dump()`, pickled in input order."""
    from trialparse import normalise

    texts: list[str] = pickle.loads(inputs.read_bytes())
    dumped: list[Any] = [normalise(text).model_dump() for text in texts]
    outputs.write_bytes(pickle.dumps(dumped))


def _run(src: Path, inputs: Path, outputs: Path) -> None:
    subprocess.run(
        [sys.executable, __file__, "--dump", str(inputs), str(outputs)],
        check=True,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
    )


def main() -> None:
    """Compare the outputs of the two checkouts; exit 1 on a difference."""
    if len(sys.argv) == 4 and sys.argv[1] == "--dump":
        _dump(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("old", type=Path, help="the old checkout's src/ folder")
    parser.add_argument("new", type=Path, nargs="?", default=ROOT / "src")
    parser.add_argument("--texts", type=Path, action="append", default=[])
    args = parser.parse_args()
    named = _inputs()
    for extra in args.texts:
        named.extend(
            (f"{extra.name}[{i}]", text) for i, text in enumerate(pickle.loads(extra.read_bytes()))
        )
    names = [name for name, _ in named]
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "inputs.pkl"
        inputs.write_bytes(pickle.dumps([text for _, text in named]))
        old_out, new_out = Path(folder) / "old.pkl", Path(folder) / "new.pkl"
        _run(args.old.resolve(), inputs, old_out)
        _run(args.new.resolve(), inputs, new_out)
        old, new = pickle.loads(old_out.read_bytes()), pickle.loads(new_out.read_bytes())
    differ = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    values = sum(
        len(out[kind]) for out in old for kind in ("age_bounds", "labs", "windows", "scores")
    )
    print(
        f"{len(named)} texts ({sum(len(t) for _, t in named):,} characters), "
        f"{values:,} values: {len(differ)} differ"
    )
    for i in differ[:5]:
        print(f"  {names[i]}")
        for kind in old[i]:
            if old[i][kind] != new[i][kind]:
                print(
                    f"    {kind}: old {old[i][kind]!r:.300}\n    {' ' * len(kind)}  new {new[i][kind]!r:.300}"
                )
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()

"""Choose the v2 records copied into fixtures/ctgov_v2/ from a collection with _provenance.json.

Run: python scripts/select_v2_fixtures.py SOURCE_DIR fixtures/ctgov_v2
Keeps every (study type, status, phases, has results) combination present, then fills up with
the smaller records until there are TARGET of them; writes the chosen provenance rows.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections import defaultdict
from pathlib import Path

TARGET = 240
PER_GROUP = 3
MAX_BYTES = 120_000


def main(source: str, dest: str) -> None:
    """Copy the chosen records and their provenance rows."""
    src = Path(source)
    out = Path(dest)
    out.mkdir(parents=True, exist_ok=True)
    rows = {row["nct_id"]: row for row in json.loads((src / "_provenance.json").read_text())}
    groups: dict[tuple[str, ...], list[tuple[int, str]]] = defaultdict(list)
    for file in sorted(src.glob("NCT*.json")):
        study = json.loads(file.read_text(encoding="utf-8"))
        protocol = study["protocolSection"]
        key = (
            protocol["designModule"].get("studyType", ""),
            protocol["statusModule"].get("overallStatus", ""),
            "+".join(protocol["designModule"].get("phases", [])),
            str("resultsSection" in study),
        )
        groups[key].append((file.stat().st_size, file.stem))
    chosen: set[str] = set()
    for members in groups.values():
        members.sort()
        small = [m for m in members if m[0] <= MAX_BYTES] or members[:1]
        chosen.update(name for _, name in small[:PER_GROUP])
    rest = sorted(
        (size, name) for members in groups.values() for size, name in members if name not in chosen
    )
    for size, name in rest[::3]:
        if len(chosen) >= TARGET:
            break
        if size <= MAX_BYTES:
            chosen.add(name)
    for name in sorted(chosen):
        shutil.copyfile(src / f"{name}.json", out / f"{name}.json")
    (out / "_provenance.json").write_text(
        json.dumps([rows[name] for name in sorted(chosen)], indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"{len(chosen)} records from {len(groups)} groups")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

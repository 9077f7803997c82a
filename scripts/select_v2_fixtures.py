"""A fixed, representative subset of the real v2 records, for tests too costly to run on all.

Run: python scripts/select_v2_fixtures.py [FOLDER]   (default: the real-data `ctgov_v2/`)
prints the chosen file names, one a line. Tests import `select`.

The rule, on the records' own content: group the records by (study type, overall status,
phases, has results); keep the three smallest of every group (records up to MAX_BYTES, else the
group's smallest), then every third of the remaining records in order of size, while they are
up to MAX_BYTES, until there are TARGET. On the 1,103 shared records this gives 240 records
covering all 78 groups.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

TARGET = 240
PER_GROUP = 3
MAX_BYTES = 120_000


def select(folder: Path) -> list[str]:
    """The chosen `NCT….json` file names of `folder`, sorted (empty where it is absent)."""
    groups: dict[tuple[str, ...], list[tuple[int, str]]] = defaultdict(list)
    for file in sorted(folder.glob("NCT*.json")):
        study = json.loads(file.read_text(encoding="utf-8"))
        protocol = study["protocolSection"]
        key = (
            protocol["designModule"].get("studyType", ""),
            protocol["statusModule"].get("overallStatus", ""),
            "+".join(protocol["designModule"].get("phases", [])),
            str("resultsSection" in study),
        )
        groups[key].append((file.stat().st_size, file.name))
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
    return sorted(chosen)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.realdata import real

    print("\n".join(select(Path(sys.argv[1]) if len(sys.argv) > 1 else real("ctgov_v2"))))

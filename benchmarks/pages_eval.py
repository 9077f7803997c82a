"""Field accuracy of `parse_record` on the real page excerpts, against hand-made labels.

Run: python benchmarks/pages_eval.py [PAGES_DEV_DIR] [--misses]

Pages: `pages_dev/` of the real-data folder (`tests/realdata.py`), or the folder given: the
excerpts of its `text/` and the full HTML records of its `registries/`. Gold:
`fixtures/pages_labels/labels.jsonl` (the excerpts, keyed by file name) and `registries.jsonl`
(the HTML records, keyed by their path below `pages_dev/`), one object per page, written by
reading the pages (the conventions are in `fixtures/pages_labels/README.md`).

Every labelled value is one comparison; a field listed in a page's `truncated` is not scored.
A page the library refuses (`TrialParseError`) or fails on counts every labelled value wrong and
is listed. Pages labelled `"trial": false` hold no trial: they are not scored field by field but
listed with whether they were refused.

Split: a page belongs to the evaluation split when the first 8 hex digits of the SHA-1 of its
file name, read as a number, are divisible by 4 (`split_of`); every other page is dev. Dev and
evaluation figures are printed side by side. `--misses` prints each wrong value of the dev
split only: misses of the evaluation split are not for fixing one by one.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trialparse import Study, parse_record
from trialparse.errors import TrialParseError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.realdata import REAL  # noqa: E402

LABEL_FILES = tuple(
    ROOT / "fixtures" / "pages_labels" / name for name in ("labels.jsonl", "registries.jsonl")
)
PAGES_DEV = REAL / "pages_dev"
SPLITS = ("dev", "eval")


def split_of(file_name: str) -> str:
    """`"eval"` when the SHA-1 of the file name, first 8 hex digits, is divisible by 4.

    The name is the file's own name, without the folders of a registry record's path.
    """
    digest = hashlib.sha1(file_name.rsplit("/", 1)[-1].encode("utf-8")).hexdigest()
    return "eval" if int(digest[:8], 16) % 4 == 0 else "dev"


def site_of(file_name: str) -> str:
    """The site of a `<site>__<id>.txt` excerpt, or the registry folder of a full record."""
    if "/" in file_name:
        return file_name.split("/")[1]
    return file_name.split("__", 1)[0]


def page_path(file_name: str, pages_dev: Path) -> Path:
    """An excerpt's name is below `text/`; a full record's path is below `pages_dev/` itself."""
    return pages_dev / file_name if "/" in file_name else pages_dev / "text" / file_name


# --- what the library gave, in the labels' terms ------------------------------------------------

_SPACE = re.compile(r"\s+")
_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s+([A-Za-z]+?)s?\s*$")


def text_key(value: object) -> str:
    """Case-free, whitespace-collapsed text without trailing `.,;:`."""
    return _SPACE.sub(" ", str(value)).strip().rstrip(".,;:").strip().casefold()


def id_key(value: object) -> str:
    """An identifier without case and whitespace."""
    return _SPACE.sub("", str(value)).casefold()


def enum_value(value: object) -> str | None:
    """The v2 value of an enum field, or the raw string a reader kept."""
    if value is None:
        return None
    return str(getattr(value, "value", value))


def age_key(value: object) -> tuple[float, str] | None:
    """`"18 Years"` -> (18.0, "YEARS"); an `Age` -> (value, unit)."""
    if value is None:
        return None
    if isinstance(value, str):
        found = _AGE.match(value)
        if not found:
            raise ValueError(f"age label not of the form '18 Years': {value!r}")
        return float(found.group(1)), found.group(2).upper() + "S"
    return float(value.value), str(enum_value(value.unit))  # type: ignore[attr-defined]


def date_key(value: object) -> str | None:
    """A `PartialDate` written with the precision it has: "2024", "2024-03", "2024-03-08"."""
    if value is None:
        return None
    year, month, day = value.year, value.month, value.day  # type: ignore[attr-defined]
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def study_ids(study: Study) -> set[str]:
    """Every identifier the study holds: its registry ID, NCT ID, sponsor's ID, secondary IDs."""
    # `registry_id` is read where the model has it (the registry-neutral identity)
    found: list[object] = [getattr(study, "registry_id", None), study.nct_id, study.org_study_id]
    found += [secondary.id for secondary in study.secondary_ids]
    return {id_key(value) for value in found if value}


Getter = Callable[[Study, dict[str, Any]], object]


def _registry_id(study: Study, label: dict[str, Any]) -> object:
    wanted = id_key(label["registry_id"])
    return wanted if wanted in study_ids(study) else None


def _secondary_ids(study: Study, label: dict[str, Any]) -> object:
    own = id_key(label.get("registry_id", ""))
    return study_ids(study) - {own}


def _status(study: Study, label: dict[str, Any]) -> object:
    return enum_value(study.status.overall)


def _status_text(study: Study, label: dict[str, Any]) -> object:
    overall = study.status.overall
    # raw words are kept as a plain string; a mapped enum value is a different answer
    return None if overall is None or hasattr(overall, "value") else text_key(overall)


FIELDS: dict[str, Getter] = {
    "registry_id": _registry_id,
    "secondary_ids": _secondary_ids,
    "brief_title": lambda s, _: text_key(s.brief_title) if s.brief_title else None,
    "official_title": lambda s, _: text_key(s.official_title) if s.official_title else None,
    "overall_status": _status,
    "status_text": _status_text,
    "phases": lambda s, _: {enum_value(phase) for phase in s.design.phases},
    "study_type": lambda s, _: enum_value(s.design.study_type),
    "enrollment": lambda s, _: s.design.enrollment.count if s.design.enrollment else None,
    "sex": lambda s, _: enum_value(s.eligibility.sex),
    "minimum_age": lambda s, _: age_key(s.eligibility.minimum_age),
    "maximum_age": lambda s, _: age_key(s.eligibility.maximum_age),
    "healthy_volunteers": lambda s, _: s.eligibility.healthy_volunteers,
    "conditions": lambda s, _: {text_key(name) for name in s.conditions},
    "interventions": lambda s, _: {text_key(i.name) for i in s.interventions if i.name},
    "lead_sponsor": lambda s, _: (
        text_key(s.lead_sponsor.name) if s.lead_sponsor and s.lead_sponsor.name else None
    ),
    "start_date": lambda s, _: date_key(s.status.start_date),
    "inclusion_count": lambda s, _: len(s.eligibility.inclusion),
    "exclusion_count": lambda s, _: len(s.eligibility.exclusion),
}
"""Each labelled field and how its value is read off a `Study` (in the form `gold_key` gives)."""

KEYS = ("file", "trial", "truncated", "alt")
"""Keys of a label object that are not fields."""


def gold_key(name: str, value: Any) -> object:
    """A labelled value in the form its getter returns."""
    if name == "registry_id":
        return id_key(value)
    if name == "secondary_ids":
        return {id_key(item) for item in value}
    if name in ("brief_title", "official_title", "lead_sponsor", "status_text"):
        return text_key(value)
    if name in ("conditions", "interventions"):
        return {text_key(item) for item in value}
    if name == "phases":
        return set(value)
    if name in ("minimum_age", "maximum_age"):
        return age_key(value)
    return value


# --- scoring -------------------------------------------------------------------------------------


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    def cell(self) -> str:
        if not self.total:
            return "      -      "
        return f"{self.right / self.total:5.3f} ({self.right:>3}/{self.total:<3})"


@dataclass
class Report:
    overall: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    kinds: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    fields: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    sites: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    pages: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failed: list[tuple[str, str, str]] = field(default_factory=list)
    no_trial: list[tuple[str, str, bool]] = field(default_factory=list)
    misses: list[tuple[str, str, object, object]] = field(default_factory=list)


def load_labels(paths: Iterable[Path] = LABEL_FILES) -> list[dict[str, Any]]:
    """The label objects, one per line of each label file."""
    labels: list[dict[str, Any]] = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            labels += [json.loads(line) for line in handle if line.strip()]
    return labels


def labelled_fields(label: dict[str, Any]) -> dict[str, Any]:
    """The scored fields of a label: every field key except those marked truncated."""
    skipped = set(label.get("truncated", ()))
    return {k: v for k, v in label.items() if k not in KEYS and k not in skipped}


def accepted(name: str, label: dict[str, Any]) -> list[object]:
    """The gold value of a field and its alternatives (other languages of a bilingual page)."""
    values = [label[name], *label.get("alt", {}).get(name, ())]
    return [gold_key(name, value) for value in values]


def score(labels: Iterable[dict[str, Any]], pages_dev: Path) -> Report:
    report = Report()
    for label in labels:
        name = label["file"]
        split, site = split_of(name), site_of(name)
        kind = "full HTML records" if "/" in name else "text excerpts"
        report.pages[split] += 1
        study: Study | None = None
        problem = ""
        path = page_path(name, pages_dev)
        try:
            study = parse_record(path)
        except TrialParseError as exc:
            problem = f"refused: {type(exc).__name__}: {str(exc).replace(f'{path}: ', '')}"
        except Exception as exc:  # any other failure is a defect, listed as such
            problem = f"FAILED: {type(exc).__name__}: {exc}"
        if label.get("trial") is False:
            report.no_trial.append((split, name, study is None))
            continue
        wanted = labelled_fields(label)
        if study is None:
            report.failed.append((split, name, problem[:160]))
        for field_name in wanted:
            got = FIELDS[field_name](study, label) if study is not None else None
            golds = accepted(field_name, label)
            ok = got in golds
            for tally in (
                report.overall[split],
                report.kinds[kind, split],
                report.fields[field_name, split],
                report.sites[site, split],
            ):
                tally.add(ok)
            if not ok and split == "dev":
                report.misses.append((name, field_name, golds[0], got))
    return report


def show(report: Report, misses: bool) -> None:
    dev, ev = report.overall["dev"], report.overall["eval"]
    print(
        f"pages labelled: dev {report.pages['dev']}, eval {report.pages['eval']}; "
        f"labelled values: dev {dev.total}, eval {ev.total}"
    )
    print(f"field accuracy: dev {dev.cell()}   eval {ev.cell()}")
    for kind in sorted({kind for kind, _ in report.kinds}, reverse=True):
        cells = [report.kinds[kind, split].cell() for split in SPLITS]
        print(f"  {kind + ':':<20} dev {cells[0]}   eval {cells[1]}")
    width = 24
    print(f"\n{'per field':<{width}} {'dev':^15} {'eval':^15}")
    for name in FIELDS:
        cells = [report.fields[name, split] for split in SPLITS]
        if any(cell.total for cell in cells):
            print(f"{name:<{width}} {cells[0].cell():>15} {cells[1].cell():>15}")
    print(f"\n{'per site':<{width}} {'dev':^15} {'eval':^15}")
    for site in sorted({site for site, _ in report.sites}):
        cells = [report.sites[site, split] for split in SPLITS]
        print(f"{site:<{width}} {cells[0].cell():>15} {cells[1].cell():>15}")
    print(f"\nrefused or failed (every labelled value counted wrong): {len(report.failed)}")
    for split, name, problem in sorted(report.failed):
        print(f"  [{split}] {name}: {problem}")
    print("\npages holding no trial (not scored): ")
    for split, name, refused in sorted(report.no_trial):
        print(f"  [{split}] {name}: {'refused' if refused else 'NOT refused'}")
    if misses:
        print(f"\nmisses of the dev split: {len(report.misses)}")
        for name, field_name, gold, got in report.misses:
            print(f"  {name} {field_name}: expected {gold!r}, got {got!r}")


def main(argv: list[str]) -> int:
    args = [arg for arg in argv if not arg.startswith("--")]
    pages_dev = Path(args[0]) if args else PAGES_DEV
    if not (pages_dev / "text").is_dir():
        print(f"no text/ folder of page excerpts in {pages_dev}", file=sys.stderr)
        return 2
    labels = load_labels()
    if not (pages_dev / "registries").is_dir():
        labels = [label for label in labels if "/" not in label["file"]]
    start = time.perf_counter()
    report = score(labels, pages_dev)
    show(report, misses="--misses" in argv)
    print(f"\n({time.perf_counter() - start:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

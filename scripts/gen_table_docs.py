"""Write docs/tables.md, the reference of the flat tables and their AACT mapping, from `TABLES`.

Run: python scripts/gen_table_docs.py   (tests/bulk/test_table_docs.py checks the file is current)
"""

from __future__ import annotations

import sys
from pathlib import Path

from trialparse.bulk import NORMALISED_TABLES, TABLES
from trialparse.bulk._tables import AACT_TABLES, aact_column

OUT = Path(__file__).resolve().parent.parent / "docs" / "tables.md"

INTRO = """\
# Flat tables (`trialparse batch --to tables`, `to_tables()`)

`trialparse batch SRC --out DIR --to tables` (or `run_batch(src, out_dir, to="tables")`) writes one
Parquet file per table into `DIR`, plus `errors.jsonl` for the records that failed; `--to csv`
writes the same tables as CSV files (list columns joined with `|`). `trialparse.to_tables(studies)`
gives the same tables in memory, as Arrow tables or pandas or polars DataFrames:

```python
from pathlib import Path
from trialparse import iter_studies, to_tables

tables = to_tables(iter_studies(Path("fixtures/NCT06352281.txt")), backend="arrow")
tables["studies"].column("overall_status").to_pylist()  # ['RECRUITING']
tables["design_groups"].column("title").to_pylist()     # ['CAR-T Cells Therapy']
```

Every table carries the study's key, `nct_id`, `registry` and `registry_id`; a study's rows keep
the order of the record. `nct_id` is null for most records of other registries (WHO ICTRP
exports, EU CTR, ISRCTN, record pages without an NCT number): join their rows to `studies` on
`registry` and `registry_id`, which every record with an ID of its own has. Table and column
names follow [AACT](https://aact.ctti-clinicaltrials.org/) (the Aggregate Analysis of
ClinicalTrials.gov database) where AACT has the table, so queries written for AACT carry over;
each column's AACT counterpart is listed below ("—" where AACT has none). The tables AACT lacks
(`eligibility_criteria` and the normaliser's `lab_thresholds`, `age_bounds`, `time_windows`,
`score_thresholds`) use the model's names. Where the values differ from AACT's:

- Enumerated values are the ClinicalTrials.gov v2 values (`RECRUITING`, `PHASE2`), as AACT loads
  them from the v2 API.
- A date is a `date` column holding the first day of the period the record states, with the
  text as stated in `*_month_year` (`2024-02`) and its precision in `*_date_precision` (`year`,
  `month`, `day`): "February 2024" is not the 1st of February, and AACT, which puts the last
  day of the month in its date columns, cannot tell them apart either.
- `studies.source` is the lead sponsor's name, as in AACT; where the record came from in the
  batch input is `studies.source_path`.
- `contact_type` in `central_contacts` and `facility_contacts` is `primary` for the first contact
  and `backup` for the next, as in AACT; the v2 role is kept in `role`. Site staff whose role is
  not `CONTACT` (investigators) are in `facility_investigators`, as in AACT.
- AACT links rows by surrogate ids (`facility_id`, `design_group_id`); here a site is named by
  its `facility_index` and an arm by its label.
- `registry` and `registry_id` name the registry a record is from and its own ID there
  (records of other registries: EU CTR, ISRCTN, WHO ICTRP exports, ...); AACT holds
  ClinicalTrials.gov only.
- Values AACT reads from parts of the v2 record that the model keeps in `Study.extras` (posted
  dates, verification date, oversight flags, IPD sharing, MeSH terms, coordinates, ...) are
  filled from there; a reader whose source has no such part leaves them null.

Parquet and CSV output need the `parquet` extra, and `to_tables(backend="pandas")` or `"polars"`
the `pandas` or `polars` extra. The package is installed from its repository (it is not
published on a package index): in a checkout, `pip install '.[parquet]'`, or
`pip install '.[parquet,pandas,polars]'` for every backend. Each file is written to a hidden
`.NAME.parquet.*.part` file and moved into place when the run completes, so a run that is killed
or interrupted leaves no file that looks finished; a folder that already holds output is not
written into without `--force`.

Column types are Arrow types; every column may be null. A value that does not fit its column
(an enrollment count above 64 bits) fails that record alone, with an `UnfitValue` row in
`errors.jsonl` naming the table and column.
"""

DESCRIPTIONS = {
    "studies": "One row per study. AACT splits some of these columns into `designs`, `eligibilities`, `brief_summaries`, `detailed_descriptions` and `responsible_parties`; here they stay on the study's row, so one table answers most questions without a join.",
    "conditions": "One row per condition.",
    "keywords": "One row per keyword.",
    "design_groups": "One row per arm or group (the v2 API's arm groups, the model's `Study.arms`).",
    "design_group_interventions": "Which interventions each arm lists, linked by arm label and intervention name as the record states them instead of AACT's surrogate ids.",
    "interventions": "One row per intervention.",
    "intervention_other_names": "Other names of each intervention.",
    "eligibility_criteria": "One row per criterion item, sub-items included (AACT keeps the criteria text whole). Items are the ones `Study.eligibility.inclusion` and `.exclusion` hold.",
    "lab_thresholds": "One row per numeric bound on a lab value found by the normaliser; alternatives (\"≤ 3 × ULN, or ≤ 5 × ULN with liver involvement\") are one row each, with their `condition`. Written only with `--normalise`.",
    "age_bounds": "One row per age bound stated in the criteria text, found by the normaliser; `subject` and `condition` mark ages of other people and ages that condition another requirement (both left out of the record's age range). Written only with `--normalise`.",
    "time_windows": "One row per time window stated in the criteria text (\"within 4 weeks\"), found by the normaliser. Written only with `--normalise`.",
    "score_thresholds": "One row per performance-score bound (ECOG, Karnofsky, ...), found by the normaliser. Written only with `--normalise`.",
    "facilities": "One row per study site (the v2 API's `locations`).",
    "facility_contacts": "Contacts of each site, linked to `facilities` by `nct_id` and `facility_index`.",
    "facility_investigators": "Investigators of each site (site staff whose v2 role is not `CONTACT`).",
    "central_contacts": "The study's central contacts.",
    "overall_officials": "The study's overall officials.",
    "sponsors": "Lead sponsor and collaborators.",
    "design_outcomes": "Registered outcome measures.",
    "id_information": "Every identifier of the study but its NCT ID: the sponsor's own ID, each secondary ID and each retired NCT alias.",
    "countries": "Countries of the study's sites, in order of first appearance, then those the registry lists as removed.",
    "browse_conditions": "MeSH terms the registry derived from the conditions (v2 `derivedSection.conditionBrowseModule`), then their ancestors.",
    "browse_interventions": "MeSH terms the registry derived from the interventions (v2 `derivedSection.interventionBrowseModule`), then their ancestors.",
    "calculated_values": "One row per study of values computed from the record, as AACT's `calculated_values`.",
    "study_ids": "Every ID of the study, once each: its own ID in its registry, its NCT number, and its secondary IDs. `id_registry` names the registry an ID belongs to when the ID's form says so (an NCT number, a EudraCT number, an ISRCTN, a DRKS, jRCT or UMIN ID, ...); registry IDs are normalised (`EUCTR2019-001698-10-NL` is `2019-001698-10-NL`, `JPRN-UMIN000001825` is `UMIN000001825`). Joining on `id` finds the same trial in several registries. AACT's `id_information` holds ClinicalTrials.gov's secondary IDs only; `id_information` here does the same.",
}

OTHER_OUTPUTS = """\
## Other outputs

- `--to jsonl` writes `studies.jsonl`: one `Study.model_dump(mode="json")` per line (with a
  `normalised` key when normalising).
- `--to parquet` writes `studies.parquet`: one row per study, nested as the model is (lists and
  structs). `extras`, and the sub-items of criteria (the model nests them without limit), are
  JSON text; so is the `normalised` column.
- `errors.jsonl` (always written; empty when every record was written): one object per record
  that failed, with `source` (the file, `archive.zip!member`, `file.jsonl:LINE` or
  `file.json[INDEX]`), `record_id` (the NCT ID when it could be found), `error` (the exception
  class, or `UnfitValue`), `message` and `location`.
"""


def render() -> str:
    """The text of docs/tables.md."""
    parts = [INTRO]
    links = ", ".join(f"[`{name}`](#{name})" for name in TABLES)
    parts.append(f"Tables: {links}.\n")
    for name, columns in TABLES.items():
        aact = AACT_TABLES.get(name)
        where = f"AACT `{aact}`" if aact else "no AACT counterpart"
        only = " (normaliser)" if name in NORMALISED_TABLES else ""
        lines = [
            f"## `{name}`",
            "",
            f"{DESCRIPTIONS[name]} ({where}{only}.)",
            "",
            "| column | type | holds | AACT |",
            "|---|---|---|---|",
        ]
        for column in columns:
            mapped = aact_column(name, column)
            lines.append(
                f"| `{column.name}` | {column.type} | {column.doc} | "
                f"{f'`{mapped}`' if mapped else '—'} |"
            )
        parts.append("\n".join(lines) + "\n")
    parts.append(OTHER_OUTPUTS)
    return "\n".join(parts)


def main() -> None:
    """Write the file, or with --check exit 1 when it is not current."""
    text = render()
    if "--check" in sys.argv[1:]:
        sys.exit(0 if OUT.read_text(encoding="utf-8") == text else 1)
    OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

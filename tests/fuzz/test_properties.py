"""Nothing lost, limits, pathological inputs, XML safety in every reader, error quality."""

from __future__ import annotations

import copy
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.realdata import REAL, SEED, as_params, real, real_data, real_files
from trialparse import parse_record
from trialparse._text import unescape_markdown
from trialparse.errors import MalformedRecord, TrialParseError, UnknownFormat, UnsafeInput
from trialparse.normalise import normalise
from trialparse.normalise.criteria import split_criteria
from trialparse.readers.base import MAX_KEPT_WARNINGS

from .harness import JSON_VALUE, SHORT, json_paths, parses_or_refuses, time_bound

V2_FILES = real_files("ctgov_v2", "NCT*.json")
V2_RECORDS: list[dict[str, Any]] = [orjson.loads(p.read_bytes()) for p in V2_FILES]


# --- nothing lost ------------------------------------------------------------------------------


def _leaves(value: Any, path: str = "") -> set[tuple[str, str]]:
    """(JSON path, value) of every leaf; strings with their markdown escapes resolved."""
    found: set[tuple[str, str]] = set()
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            stack.extend(
                (child, f"{where}.{key}" if where else str(key)) for key, child in node.items()
            )
        elif isinstance(node, list):
            stack.extend((child, f"{where}[{i}]") for i, child in enumerate(node))
        else:
            text = unescape_markdown(node) if isinstance(node, str) else node
            found.add((where, f"{type(text).__name__}:{text!r}"))
    return found


ENUM_PATHS = [
    ("protocolSection", "statusModule", "overallStatus"),
    ("protocolSection", "designModule", "studyType"),
    ("protocolSection", "eligibilityModule", "sex"),
    ("protocolSection", "sponsorCollaboratorsModule", "leadSponsor", "class"),
]


@st.composite
def records_with_additions(draw: st.DrawFn) -> dict[str, Any]:
    """A real v2 record with keys the model lacks added anywhere, and enum values it lacks."""
    record = copy.deepcopy(draw(st.sampled_from(V2_RECORDS)))
    objects = [()] + [p for p in json_paths(record) if isinstance(_at(record, p), dict)]
    for _ in range(draw(st.integers(1, 4))):
        where = _at(record, draw(st.sampled_from(objects)))
        key = "x" + draw(st.text(min_size=1, max_size=10))
        where[key] = draw(JSON_VALUE)
    for path in ENUM_PATHS:
        try:
            parent = _at(record, path[:-1])
        except KeyError:
            continue
        if draw(st.booleans()):
            parent[path[-1]] = draw(st.sampled_from(["WITHHELD_FOR_REVIEW", "Phase 9", "both"]))
    return record


def _at(record: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        record = record[key]
    return record


@real_data
@SHORT
@given(records_with_additions())
def test_every_leaf_of_a_v2_record_is_kept(record: dict[str, Any]) -> None:
    study = parse_record(record)
    assert study.warnings, "additions to a real record are reported"
    missing = _leaves(record) - _leaves(study.to_ctgov_json())
    assert not missing, f"lost from {study.nct_id}: {sorted(missing)[:5]}"


@pytest.mark.parametrize("path", as_params(V2_FILES, REAL))
def test_every_leaf_of_every_fixture_is_kept(path: Path) -> None:
    record = orjson.loads(path.read_bytes())
    assert _leaves(record) == _leaves(parse_record(record).to_ctgov_json())


# --- limits --------------------------------------------------------------------------------------


def test_size_limit_is_checked_before_parsing() -> None:
    junk = b"\x00\xff" * 600  # would be UnknownFormat if it were read
    with pytest.raises(UnsafeInput, match="1200 bytes, over the limit of 1000"):
        parse_record(junk, max_bytes=1000)
    with pytest.raises(UnknownFormat):
        parse_record(junk, max_bytes=2000)


@real_data
def test_size_limit_on_a_path_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(V2_FILES[0].read_bytes())
    size = big.stat().st_size
    with pytest.raises(UnsafeInput) as info:
        parse_record(big, max_bytes=size - 1)
    assert info.value.record_id == str(big)
    assert parse_record(big, max_bytes=size).nct_id == V2_FILES[0].stem


@real_data
def test_default_limit_admits_the_largest_real_records() -> None:
    largest = max(real_files("ctgov_classic_v1_json", "NCT*.json"), key=lambda p: p.stat().st_size)
    assert largest.stat().st_size > 500_000
    assert parse_record(largest).nct_id == largest.stem


@real_data
def test_deep_nesting_is_refused_with_the_path() -> None:
    record = copy.deepcopy(V2_RECORDS[0])
    deep: Any = "bottom"
    for _ in range(400):
        deep = [deep]
    record["protocolSection"]["statusModule"]["xNested"] = deep
    with pytest.raises(UnsafeInput) as info:
        parse_record(record)
    assert info.value.record_id == V2_FILES[0].stem
    assert info.value.location == "protocolSection.statusModule.xNested"


def test_deep_nesting_in_json_bytes_is_malformed() -> None:
    with pytest.raises(MalformedRecord) as info:
        parse_record(b'{"protocolSection": ' + b"[" * 5_000 + b"]" * 5_000 + b"}")
    assert info.value.location == "$"


@pytest.mark.parametrize("format", ["ctgov-xml", "html"])
def test_deep_markup_nesting(format: str) -> None:
    body = "<x>" * 20_000 + "</x>" * 20_000
    content = (
        f"<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info>{body}</clinical_study>"
    )
    if format == "html":
        content = f"<html><body><h1>Study</h1>{body}</body></html>"
    parses_or_refuses(content.encode(), format)


# --- pathological text: linear, never a backtracking blow-up ------------------------------------

PATHOLOGICAL = {
    "digits": "1" * 100_000,
    "spaces": "Inclusion Criteria:" + " " * 100_000 + "x",
    "bullets": "* " * 50_000,
    "dashes": "-" * 100_000,
    "numbered": "1. " * 30_000,
    "comparators": "≤ " * 50_000 + "5",
    "uln": "ALT 2.5 x " * 20_000 + "ULN",
    "decimals": "1." * 50_000 + "x",
    "units": "10^9/L " * 20_000,
    "indent": "".join(" " * i + "* a\n" for i in range(2_000)),
    "no newlines": "Inclusion Criteria: " + "age 18 years or older and " * 5_000,
    "headings": "Inclusion Criteria:\nExclusion Criteria:\n" * 10_000,
    "parentheses": "(" * 50_000 + ")" * 50_000,
    "escapes": "\\" * 100_000,
    "time": "within 4 " * 20_000 + "weeks",
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_criteria_splitting_and_normaliser_stay_linear(text: str) -> None:
    with time_bound(10):
        split_criteria(text)
        normalise(text)


@real_data
@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_readers_on_pathological_criteria(text: str) -> None:
    record = copy.deepcopy(V2_RECORDS[0])
    record["protocolSection"].setdefault("eligibilityModule", {})["eligibilityCriteria"] = text
    study = parses_or_refuses(record)
    assert study is not None
    assert study.eligibility is not None
    page = SEED.read_text(encoding="utf-8").replace(
        "Inclusion Criteria", text[:20_000] + "\nInclusion Criteria", 1
    )
    parses_or_refuses(page.encode(), "text")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("minimumAge", "9" * 10_000 + " Years"),
        ("maximumAge", "1" + "0" * 400 + " Years"),
    ],
)
@real_data
def test_huge_numbers_are_refused_or_kept(key: str, value: str) -> None:
    record = copy.deepcopy(V2_RECORDS[0])
    record["protocolSection"]["eligibilityModule"][key] = value
    parses_or_refuses(record)


@real_data
def test_huge_enrollment_count() -> None:
    record = copy.deepcopy(V2_RECORDS[0])
    record["protocolSection"]["designModule"]["enrollmentInfo"] = {"count": 10**30}
    parses_or_refuses(record)


# --- XML safety in every reader that touches markup ------------------------------------------------

XXE = '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
BOMB = (
    '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)


@pytest.mark.parametrize("doctype", [XXE, BOMB], ids=["xxe", "entity-bomb"])
@pytest.mark.parametrize("format", [None, "html", "text", "ctgov-xml"])
def test_no_entity_is_expanded(doctype: str, format: str | None) -> None:
    page = (
        f"{doctype}<html><body><h1>Study</h1><dl><dt>Official Title</dt><dd>T &xxe; &j;</dd>"
        "<dt>NCT Number</dt><dd>NCT00000001</dd></dl></body></html>"
    )
    with time_bound(2):
        study = parses_or_refuses(page.encode(), format)
    if study is not None:
        dumped = study.model_dump_json()
        assert "root:" not in dumped
        assert "aaaaaaaaaa" * 10 not in dumped


def test_external_dtd_is_never_fetched(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY secret "from-the-dtd">')
    page = (
        f'<!DOCTYPE html SYSTEM "{dtd.as_uri()}"><html><body><h1>Study</h1>'
        "<dl><dt>Official Title</dt><dd>&secret;</dd></dl></body></html>"
    )
    for format in ("html", "ctgov-xml", None):
        study = parses_or_refuses(page.encode(), format)
        if study is not None:
            assert "from-the-dtd" not in study.model_dump_json()


# --- error quality ----------------------------------------------------------------------------------

BROKEN_NAMES = ["truncated.json", "wrong-type.json", "truncated.xml", "junk.bin", "empty.txt"]


@cache
def broken() -> dict[str, bytes]:
    """Broken files made here from real records (so only with the real data)."""
    made = {
        "truncated.json": V2_FILES[0].read_bytes()[:500],
        "wrong-type.json": orjson.dumps(
            {
                **V2_RECORDS[1],
                "protocolSection": {**V2_RECORDS[1]["protocolSection"], "statusModule": []},
            }
        ),
        "truncated.xml": real("ctgov_xml", "NCT01827488.xml").read_bytes()[:700],
        "junk.bin": bytes(range(256)) * 4,
        "empty.txt": b"   \n",
    }
    assert list(made) == BROKEN_NAMES
    return made


@real_data
@pytest.mark.parametrize("name", BROKEN_NAMES)
def test_errors_name_the_record_and_the_place(tmp_path: Path, name: str) -> None:
    file = tmp_path / name
    file.write_bytes(broken()[name])
    with pytest.raises(TrialParseError) as info:
        parse_record(file)
    error = info.value
    # the record's own ID where the bytes read before the fault hold it, else the file
    own_id = {"wrong-type.json": V2_FILES[1].stem, "truncated.xml": "NCT01827488"}
    assert error.record_id == own_id.get(name, str(file))
    if isinstance(error, MalformedRecord):
        assert error.location
    assert "\n" not in str(error)


@real_data
def test_cli_prints_one_line_per_failed_record(tmp_path: Path) -> None:
    files = []
    for name, content in broken().items():
        files.append(tmp_path / name)
        files[-1].write_bytes(content)
    files.append(V2_FILES[2])
    result = subprocess.run(
        [sys.executable, "-m", "trialparse", "parse", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == len(BROKEN_NAMES), result.stderr
    assert "Traceback" not in result.stderr
    for file, line in zip(files, lines, strict=False):
        assert str(file) in line
    assert orjson.loads(result.stdout.splitlines()[0])["nct_id"] == V2_FILES[2].stem


def test_criteria_nesting_is_capped() -> None:
    # found by the pathological inputs: 1,000 levels of indentation overflowed the stack
    text = "".join(" " * i + "* item\n" for i in range(1_000))
    (item,), exclusion = split_criteria(text)
    assert exclusion == []
    depth = 1
    while item.children:
        (item,) = item.children[:1]
        depth += 1
    assert depth == 8


def test_unplaced_text_repeated_many_times_stays_linear() -> None:
    # found with huge repeated sections: each unplaced line was appended to the kept text
    # by copying it, quadratic in the number of lines
    lines = SEED.read_bytes().split(b"\n")
    unplaced = lines[60]
    assert unplaced.startswith(b"Understand how the trial is structured")
    page = b"\n".join([*lines[:60], *[unplaced] * 40_000, *lines[60:]])
    with time_bound(10):
        study = parse_record(page, format="text")
    (key,) = [k for k in study.extras if k.startswith("text:")]
    assert study.extras[key].count("Understand how the trial is structured") == 40_001
    assert [w.path for w in study.warnings if w.path.startswith("text:")] == [key]


@real_data
def test_many_unmapped_xml_elements_stay_linear() -> None:
    # found with huge repeated sections: each kept element's path counted its siblings again
    record = real("ctgov_xml", "NCT01827488.xml").read_bytes()
    many = b"<odd_thing>x</odd_thing>" * 50_000
    with time_bound(10):
        study = parse_record(record.replace(b"</clinical_study>", many + b"</clinical_study>"))
    assert study.extras["/clinical_study/odd_thing[1]"] == "x"
    assert study.extras["/clinical_study/odd_thing[50000]"] == "x"
    assert sum(1 for p in study.extras if p.startswith("/clinical_study/odd_thing")) == 50_000
    # one warning a part up to MAX_KEPT_WARNINGS, then one for all the rest
    kept = [w for w in study.warnings if w.code == "unmapped-content"]
    assert len(kept) == MAX_KEPT_WARNINGS
    assert "as is every later part" in kept[-1].message


def test_null_protocol_section_is_malformed() -> None:
    # found by structural fuzzing: a null protocolSection tripped an internal assertion
    with pytest.raises(MalformedRecord) as info:
        parse_record({"protocolSection": None, "hasResults": False})
    assert info.value.location == "protocolSection"
    assert "protocolSection is null" in info.value.message


def test_parser_messages_become_one_line() -> None:
    # found by fuzzing: lxml's message for a NUL byte holds a newline
    with pytest.raises(MalformedRecord) as info:
        parse_record(b"<\x00", format="ctgov-xml")
    assert "\n" not in str(info.value)
    assert info.value.location == "line 1"

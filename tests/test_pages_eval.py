"""The hand-made labels of the real page excerpts are well formed, and scored as documented."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import Counter
from typing import Any

import lxml.html
import pytest
from benchmarks import pages_eval

from tests.realdata import PROJECT_FIXTURES, real, real_data
from trialparse import AgeUnit, OverallStatus, Phase, Sex, StudyType, parse_record

LABELS = pages_eval.load_labels()
README = (PROJECT_FIXTURES / "pages_labels" / "README.md").read_text(encoding="utf-8")

ENUMS: dict[str, set[str]] = {
    "overall_status": {member.value for member in OverallStatus},
    "study_type": {member.value for member in StudyType},
    "sex": {member.value for member in Sex},
}
INTS = ("enrollment", "inclusion_count", "exclusion_count")
TEXTS = ("registry_id", "brief_title", "official_title", "status_text", "lead_sponsor")
LISTS = ("secondary_ids", "conditions", "interventions")
DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
AGE = re.compile(r"^\d+(?:\.\d+)? (?:Years?|Months?|Weeks?|Days?|Hours?|Minutes?)$")


def _ids(label: dict[str, Any]) -> str:
    return str(label["file"])


def test_one_label_per_page_and_no_unknown_keys() -> None:
    files = [label["file"] for label in LABELS]
    assert len(files) == len(set(files)) >= 100
    for label in LABELS:
        unknown = set(label) - set(pages_eval.KEYS) - set(pages_eval.FIELDS)
        assert not unknown, (label["file"], unknown)
        assert re.fullmatch(r"[^/]+__[^/]+\.txt|registries/[^/]+/[^/]+\.html", label["file"]), (
            label["file"]
        )


@pytest.mark.parametrize("label", LABELS, ids=_ids)
def test_label_values_are_of_their_field_type(label: dict[str, Any]) -> None:
    for name, allowed in ENUMS.items():
        if name in label:
            assert label[name] in allowed, (name, label[name])
    assert not ("overall_status" in label and "status_text" in label)
    if "phases" in label:
        assert label["phases"]
        assert set(label["phases"]) <= {member.value for member in Phase}
    for name in INTS:
        if name in label:
            assert isinstance(label[name], int), name
            assert label[name] >= 0, name
    for name in TEXTS:
        if name in label:
            assert isinstance(label[name], str), name
            assert label[name].strip() == label[name] != "", name
    for name in LISTS:
        if name in label:
            assert isinstance(label[name], list), name
            assert all(isinstance(item, str) and item.strip() for item in label[name]), name
    for name in ("minimum_age", "maximum_age"):
        if name in label:
            assert AGE.fullmatch(label[name]), label[name]
            assert pages_eval.age_key(label[name])[1] in {unit.value for unit in AgeUnit}  # type: ignore[index]
    if "healthy_volunteers" in label:
        assert isinstance(label["healthy_volunteers"], bool)
    if "start_date" in label:
        assert DATE.fullmatch(label["start_date"]), label["start_date"]
        parts = [int(part) for part in label["start_date"].split("-")] + [1, 1]
        datetime.date(parts[0], parts[1], parts[2])
    if label.get("trial") is False:
        assert not pages_eval.labelled_fields(label), "a page holding no trial has no field labels"


@pytest.mark.parametrize("label", LABELS, ids=_ids)
def test_truncated_and_alternative_values_name_fields(label: dict[str, Any]) -> None:
    truncated = label.get("truncated", [])
    assert set(truncated) <= set(pages_eval.FIELDS), truncated
    assert not set(truncated) & set(label), "a field cut off by the excerpt end is not labelled"
    for name, values in label.get("alt", {}).items():
        assert name in label, name
        assert isinstance(values, list), name
        assert values, name


def test_the_split_is_the_documented_rule() -> None:
    for label in LABELS:
        digest = hashlib.sha1(label["file"].split("/")[-1].encode()).hexdigest()
        expected = "eval" if int(digest[:8], 16) % 4 == 0 else "dev"
        assert pages_eval.split_of(label["file"]) == expected
    assert pages_eval.split_of("coi__mk-3475-042.txt") == "eval"
    assert pages_eval.split_of("anzctr__ACTRN12605000261617.txt") == "dev"
    splits = Counter(pages_eval.split_of(label["file"]) for label in LABELS)
    assert 0.2 <= splits["eval"] / len(LABELS) <= 0.33
    sites = {pages_eval.site_of(label["file"]) for label in LABELS}
    dev_sites = {
        pages_eval.site_of(label["file"])
        for label in LABELS
        if pages_eval.split_of(label["file"]) == "dev"
    }
    assert len(dev_sites) / len(sites) >= 0.85
    assert "SHA-1" in README
    assert "divisible by 4" in README


def test_values_are_read_off_a_study_in_the_labels_terms() -> None:
    study = parse_record(PROJECT_FIXTURES / "NCT06352281.txt")
    label: dict[str, Any] = {"file": "seed.txt", "registry_id": "nct06352281"}
    assert pages_eval.FIELDS["registry_id"](study, label) == "nct06352281"
    assert pages_eval.age_key("18 Years") == (18.0, "YEARS")
    assert pages_eval.age_key("6 Months") == (6.0, "MONTHS")
    assert pages_eval.gold_key("lead_sponsor", " Pfizer  Inc. ") == "pfizer inc"
    assert pages_eval.gold_key("conditions", ["Asthma", "asthma "]) == {"asthma"}
    assert pages_eval.date_key(study.status.start_date) == "2024-02-01"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


@real_data
def test_every_label_names_a_page_of_the_shared_folder_and_every_page_is_labelled() -> None:
    folder = real("pages_dev")
    pages = {path.name for path in (folder / "text").glob("*.txt")}
    pages |= {str(path.relative_to(folder)) for path in (folder / "registries").glob("*/*.html")}
    assert pages == {label["file"] for label in LABELS}


@real_data
@pytest.mark.parametrize("label", LABELS, ids=_ids)
def test_labelled_words_are_on_the_page(label: dict[str, Any]) -> None:
    """Identifiers, titles, sponsors, conditions and interventions are written on the page."""
    path = pages_eval.page_path(label["file"], real("pages_dev"))
    if path.suffix == ".html":
        page = _flat(lxml.html.fromstring(path.read_bytes()).text_content())
    else:
        page = _flat(path.read_text(encoding="utf-8"))
    for name in ("registry_id", "brief_title", "official_title", "lead_sponsor", "status_text"):
        if name in label:
            written = [label[name], *label.get("alt", {}).get(name, [])]
            assert any(_flat(value) in page for value in written), (name, label[name])
    for name in LISTS:
        for item in label.get(name, []):
            assert _flat(item) in page, (name, item)

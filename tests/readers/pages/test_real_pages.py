"""Every real page of the development set (`pages_dev/`): a `Study`, or a clear refusal for the
pages that hold no trial; never any other error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.realdata import PROJECT_FIXTURES, real_params
from trialparse import Study, parse_record
from trialparse.errors import TrialParseError, UnknownFormat, WarningCode
from trialparse.readers.detect import detect_format

_LABELS = PROJECT_FIXTURES / "pages_labels" / "labels.jsonl"
NO_TRIAL = {
    row["file"]
    for row in map(json.loads, _LABELS.read_text(encoding="utf-8").splitlines())
    if row.get("trial") is False
}


@pytest.mark.parametrize("page", real_params("pages_dev/text", "*.txt"))
def test_a_real_excerpt_gives_a_study_unless_it_holds_no_trial(page: Path) -> None:
    if page.name in NO_TRIAL:
        with pytest.raises(UnknownFormat, match="no trial on this page"):
            parse_record(page)
        return
    study = parse_record(page)
    assert isinstance(study, Study)
    assert study.source is not None
    assert study.source.format == "text"
    # what the reader could not place is kept, each place with its warning
    kept = {w.path for w in study.warnings if w.code == WarningCode.UNMAPPED_CONTENT.value}
    assert {key for key in study.extras if key.startswith("page:")} - {"page:registry_id"} <= kept


@pytest.mark.parametrize("page", real_params("pages_dev/registries", "*.html", recursive=True))
def test_a_real_full_html_record_gives_a_study_or_a_clear_error(page: Path) -> None:
    try:
        study = parse_record(page)
    except TrialParseError as error:
        assert error.record_id == str(page)
        return
    assert study.source is not None
    assert study.source.format.endswith("html")  # EU CTR pages have a reader of their own
    assert study.registry_id or study.brief_title


def test_an_excerpt_cut_mid_value_keeps_it_and_says_so(tmp_path: Path) -> None:
    # hand-made: the end of an excerpt that stops inside the summary
    page = tmp_path / "handmade_cut.txt"
    page.write_text("NCT ID: NCT06352281\nBrief Summary\nThis study will evaluate the saf")
    study = parse_record(page)
    assert study.brief_summary == "This study will evaluate the saf"
    assert [w.path for w in study.warnings if w.code == "truncated-value"] == ["brief_summary"]


@pytest.mark.parametrize("page", real_params("pages_dev/text", "*.txt"))
def test_a_real_excerpt_is_detected_as_text(page: Path) -> None:
    assert detect_format(page.read_bytes()) == "text"


@pytest.mark.parametrize("page", real_params("pages_dev/registries", "*.html", recursive=True))
def test_a_real_full_record_page_is_detected_as_html(page: Path) -> None:
    assert detect_format(page.read_bytes()).endswith("html")

"""The vocabulary of page labels: data naming fields and sections, each variant with its site."""

from __future__ import annotations

import pytest

from trialparse.readers.pages import vocabulary
from trialparse.readers.pages.vocabulary import FIELDS, SECTIONS, SITES, fold, lookup


def test_every_variant_says_where_it_was_seen() -> None:
    assert set(FIELDS) | set(SECTIONS) <= set(SITES)
    assert all(SITES.values())


@pytest.mark.parametrize(
    ("label", "field", "site"),
    [
        ("注册号:", "registry_id", "chictr"),
        ("Registration number:", "registry_id", "anzctr"),
        ("注册题目", "brief_title", "chictr"),
        ("Public title:", "brief_title", "anzctr"),
        ("一般向け試験名/Public title", "brief_title", "umin"),
        ("試験進捗状況", "recruitment_status", "umin"),
        ("jRCT番号", "registry_id", "jrct"),
        ("研究の種別", "study_type", "jrct"),
        ("Accepts Healthy Volunteers?", "healthy_volunteers", "meddatax"),
        ("RECRUITMENT STATUS", "recruitment_status", "ctgov"),
    ],
)
def test_bilingual_and_japanese_labels_name_their_fields(label: str, field: str, site: str) -> None:
    assert lookup(label)[0] == field
    assert site in SITES[fold(label)]


def test_fold_keeps_letters_of_any_script_and_drops_punctuation() -> None:
    assert fold("  Recruitment-Status: ") == "recruitment status"
    assert fold("UMIN試験ID") == "umin試験id"
    assert vocabulary.fold("注册号:") == "注册号"


def test_a_heading_names_a_section_and_furniture_is_known() -> None:
    assert lookup("Inclusion Criteria")[1] == "inclusion"
    assert lookup("You may not be able to take part if")[1] == "exclusion"
    assert fold("MedPath") in vocabulary.NOISE

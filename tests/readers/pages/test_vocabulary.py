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
        ("研究课题代号(代码):", "org_study_id", "chictr"),
        ("研究の名称", "official_title", "jrct"),
        ("平易な研究名称", "brief_title", "jrct"),
        ("対象疾患名", "conditions", "jrct"),
        ("進捗状況", "recruitment_status", "jrct"),
        ("Intervention code", "other", "anzctr"),
        ("Description of intervention(s) / exposure", "other", "anzctr"),
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


@pytest.mark.parametrize(
    ("heading", "section", "site"),
    [
        ("Sites / Locations", "locations", "trials.co"),
        ("What to expect", "other", "pfizerclinicaltrials"),
        ("Additional Information", "other", "smartpatients"),
    ],
)
def test_headings_name_their_sections(heading: str, section: str, site: str) -> None:
    assert lookup(heading)[1] == section
    assert site in SITES[fold(heading)]


def test_a_table_whose_labels_the_text_lost_is_known_by_the_line_above_it() -> None:
    site, rows = vocabulary.UNLABELLED_TABLES[fold("臨床研究・治験計画情報の詳細情報です。")]
    assert site == "jrct"
    assert [field for field, _, _ in rows if field != "other"] == [
        "official_title",
        "brief_title",
        "phases",
        "conditions",
        "recruitment_status",
    ]
    assert fold("Click to view inclusion/exclusion criteria") in vocabulary.NOISE

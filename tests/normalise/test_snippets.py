"""Real criterion lines of the real `ctgov_v2/` records normalise to the values they state.

Each row is a line copied verbatim from the record its id names (checked below); the expected
values are the first item of the row's kind. Rows whose id starts with ``handmade`` are written
for the test.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from tests.realdata import real, real_data
from trialparse import normalise

ROWS = [
    pytest.param(
        "* Platelet count ≥ 100 x 109/L",
        "labs",
        {
            "analyte": "platelets",
            "comparator": ">=",
            "value": 100.0,
            "unit": "10^9/L",
            "canonical_value": 100.0,
            "uln_multiple": None,
        },
        id="NCT02795884-labs-1",
    ),
    pytest.param(
        "* ANC \\> 1000/uL",
        "labs",
        {
            "analyte": "anc",
            "comparator": ">",
            "value": 1000.0,
            "unit": "/uL",
            "canonical_value": 1.0,
            "uln_multiple": None,
        },
        id="NCT01987596-labs-2",
    ),
    pytest.param(
        "* Aspartate aminotransferase (AST) ≤2.5xULN if no demonstrable liver metastases or ≤5xULN in the presence of liver metastases;",
        "labs",
        {
            "analyte": "ast",
            "comparator": "<=",
            "value": 2.5,
            "unit": "ULN",
            "canonical_value": None,
            "uln_multiple": 2.5,
        },
        id="NCT02856893-labs-3",
    ),
    pytest.param(
        "* Testosterone level greater than 300 ng/ dl",
        "labs",
        {
            "analyte": "testosterone",
            "comparator": ">",
            "value": 300.0,
            "unit": "ng/dL",
            "canonical_value": 10.401498,
            "uln_multiple": None,
        },
        id="NCT00848497-labs-4",
    ),
    pytest.param(
        "* PSA=0 ng/ml 6 months after radical prostatectomy.",
        "labs",
        {
            "analyte": "psa",
            "comparator": "=",
            "value": 0.0,
            "unit": "ng/mL",
            "canonical_value": None,
            "uln_multiple": None,
        },
        id="NCT01089387-labs-5",
    ),
    pytest.param(
        "* Blood urea nitrogen/urea nitrogen (UREA/BUN) and creatinine (Cr) ≤ 1.5 × ULN",
        "labs",
        {
            "analyte": "bun",
            "comparator": "<=",
            "value": 1.5,
            "unit": "ULN",
            "canonical_value": None,
            "uln_multiple": 1.5,
        },
        id="NCT06029816-labs-6",
    ),
    pytest.param(
        "* Hemoglobin A1c\\>8.2",
        "labs",
        {
            "analyte": "hba1c",
            "comparator": ">",
            "value": 8.2,
            "unit": None,
            "canonical_value": None,
            "uln_multiple": None,
        },
        id="NCT03119584-labs-7",
    ),
    pytest.param(
        "* Renal insufficient with a serum creatinine level \\> 200 μmol/L",
        "labs",
        {
            "analyte": "creatinine",
            "comparator": ">",
            "value": 200.0,
            "unit": "umol/L",
            "canonical_value": 200.0,
            "uln_multiple": None,
        },
        id="NCT01213277-labs-8",
    ),
    pytest.param(
        "* Absolute neutrophil count ≥1.5 x 109/L;",
        "labs",
        {
            "analyte": "anc",
            "comparator": ">=",
            "value": 1.5,
            "unit": "10^9/L",
            "canonical_value": 1.5,
            "uln_multiple": None,
        },
        id="NCT02856893-labs-9",
    ),
    pytest.param(
        "14. Clinically significant kidney disease (eGFR \\< 60 ml/min / 1.73 m² or to creatinine \\> 1.5 x ULN)",
        "labs",
        {
            "analyte": "egfr",
            "comparator": "<",
            "value": 60.0,
            "unit": "mL/min/1.73m2",
            "canonical_value": 60.0,
            "uln_multiple": None,
        },
        id="NCT04066023-labs-10",
    ),
    pytest.param(
        "* Hemoglobin level greater than 18 ng/dl.",
        "labs",
        {
            "analyte": "hemoglobin",
            "comparator": ">",
            "value": 18.0,
            "unit": "ng/dL",
            "canonical_value": 1.8e-07,
            "uln_multiple": None,
        },
        id="NCT00848497-labs-11",
    ),
    pytest.param(
        "2. ANC \\< 1,500/μL,",
        "labs",
        {
            "analyte": "anc",
            "comparator": "<",
            "value": 1500.0,
            "unit": "/uL",
            "canonical_value": 1.5,
            "uln_multiple": None,
        },
        id="NCT03102398-labs-12",
    ),
    pytest.param(
        "* Serum creatinine less than 1.5 times the upper normal limit and Creatinine Clearance \\>60 ml/min",
        "labs",
        {
            "analyte": "creatinine",
            "comparator": "<",
            "value": 1.5,
            "unit": "ULN",
            "canonical_value": None,
            "uln_multiple": 1.5,
        },
        id="NCT02179567-labs-13",
    ),
    pytest.param(
        "* Uncontrolled diabetic mellitus(HbA1c \\> 12%).",
        "labs",
        {
            "analyte": "hba1c",
            "comparator": ">",
            "value": 12.0,
            "unit": "%",
            "canonical_value": 12.0,
            "uln_multiple": None,
        },
        id="NCT00705861-labs-14",
    ),
    pytest.param(
        "* Endocrine disease including hypogonadism (total testosterone \\<12 nmol/l)",
        "labs",
        {
            "analyte": "testosterone",
            "comparator": "<",
            "value": 12.0,
            "unit": "nmol/L",
            "canonical_value": 12.0,
            "uln_multiple": None,
        },
        id="NCT03006536-labs-15",
    ),
    pytest.param(
        "* Abnormal cardiac function: LVEF \\< 50% (assessed by MUGA or ECHO)",
        "labs",
        {
            "analyte": "lvef",
            "comparator": "<",
            "value": 50.0,
            "unit": "%",
            "canonical_value": 50.0,
            "uln_multiple": None,
        },
        id="NCT02856893-labs-16",
    ),
    pytest.param(
        "* History of PSA \\> 10",
        "labs",
        {
            "analyte": "psa",
            "comparator": ">",
            "value": 10.0,
            "unit": None,
            "canonical_value": None,
            "uln_multiple": None,
        },
        id="NCT00893113-labs-17",
    ),
    pytest.param(
        "* Hypogonadism (total testosterone \\<300 ng / dl)",
        "labs",
        {
            "analyte": "testosterone",
            "comparator": "<",
            "value": 300.0,
            "unit": "ng/dL",
            "canonical_value": 10.401498,
            "uln_multiple": None,
        },
        id="NCT02284659-labs-18",
    ),
    pytest.param(
        "5. Cardiac ejection fraction (LVEF) lower than 50% or lower than the study The lower limit of the central laboratory test value range;",
        "labs",
        {
            "analyte": "lvef",
            "comparator": "<",
            "value": 50.0,
            "unit": "%",
            "canonical_value": 50.0,
            "uln_multiple": None,
        },
        id="NCT05739630-labs-19",
    ),
    pytest.param(
        "* Normal testosterone (including men on testosterone replacement), defined as testosterone \\> 150 ng/dl at the time of screening",
        "labs",
        {
            "analyte": "testosterone",
            "comparator": ">",
            "value": 150.0,
            "unit": "ng/dL",
            "canonical_value": 5.200749,
            "uln_multiple": None,
        },
        id="NCT03830164-labs-20",
    ),
    pytest.param(
        "* Stage 4 or 5 chronic kidney disease, Creatinine clearance rate \\< 30ml/min",
        "labs",
        {
            "analyte": "creatinine_clearance",
            "comparator": "<",
            "value": 30.0,
            "unit": "mL/min",
            "canonical_value": 30.0,
            "uln_multiple": None,
        },
        id="NCT02916693-labs-21",
    ),
    pytest.param(
        "* Aspartate aminotransferase (AST) and alanine aminotransferase (ALT) ≤ 2.5 × ULN; ≤ 5 × ULN in the presence of liver metastases",
        "labs",
        {
            "analyte": "ast",
            "comparator": "<=",
            "value": 2.5,
            "unit": "ULN",
            "canonical_value": None,
            "uln_multiple": 2.5,
        },
        id="NCT06029816-labs-22",
    ),
    pytest.param(
        "* Otherwise healthy male subjects age 45 years or older with or without erectile dysfunction.",
        "age_bounds",
        {"comparator": ">=", "value": 45.0, "unit": "years"},
        id="NCT01254396-age_bounds-23",
    ),
    pytest.param(
        "3. males age 20-65 years;",
        "age_bounds",
        {"comparator": ">=", "value": 20.0, "unit": "years"},
        id="NCT02579148-age_bounds-24",
    ),
    pytest.param(
        "* Age \\> 18 years old",
        "age_bounds",
        {"comparator": ">", "value": 18.0, "unit": "years"},
        id="NCT00587379-age_bounds-25",
    ),
    pytest.param(
        "* ECOG performance status of 0 or 1(age ≥ 16 years) or Lansky (age \\< 16 years) performance status ≥ 50;",
        "age_bounds",
        {"comparator": ">=", "value": 16.0, "unit": "years"},
        id="NCT05309213-age_bounds-26",
    ),
    pytest.param(
        "* ages 20 to 50",
        "age_bounds",
        {"comparator": ">=", "value": 20.0, "unit": "years"},
        id="NCT00489450-age_bounds-27",
    ),
    pytest.param(
        "* Age 25 to 75 years old.",
        "age_bounds",
        {"comparator": ">=", "value": 25.0, "unit": "years"},
        id="NCT02496845-age_bounds-28",
    ),
    pytest.param(
        "* ages 19 to 50",
        "age_bounds",
        {"comparator": ">=", "value": 19.0, "unit": "years"},
        id="NCT00443625-age_bounds-29",
    ),
    pytest.param(
        "2. 18 years of age or older",
        "age_bounds",
        {"comparator": ">=", "value": 18.0, "unit": "years"},
        id="NCT07113470-age_bounds-30",
    ),
    pytest.param(
        "1. Male or female and aged between 18 and 60 years in good general health apart from suffering from headaches (test group).",
        "age_bounds",
        {"comparator": ">=", "value": 18.0, "unit": "years"},
        id="NCT01395264-age_bounds-31",
    ),
    pytest.param(
        "* Patients older than or equal to 18 years and less than 70 years;",
        "age_bounds",
        {"comparator": ">=", "value": 18.0, "unit": "years"},
        id="NCT03377257-age_bounds-32",
    ),
    pytest.param(
        "* Age ≥ 18 years at time of signing Informed Consent Form",
        "age_bounds",
        {"comparator": ">=", "value": 18.0, "unit": "years"},
        id="NCT05466149-age_bounds-33",
    ),
    pytest.param(
        "* aged 17-70 years",
        "age_bounds",
        {"comparator": ">=", "value": 17.0, "unit": "years"},
        id="NCT01479426-age_bounds-34",
    ),
    pytest.param(
        "1. Male or female ≥18 years old and \\<80 years old.",
        "age_bounds",
        {"comparator": ">=", "value": 18.0, "unit": "years"},
        id="NCT06672068-age_bounds-35",
    ),
    pytest.param(
        "* Adult males aged 19 to 55 years at screening.",
        "age_bounds",
        {"comparator": ">=", "value": 19.0, "unit": "years"},
        id="NCT01241032-age_bounds-36",
    ),
    pytest.param(
        "* No androgen deprivation therapy within the past 12 months",
        "windows",
        {"comparator": "<=", "value": 12.0, "unit": "months", "days": 365.25},
        id="NCT03830164-windows-37",
    ),
    pytest.param(
        "3. Documented Primary Chronic Cluster Headache, for at least 1 year as per ICHD-3 criteria",
        "windows",
        {"comparator": ">=", "value": 1.0, "unit": "years", "days": 365.25},
        id="NCT07113470-windows-38",
    ),
    pytest.param(
        "* Has participated in an investigational drug trial in the 30 days prior to the screening visit",
        "windows",
        {"comparator": "<=", "value": 30.0, "unit": "days", "days": 30.0},
        id="NCT02209155-windows-39",
    ),
    pytest.param(
        "* ED of more than 6 months",
        "windows",
        {"comparator": ">", "value": 6.0, "unit": "months", "days": 182.625},
        id="NCT01317693-windows-40",
    ),
    pytest.param(
        "* Other neoplasms in the last 3 years, with metastases",
        "windows",
        {"comparator": "<=", "value": 3.0, "unit": "years", "days": 1095.75},
        id="NCT02315053-windows-41",
    ),
    pytest.param(
        "7. Radiation therapy within 4 weeks prior to study;",
        "windows",
        {"comparator": "<=", "value": 4.0, "unit": "weeks", "days": 28.0},
        id="NCT04946890-windows-42",
    ),
    pytest.param(
        "* Patients with other illnesses that reduce their life expectancy to less than one year",
        "windows",
        {"comparator": "<", "value": 1.0, "unit": "years", "days": 365.25},
        id="NCT01262833-windows-43",
    ),
    pytest.param(
        "5. Ongoing or previous anti-tumor therapies within 4 weeks prior to the first dose of study drug;",
        "windows",
        {"comparator": "<=", "value": 4.0, "unit": "weeks", "days": 28.0},
        id="NCT06844474-windows-44",
    ),
    pytest.param(
        "* Score below 25 from IIEF EF domain during 4 weeks of treatment run-in period.",
        "windows",
        {"comparator": "<=", "value": 4.0, "unit": "weeks", "days": 28.0},
        id="NCT00705861-windows-45",
        marks=pytest.mark.xfail(
            strict=True,
            reason="known gap: a duration of run-in ('during 4 weeks of') is not read as a window",
        ),
    ),
    pytest.param(
        "* Stable sexual relationship for \\> 6 month.",
        "windows",
        {"comparator": ">", "value": 6.0, "unit": "months", "days": 182.625},
        id="NCT00682019-windows-46",
    ),
    pytest.param(
        "* untreated hypogonadism (serum total testosterone \\<300 ng/dL within 14 days before enrollment);",
        "windows",
        {"comparator": "<=", "value": 14.0, "unit": "days", "days": 14.0},
        id="NCT02492386-windows-47",
    ),
    pytest.param(
        "2. Patients with other malignant tumors and need standard treatment or major surgery within 2 years after the first dose of study treatment;",
        "windows",
        {"comparator": "<=", "value": 2.0, "unit": "years", "days": 730.5},
        id="NCT06029816-windows-48",
    ),
    pytest.param(
        "5. Any planned surgery within 12 months",
        "windows",
        {"comparator": "<=", "value": 12.0, "unit": "months", "days": 365.25},
        id="NCT06380868-windows-49",
    ),
    pytest.param(
        "* Fertile males agree to use barrier contraception from the time of enrollment through 120 days after the last study drug dose",
        "windows",
        {"comparator": None, "value": 120.0, "unit": "days", "days": 120.0},
        id="NCT05406817-windows-50",
        marks=pytest.mark.xfail(
            strict=True, reason="known gap: 'through 120 days after' is not read as a window"
        ),
    ),
    pytest.param(
        "* Performance status of Eastern Cooperative Oncology Group 0 to 2.",
        "scores",
        {"scale": "ECOG", "comparator": "<=", "value": 2.0},
        id="NCT05463224-scores-51",
    ),
    pytest.param(
        "3. Eastern Cooperative Oncology Group (ECOG) performance status of 0-2;",
        "scores",
        {"scale": "ECOG", "comparator": "<=", "value": 2.0},
        id="NCT04946890-scores-52",
    ),
    pytest.param(
        "6. Have an Eastern Cooperative Oncology Group (ECOG) performance status (PS) of 0 or 1",
        "scores",
        {"scale": "ECOG", "comparator": "<=", "value": 1.0},
        id="NCT05378763-scores-53",
    ),
    pytest.param(
        "2. ECOG performance score of 0-1.",
        "scores",
        {"scale": "ECOG", "comparator": "<=", "value": 1.0},
        id="NCT06844474-scores-54",
    ),
    pytest.param(
        "1. KPS\\<50.",
        "scores",
        {"scale": "Karnofsky", "comparator": "<", "value": 50.0},
        id="NCT04100187-scores-55",
    ),
    pytest.param(
        "* ECOG performance status ≤ 2",
        "scores",
        {"scale": "ECOG", "comparator": "<=", "value": 2.0},
        id="NCT03937544-scores-56",
    ),
    pytest.param(
        "* The ECOG behavior status score is less than 3 points;",
        "scores",
        {"scale": "ECOG", "comparator": "<", "value": 3.0},
        id="NCT03873311-scores-57",
    ),
    pytest.param(
        "* WHO Performance Status 0-2, with no clinically significant deterioration over the previous 2 weeks and a minimum life expectancy of 12 weeks;",
        "scores",
        {"scale": "WHO", "comparator": "<=", "value": 2.0},
        id="NCT02856893-scores-58",
    ),
    pytest.param(
        "* ECOG performance status of 0 or 1(age ≥ 16 years) or Lansky (age \\< 16 years).",
        "scores",
        {"scale": "ECOG", "comparator": "<=", "value": 1.0},
        id="NCT05480501-scores-59",
    ),
    pytest.param(
        "6. ECOG standard score 0-1;",
        "scores",
        {"scale": "ECOG", "comparator": "<=", "value": 1.0},
        id="NCT06029816-scores-60",
    ),
    # hand-made rows: unit spellings and conversions the sample above does not reach
    pytest.param(
        "Serum creatinine ≤ 1.5 mg/dL",
        "labs",
        {
            "analyte": "creatinine",
            "comparator": "<=",
            "value": 1.5,
            "unit": "mg/dL",
            "canonical_value": 132.602546,
            "uln_multiple": None,
        },
        id="handmade-creatinine-mg-dl",
    ),
    pytest.param(
        "Total bilirubin \\> 2 mg/dl",
        "labs",
        {
            "analyte": "bilirubin",
            "comparator": ">",
            "value": 2.0,
            "unit": "mg/dL",
            "canonical_value": 34.207916,
            "uln_multiple": None,
        },
        id="handmade-bilirubin-mg-dl",
    ),
    pytest.param(
        "fasting plasma glucose >= 126 mg/dL",
        "labs",
        {
            "analyte": "glucose",
            "comparator": ">=",
            "value": 126.0,
            "unit": "mg/dL",
            "canonical_value": 6.993783,
            "uln_multiple": None,
        },
        id="handmade-glucose-mg-dl",
    ),
    pytest.param(
        "Platelets ≥ 100,000/mm3",
        "labs",
        {
            "analyte": "platelets",
            "comparator": ">=",
            "value": 100000.0,
            "unit": "/mm3",
            "canonical_value": 100.0,
            "uln_multiple": None,
        },
        id="handmade-platelets-mm3",
    ),
    pytest.param(
        "ANC =< 1.0 x10⁹/L",
        "labs",
        {
            "analyte": "anc",
            "comparator": "<=",
            "value": 1.0,
            "unit": "10^9/L",
            "canonical_value": 1.0,
            "uln_multiple": None,
        },
        id="handmade-anc-superscript",
    ),
    pytest.param(
        "Hb at least 9 g/dL",
        "labs",
        {
            "analyte": "hemoglobin",
            "comparator": ">=",
            "value": 9.0,
            "unit": "g/dL",
            "canonical_value": 90.0,
            "uln_multiple": None,
        },
        id="handmade-hb-g-dl",
    ),
    pytest.param(
        "ALT \\> 3 x ULN",
        "labs",
        {
            "analyte": "alt",
            "comparator": ">",
            "value": 3.0,
            "unit": "ULN",
            "canonical_value": None,
            "uln_multiple": 3.0,
        },
        id="handmade-alt-uln",
    ),
    pytest.param(
        "Hemoglobin 9 g/dL or higher",
        "labs",
        {
            "analyte": "hemoglobin",
            "comparator": ">=",
            "value": 9.0,
            "unit": "g/dL",
            "canonical_value": 90.0,
            "uln_multiple": None,
        },
        id="handmade-postfix-or-higher",
    ),
    pytest.param(
        "total bilirubin 1.5 x ULN or less",
        "labs",
        {
            "analyte": "bilirubin",
            "comparator": "<=",
            "value": 1.5,
            "unit": "ULN",
            "canonical_value": None,
            "uln_multiple": 1.5,
        },
        id="handmade-postfix-uln-or-less",
    ),
    pytest.param(
        "gestational age < 29 weeks",
        "age_bounds",
        {"comparator": "<", "value": 29.0, "unit": "weeks"},
        id="handmade-gestational-age",
    ),
    pytest.param(
        "children 6 months to 17 years of age",
        "age_bounds",
        {"comparator": ">=", "value": 6.0, "unit": "months"},
        id="handmade-months-to-years",
    ),
    pytest.param(
        "Karnofsky ≥ 70%",
        "scores",
        {"scale": "Karnofsky", "comparator": ">=", "value": 70.0},
        id="handmade-karnofsky",
    ),
]


@cache
def _criteria(nct_id: str) -> str:
    data: Any = json.loads(real("ctgov_v2", f"{nct_id}.json").read_text(encoding="utf-8"))
    return str(data["protocolSection"]["eligibilityModule"]["eligibilityCriteria"])


@pytest.mark.parametrize(("snippet", "kind", "expected"), ROWS)
def test_snippet(snippet: str, kind: str, expected: dict[str, object]) -> None:
    items = getattr(normalise(snippet), kind)
    assert items, f"no {kind} in {snippet!r}"
    first = items[0].model_dump()
    assert {key: first[key] for key in expected} == expected


@real_data
@pytest.mark.parametrize(
    ("nct_id", "snippet"),
    [
        pytest.param(str(row.id).split("-")[0], row.values[0], id=str(row.id))
        for row in ROWS
        if not str(row.id).startswith("handmade")
    ],
)
def test_snippet_is_in_its_record(nct_id: str, snippet: str) -> None:
    assert snippet in _criteria(nct_id)


def test_enough_real_rows() -> None:
    real = [row for row in ROWS if not str(row.id).startswith("handmade")]
    assert len(real) >= 40

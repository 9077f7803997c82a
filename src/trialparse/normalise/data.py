"""Data the normaliser consults: analyte aliases, unit spellings, molar masses, number words.

Each entry says where it was seen (NCT IDs of fixture records, or the seed record).
"""

from __future__ import annotations

# canonical analyte key -> aliases as written in criteria (matched case-insensitively, whole words)
ANALYTES: dict[str, tuple[str, ...]] = {
    # "Platelet count \<30 x 109 / L" (seed NCT06352281); "platelets ≥ 100,000/mm3"
    "platelets": ("platelet count", "platelets", "platelet", "plt"),
    "hemoglobin": ("hemoglobin", "haemoglobin", "hgb", "hb"),
    # "absolute neutrophil count (ANC) ≥ 1.5 x 10^9/L"
    "anc": ("absolute neutrophil count", "anc", "neutrophil count", "neutrophils"),
    "wbc": ("white blood cell count", "white blood cells", "wbc", "leukocytes", "leukocyte count"),
    "creatinine_clearance": ("creatinine clearance", "crcl", "cr cl"),
    "egfr": ("estimated glomerular filtration rate", "egfr", "glomerular filtration rate", "gfr"),
    # "Serum creatinine levels are more than two times higher than ..." (seed)
    # "Serum Cr < 1 ULN" (LCT NCT03868852), "Serum creatinine (Scr) ≤1.5×ULN" (NCT04946890)
    "creatinine": ("serum creatinine", "creatinine", "creat", "serum cr", "scr"),
    # "TBIL≤1.5×ULN" (NCT02652234)
    "bilirubin": ("total bilirubin", "serum bilirubin", "bilirubin", "tbili", "tbil"),
    "alt": ("alanine aminotransferase", "alanine transaminase", "alt", "sgpt"),
    "ast": ("aspartate aminotransferase", "aspartate transaminase", "ast", "sgot"),
    # "serum transaminase levels by more than 3 times the upper limit of normal" (seed); "AST/ALT"
    # names both analytes and gives one threshold each (NCT02579148)
    "transaminases": ("transaminases", "transaminase", "liver enzymes", "aminotransferases"),
    # "Alk-P > 2.5 x ULN" (NCT03102398)
    "alp": ("alkaline phosphatase", "alp", "alk-p", "alk phos"),
    # "gamma-GT > 2.5 x ULN" (NCT03102398)
    "ggt": ("gamma-glutamyl transferase", "gamma-glutamyltransferase", "gamma-gt", "ggt"),
    # "Serum amylase and lipase ≤ 1.5 x ULN" (NCT05071482)
    "amylase": ("serum amylase", "amylase"),
    "lipase": ("serum lipase", "lipase"),
    # "Creatinine kinase < 5 times ULN" (NCT03830164): not creatinine
    "ck": ("creatine kinase", "creatinine kinase", "creatine phosphokinase", "cpk"),
    # "Blood urea nitrogen/urea nitrogen (UREA/BUN)" (NCT06029816)
    "bun": ("blood urea nitrogen", "urea nitrogen", "bun"),
    "albumin": ("serum albumin", "albumin"),
    "inr": ("international normalized ratio", "inr"),
    "aptt": ("activated partial thromboplastin time", "aptt", "ptt"),
    # "Glycosylated hemoglobin (Hb1Ac) > 10 %" (NCT01967251)
    "hba1c": (
        "hemoglobin a1c",
        "haemoglobin a1c",
        "glycated hemoglobin",
        "glycosylated hemoglobin",
        "glycated haemoglobin",
        "hba1c",
        "hb1ac",
        "a1c",
    ),
    "glucose": ("fasting plasma glucose", "fasting glucose", "blood glucose", "glucose"),
    "potassium": ("serum potassium", "potassium"),
    "sodium": ("serum sodium", "sodium"),
    "calcium": ("serum calcium", "calcium"),
    "magnesium": ("magnesium",),
    "ldl": ("ldl cholesterol", "ldl-c", "ldl"),
    # "Serum HDL-C: <50/40 mg/dl", "Serum TG: >150 mg/dl" (LCT); "total cholesterol = 200 mg / dl"
    # and "fasting triglyceride>4.56 mmol/L" (Chia)
    "hdl": ("hdl cholesterol", "hdl-c", "hdl"),
    "cholesterol": ("total cholesterol", "serum cholesterol", "cholesterol"),
    "triglycerides": (
        "serum triglycerides",
        "fasting triglyceride",
        "triglycerides",
        "triglyceride",
        "tg",
    ),
    "psa": ("prostate specific antigen", "psa"),
    # hormones: "TSH less than 0.45 mIU/mL", "FSH levels greater than 10 mIU/mL", "prolactin
    # levels ... greater than 30 ng/mL" (LCT), "basal CD 3 Estradiol = 60 ng/mL" (Chia)
    "tsh": ("thyroid stimulating hormone", "thyroid-stimulating hormone", "tsh"),
    "fsh": ("follicle-stimulating hormone", "follicle stimulating hormone", "fsh"),
    "prolactin": ("prolactin",),
    "estradiol": ("estradiol", "oestradiol"),
    # "Cotinine > 100 ng/ml" (LCT), "Cardiac troponin I ≥ 0.2 ng/mL", "C-peptide level < 1.8
    # ng/mL" (Chia), "serum level <50 nmol/l" of vitamin D (LCT)
    "cotinine": ("cotinine",),
    "troponin": ("cardiac troponin i", "troponin i", "troponin t", "troponin"),
    "c_peptide": ("c-peptide", "c peptide"),
    "vitamin_d": ("25-hydroxyvitamin d", "vitamin d"),
    "phosphate": ("serum phosphate", "plasma phosphate", "phosphate", "phosphorus"),
    "crp": ("c-reactive protein", "hs-crp", "crp"),
    "ferritin": ("serum ferritin", "ferritin"),
    "ldh": ("lactate dehydrogenase", "ldh"),
    "uric_acid": ("serum uric acid", "uric acid"),
    "igg": ("total igg", "igg"),
    "mcv": ("mean corpuscular volume", "mcv"),
    # "HIV-1 plasma RNA less than 50 copies/mL", "CD4 cells/µL" (Chia)
    "hiv_rna": ("hiv-1 plasma rna", "plasma hiv-1 rna", "hiv-1 rna", "hiv rna", "viral load"),
    "cd4": ("cd4+ count", "cd4 count", "cd4"),
    # "Circulating blast count ≤ 200/μL" (LCT)
    "blasts": ("peripheral blast count", "blast count", "blasts"),
    # "total testosterone \<12 nmol/l" (NCT03006536), "testosterone \<300 ng / dl" (NCT02284659)
    "testosterone": ("total testosterone", "serum testosterone", "testosterone"),
    "lvef": ("left ventricular ejection fraction", "lvef", "ejection fraction"),
    "bmi": ("body mass index", "bmi"),
}

# unit as written (lower case, spaces removed) -> normalised spelling
UNITS: dict[str, str] = {
    # "30 x 109 / L" (seed): "10^9" with the caret lost
    "x109/l": "10^9/L",
    "x10^9/l": "10^9/L",
    "x10⁹/l": "10^9/L",
    "×10^9/l": "10^9/L",
    "×109/l": "10^9/L",
    "x10e9/l": "10^9/L",
    "10^9/l": "10^9/L",
    "109/l": "10^9/L",
    "g/l": "g/L",
    "x10^12/l": "10^12/L",
    "/mm3": "/mm3",
    "/mm³": "/mm3",
    "cells/mm3": "/mm3",
    "/µl": "/uL",
    "/μl": "/uL",
    "/ul": "/uL",
    "/mcl": "/uL",
    "cells/µl": "/uL",
    "cells/ul": "/uL",
    "g/dl": "g/dL",
    "gm/dl": "g/dL",
    "mg/dl": "mg/dL",
    "µmol/l": "umol/L",
    "μmol/l": "umol/L",
    "umol/l": "umol/L",
    "mmol/l": "mmol/L",
    "ml/min/1.73m2": "mL/min/1.73m2",
    "ml/min/1.73m^2": "mL/min/1.73m2",
    "ml/min/1.73m²": "mL/min/1.73m2",
    "ml/min": "mL/min",
    "%": "%",
    "u/l": "U/L",
    "iu/l": "U/L",
    "ng/ml": "ng/mL",
    "ng/dl": "ng/dL",
    "pg/ml": "pg/mL",
    "miu/ml": "mIU/mL",
    "µiu/ml": "uIU/mL",
    "μiu/ml": "uIU/mL",
    "uiu/ml": "uIU/mL",
    "copies/ml": "copies/mL",
    "fl": "fL",
    "mg/l": "mg/L",
    "nmol/l": "nmol/L",
    "kg/m2": "kg/m2",
    "kg/m²": "kg/m2",
    "mmol/mol": "mmol/mol",
    "seconds": "s",
}

# normalised unit -> (pint expression, canonical unit): canonical values are SI, cell counts in
# 10^9/L as laboratories report them; mass concentrations of analytes with a molar mass in MOLAR
# go to their molar unit instead
PINT_UNITS: dict[str, tuple[str, str]] = {
    "10^9/L": ("1e9 / liter", "10^9/L"),
    "10^12/L": ("1e12 / liter", "10^12/L"),
    "/mm3": ("1 / millimeter ** 3", "10^9/L"),
    "/uL": ("1 / microliter", "10^9/L"),
    "g/dL": ("gram / deciliter", "g/L"),
    "g/L": ("gram / liter", "g/L"),
    "mg/dL": ("milligram / deciliter", "g/L"),
    "mg/L": ("milligram / liter", "g/L"),
    "umol/L": ("micromole / liter", "umol/L"),
    "mmol/L": ("millimole / liter", "mmol/L"),
    "nmol/L": ("nanomole / liter", "nmol/L"),
    "ng/dL": ("nanogram / deciliter", "g/L"),
    "mL/min": ("milliliter / minute", "mL/min"),
    "mL/min/1.73m2": ("milliliter / minute", "mL/min/1.73m2"),
    "U/L": ("1 / liter", "U/L"),
}
# mass concentrations with no canonical unit of their own (PSA stays in ng/mL), converted only
# for analytes with a molar mass in MOLAR
MASS_ONLY: dict[str, str] = {
    "ng/mL": "nanogram / milliliter",
    "pg/mL": "picogram / milliliter",
}
CANONICAL_PINT: dict[str, str] = {
    "10^9/L": "1e9 / liter",
    "10^12/L": "1e12 / liter",
    "g/L": "gram / liter",
    "umol/L": "micromole / liter",
    "mmol/L": "millimole / liter",
    "nmol/L": "nanomole / liter",
    "pmol/L": "picomole / liter",
    "mL/min": "milliliter / minute",
    "U/L": "1 / liter",
}

# analyte -> (canonical molar unit, molar mass g/mol) for mg/dL -> molar conversions
MOLAR: dict[str, tuple[str, float]] = {
    "creatinine": ("umol/L", 113.12),
    "bilirubin": ("umol/L", 584.66),
    "glucose": ("mmol/L", 180.16),
    "calcium": ("mmol/L", 40.08),
    "magnesium": ("mmol/L", 24.305),
    "testosterone": ("nmol/L", 288.42),
    # lipids as laboratories convert them: cholesterol 386.65 g/mol, triglycerides as triolein
    "cholesterol": ("mmol/L", 386.65),
    "hdl": ("mmol/L", 386.65),
    "ldl": ("mmol/L", 386.65),
    "triglycerides": ("mmol/L", 885.7),
    "uric_acid": ("umol/L", 168.11),
    "phosphate": ("mmol/L", 30.974),  # reported as phosphorus
    "vitamin_d": ("nmol/L", 400.64),  # 25-hydroxyvitamin D3
    "estradiol": ("pmol/L", 272.38),
}

NUMBER_WORDS: dict[str, float] = {
    "one": 1,
    "one and a half": 1.5,
    "two": 2,
    "two and a half": 2.5,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twice": 2,
}

DAYS_PER_UNIT: dict[str, float] = {
    "hour": 1 / 24,
    "day": 1.0,
    "week": 7.0,
    "month": 30.4375,
    "year": 365.25,
}

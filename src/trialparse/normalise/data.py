"""Data the normaliser consults: analyte aliases, unit spellings, molar masses, number words.

Each entry says where it was seen (NCT IDs of fixture records, or the seed record).
"""

from __future__ import annotations


def _ratio_to_creatinine(test: str, abbreviation: str) -> tuple[str, ...]:
    """The names of a test's ratio to creatinine in urine: "urine protein/creatinine ratio",
    "protein:creatinine ratio", "urinary albumin to creatinine ratio", ..., its abbreviation."""
    return (
        *(
            f"{sample}{test}{between}creatinine ratio"
            for sample in ("", "urine ", "urinary ")
            for between in ("/", ":", " to ", " ")
        ),
        abbreviation,
    )


# canonical analyte key -> aliases as written in criteria (matched case-insensitively, whole words)
ANALYTES: dict[str, tuple[str, ...]] = {
    # "Platelet count \<30 x 109 / L" (seed NCT06352281); "platelets ≥ 100,000/mm3"
    "platelets": ("platelet count", "platelets", "platelet", "plt"),
    "hemoglobin": ("hemoglobin", "haemoglobin", "hgb", "hb"),
    # "Hematocrit outside the normal range (35-50%)" (LCT NCT03921983); not "HCT", which in
    # oncology criteria is a transplant ("HCT comorbidity index (HCT-CI) <5", NCT05589896): that
    # is in `GATED_ANALYTES`
    "hematocrit": ("hematocrit", "haematocrit"),
    # "absolute neutrophil count (ANC) ≥ 1.5 x 10^9/L"
    "anc": ("absolute neutrophil count", "anc", "neutrophil count", "neutrophils"),
    # "Absolute granulocyte count > 1,000/mm³" (v2 NCT00716976)
    "granulocytes": ("absolute granulocyte count", "granulocyte count", "granulocytes"),
    # "Hemoglobin < 10 g/l and/or leucocytes < 4000" (the British spelling), "leucocytes ³ 2000
    # elements per mm3" (Chia NCT00720031)
    "wbc": (
        "white blood cell count",
        "white blood cells",
        "white blood count",
        "wbc",
        "leukocytes",
        "leukocyte count",
        "leucocytes",
        "leucocyte count",
        # "white count > 2.0 X103" (XML NCT01909401)
        "white count",
        "white cell count",
    ),
    # "Chronic renal failure (clearance <60 mL/min)" (LCT NCT03868969), "clearance creatinine > 30
    # ml/min" (Chia NCT01491763), "Ccr < 50 mL/min" (Chia NCT01907230)
    "creatinine_clearance": (
        "creatinine clearance",
        "crcl",
        "cr cl",
        "clearance creatinine",
        "clearance",
        "ccr",
        # "Renal failure (Cl Cr < 60 mL /min /1,73m)" (Chia NCT02558504)
        "cl cr",
        "clcr",
    ),
    # "glomerular filtrate rate [within 30 days] less than 30" (LCT NCT03868020) as written
    "egfr": (
        "estimated glomerular filtration rate",
        "egfr",
        "glomerular filtration rate",
        "glomerular filtrate rate",
        # "renal insufficiency with an estimated glomerular filtration ( egf ) ≤ @NUMBER" (Facebook
        # NER test set)
        "estimated glomerular filtration",
        "gfr",
        # "renal failure with DFG < 30 ml/min/1.73m²" (LCT NCT03928002, French)
        "dfg",
        # "Estimated glomerular filteration rate (e-GFR) between 15-60 milliliter per minute" (XML
        # NCT02567188)
        "e-gfr",
    ),
    # "Serum creatinine levels are more than two times higher than ..." (seed)
    # "Serum Cr < 1 ULN" (LCT NCT03868852), "Serum creatinine (Scr) ≤1.5×ULN" (NCT04946890)
    # "Renal function: Cr≤1.2×UNL" (v2 NCT03801200), "creatinine (Cr) ≤1.25 ULN" (v2 NCT04007835)
    # "Creatina > 2 mg/dL" (v2 NCT01180283, Portuguese), "Renal failure (Creatinin>1.5mg/dl)" (v2
    # NCT02691897)
    "creatinine": (
        "serum creatinine",
        "creatinine",
        "creat",
        "serum cr",
        "scr",
        "cr",
        "creatinin",
        "creatina",
        "creatinina",
        # "Creatinen in blood = 3mg/dl" (Chia NCT02175186) as written
        "creatinen",
    ),
    # "TBIL≤1.5×ULN" (NCT02652234)
    # "TSB reported as >6.0 mg/dL" (LCT NCT03927833), "BIL < 1.25 times normal upper limit" (LCT
    # NCT03868852)
    # "Direct bilirubin ≤ 2 x ULN" (NCT05658640), "direct bilirubin <35%" (Chia NCT02201316)
    "direct_bilirubin": ("direct bilirubin", "conjugated bilirubin"),
    "bilirubin": (
        "total bilirubin",
        "serum bilirubin",
        "total serum bilirubin",
        "bilirubin",
        "tbili",
        "tbil",
        "tsb",
        "bil",
        # "Birilubin = 3mg/dl" (Chia NCT02175186) as written
        "birilubin",
    ),
    # the names SGPT and SGOT abbreviate: "serum glutamate pyruvate transaminase (SGPT) < 2.5 x
    # upper limit of normal" (Chia NCT02366819), "AST(glutamic-oxalacetic transaminase) >
    # 2.5×ULN" (Chia NCT02944604)
    "alt": (
        "alanine aminotransferase",
        "alanine transaminase",
        "alt",
        "sgpt",
        # "hepatic dysfunction(GOP,GPT ≥ 3xUNL)" (v2 NCT00903981); not "GOT", an English word
        "gpt",
        # "TGP > 100 U/L" (v2 NCT01180283, Portuguese)
        "tgp",
        "glutamate pyruvate transaminase",
        "glutamic pyruvic transaminase",
        "glutamic-pyruvic transaminase",
    ),
    "ast": (
        "aspartate aminotransferase",
        "aspartate transaminase",
        "ast",
        "sgot",
        "glutamic oxaloacetic transaminase",
        "glutamic-oxaloacetic transaminase",
        "glutamic-oxalacetic transaminase",
        "glutamic oxalacetic transaminase",
        # "TGO > 100 U/L" (v2 NCT01180283, Portuguese)
        "tgo",
    ),
    # "serum transaminase levels by more than 3 times the upper limit of normal" (seed); "AST/ALT"
    # names both analytes and gives one threshold each (NCT02579148)
    "transaminases": (
        "transaminases",
        "transaminase",
        "liver enzymes",
        # "hepatic enzymes >1.5 times the upper limit of normal" (v2 NCT01479426)
        "hepatic enzymes",
        # "Hepatic enzyme levels ≥3 times the upper limit of normal" (XML NCT00739882)
        "hepatic enzyme",
        "liver enzyme",
        "aminotransferases",
        # "aminotransferase levels two times or more above the ... upper limit" (Chia NCT02596555)
        "aminotransferase",
        "liver aminotransferase",
    ),
    # "Alk-P > 2.5 x ULN" (NCT03102398)
    # "AP ≥ 1.67 × ULN" (Chia NCT02609048), "phosphatases alcalines" (Chia NCT00720031)
    "alp": (
        "alkaline phosphatase",
        "alkaline phosphatases",
        "alp",
        "alk-p",
        "alk phos",
        "ap",
        "phosphatases alcalines",
        # "Alkalin phosphatases ≤ 5 x ULN" (v2 NCT03955198) as written
        "alkalin phosphatase",
        "alkalin phosphatases",
    ),
    # "LFTs > 3Xnormal" (Chia NCT02231892), "LFT 3X upper limit of normal" (Chia NCT02968602)
    "liver_function_tests": ("liver function tests", "liver function test", "lfts", "lft"),
    # "gamma-GT > 2.5 x ULN" (NCT03102398)
    # "total bilirubin, AST, ALT, alfa-GT and alkaline phosphatase less than 3 times the upper
    # limit of normal" (Chia NCT01491763)
    "ggt": (
        "gamma-glutamyl transferase",
        "gamma-glutamyltransferase",
        "gamma-gt",
        "ggt",
        "alfa-gt",
        "gamma gt",
        # "Change in gamma-glutamyl transpeptidase" (NCT06060392)
        "gamma-glutamyl transpeptidase",
        "gamma glutamyl transpeptidase",
        "γ-gt",
        "γgt",
    ),
    # "Serum amylase and lipase ≤ 1.5 x ULN" (NCT05071482)
    "amylase": ("serum amylase", "amylase"),
    "lipase": ("serum lipase", "lipase"),
    # "Creatinine kinase < 5 times ULN" (NCT03830164): not creatinine
    # "CK enzymes positive (≥ 2x the normal upper limit)" (Chia NCT00235170)
    "ck": ("creatine kinase", "creatinine kinase", "creatine phosphokinase", "cpk", "ck"),
    # "enzymes (CKMB) more than 2x upper limit of normal" (XML NCT02015832)
    "ck_mb": ("ck-mb", "ckmb", "ck mb"),
    # "Blood urea nitrogen/urea nitrogen (UREA/BUN)" (NCT06029816)
    "bun": ("blood urea nitrogen", "urea nitrogen", "bun"),
    "albumin": ("serum albumin", "albumin"),
    # "the international standardized ratio of prothrombin time and partial thromboplastin time ≤
    # 1.5 times the upper limit of normal" (NCT04946890)
    "inr": (
        "international normalized ratio",
        "international normalised ratio",
        "international standardized ratio",
        "inr",
        # "PT-INR > 1.5" (hand-made)
        "pt-inr",
    ),
    # "activated partial coagulation time (APCT) ≤1.5" (v2 NCT06332300) as translated
    "aptt": (
        "activated partial thromboplastin time",
        "partial thromboplastin time",
        "activated partial coagulation time",
        "aptt",
        "apct",
        "ptt",
    ),
    # "Glycosylated hemoglobin (Hb1Ac) > 10 %" (NCT01967251), "HA1C > 6.5" (v2 NCT01190904)
    "hba1c": (
        "ha1c",
        "hemoglobin a1c",
        "haemoglobin a1c",
        "glycated hemoglobin",
        "glycosylated hemoglobin",
        "glycated haemoglobin",
        "hba1c",
        "hb1ac",
        "a1c",
        # "Hb A1c 7.0-10.0%" (Chia NCT02624908)
        "hb a1c",
        "hemoglobin a1c",
        # "a HbAlc > 8.5%" (v2 NCT05208814), the "1" written as a letter "l"
        "hbalc",
        # "HgbA1C level ≤ 7.5%" (v2 NCT03067987), "Hgb A1C greater than 8%" (v2 NCT05371951),
        # "HgA1c >8%" (v2 NCT06053242)
        "hgba1c",
        "hgb a1c",
        "hga1c",
    ),
    # "Fasting blood glucose ≥ 6,1 mmol/ l" (LCT NCT03866421), "(FPG) =126 mg/dL" (Chia
    # NCT03338296)
    "glucose": (
        "fasting plasma glucose",
        "fasting blood glucose",
        "fasting glucose",
        "blood glucose",
        "glucose",
        "fpg",
        # "FBG 100 - 125 mg/dL" (v2 NCT05668819)
        "fbg",
        # "Fasting blood sugar ≤ 120 mg/dl" (v2 NCT02794454)
        "fasting blood sugar",
        "blood sugar",
        # the glucose of the tolerance test: "7.8mmol/L (140mg/dl)=OGTT 2-h PG<11.1mmol/L" (Chia
        # NCT03532620)
        "oral glucose tolerance test",
        "ogtt",
    ),
    "potassium": ("serum potassium", "potassium", "kalemia", "kalaemia"),
    # "Natremia > 155 mmol/L" (LCT NCT03929523)
    "sodium": ("serum sodium", "sodium", "natremia", "natraemia"),
    "calcium": ("serum calcium", "calcium"),
    "magnesium": ("magnesium",),
    # "LDL-cholesterol = 150 mg / dl" (Chia NCT02557412), "Low-density lipoprotein cholesterol <190
    # mg/dL" (LCT NCT03925142)
    "ldl": (
        "ldl cholesterol",
        "ldl-cholesterol",
        "low-density lipoprotein cholesterol",
        "low density lipoprotein cholesterol",
        "ldl-c",
        "ldl",
    ),
    # "Serum HDL-C: <50/40 mg/dl", "Serum TG: >150 mg/dl" (LCT); "total cholesterol = 200 mg / dl"
    # and "fasting triglyceride>4.56 mmol/L" (Chia)
    "hdl": (
        "hdl cholesterol",
        "hdl-cholesterol",
        "high-density lipoprotein cholesterol",
        "high density lipoprotein cholesterol",
        "hdl-c",
        "hdl",
    ),
    "cholesterol": ("total cholesterol", "serum cholesterol", "cholesterol"),
    "triglycerides": (
        "serum triglycerides",
        "fasting triglyceride",
        "triglycerides",
        "triglyceride",
        "tg",
    ),
    # "prostate-specific antigen <10 ng/mL" (v2 NCT04728893)
    "psa": ("prostate specific antigen", "prostate-specific antigen", "psa"),
    # "CEA≥10ng/ml" (v2 NCT04007835)
    "cea": ("carcinoembryonic antigen", "cea"),
    # "DHEA-S > 800 mcg/dl" (XML NCT02155933); not "17-OHP": a name that starts with a digit
    # would make the analyte search stop at every number
    "dhea_s": ("dehydroepiandrosterone sulfate", "dhea-s", "dheas"),
    # "high homocysteine levels i.e. > 10.9 µmol/L" (Chia NCT02318446)
    "homocysteine": ("homocysteine",),
    # "1.3nmol/L ≤ Serum total triiodothyronine (TT3) ≤ 3.1nmol/L" (v2 NCT06751901)
    "t3": ("total triiodothyronine", "free triiodothyronine", "triiodothyronine", "ft3"),
    "t4": ("total thyroxine", "free thyroxine", "thyroxine", "free t4", "ft4"),
    # "Adrenocorticotropic hormone (ACTH): 1.1-17.6pmol/L" (v2 NCT06751901)
    "acth": ("adrenocorticotropic hormone", "corticotropin", "acth"),
    # "Urea: 10 - 50mg/dl" (v2 NCT01321489)
    "urea": ("serum urea", "blood urea", "urea"),
    # "free PSA is < 0,25 (25%)" (NCT01967251)
    "free_psa": ("free psa",),
    # hormones: "TSH less than 0.45 mIU/mL", "FSH levels greater than 10 mIU/mL", "prolactin
    # levels ... greater than 30 ng/mL" (LCT), "basal CD 3 Estradiol = 60 ng/mL" (Chia)
    # "s-TSH below upper normal limit" (LCT NCT03926585)
    "tsh": ("thyroid stimulating hormone", "thyroid-stimulating hormone", "tsh", "s-tsh"),
    "fsh": ("follicle-stimulating hormone", "follicle stimulating hormone", "fsh"),
    # "estradiol, luteinizing hormone (LH), follicle stimulating hormone (FSH)" (NCT00244023)
    "lh": ("luteinizing hormone", "lh"),
    # "hCG > 5000 mIU/mL" (Chia NCT02152696_exc)
    "hcg": ("beta-hcg", "b-hcg", "hcg"),
    # "AMH = 1,5 ng/mL" (Chia NCT02607319)
    "amh": ("anti-mullerian hormone", "anti-müllerian hormone", "amh"),
    "prolactin": ("prolactin",),
    "estradiol": ("estradiol", "oestradiol"),
    # "Cotinine > 100 ng/ml" (LCT), "Cardiac troponin I ≥ 0.2 ng/mL", "C-peptide level < 1.8
    # ng/mL" (Chia), "serum level <50 nmol/l" of vitamin D (LCT)
    # "Continine > 100 ng/ml" (LCT NCT03863509) as written
    "cotinine": ("cotinine", "continine"),
    "troponin": ("cardiac troponin i", "troponin i", "troponin t", "troponin"),
    "c_peptide": ("c-peptide", "c peptide"),
    # "serum 25(OH)D; serum creatinine" (Chia NCT02186600), "25-hydroxyvitamin D levels >75
    # nmol/L" (v2 NCT04570475)
    "vitamin_d": (
        "25-hydroxyvitamin d",
        "25-hydroxy vitamin d",
        "25-oh vitamin d",
        "25(oh) vitamin d",
        "25(oh)d",
        "25-oh-d",
        "vitamin d",
    ),
    "phosphate": ("serum phosphate", "plasma phosphate", "phosphate", "phosphorus"),
    "crp": ("c-reactive protein", "hs-crp", "crp"),
    "ferritin": ("serum ferritin", "ferritin"),
    "ldh": ("lactate dehydrogenase", "ldh"),
    # "Hyperuricemic (UA >= 5.5 mg/dL)" (LCT NCT03865407)
    "uric_acid": ("serum uric acid", "uric acid", "urate", "ua"),
    # "Transferrin saturation (TSAT) ≥20%" (LCT NCT03861637)
    "transferrin_saturation": ("transferrin saturation", "tsat"),
    # "NT-proBNP levels >600 pg/ml" (Chia NCT02596555)
    "nt_probnp": ("nt-probnp", "nt-pro-bnp", "nt-pro bnp", "ntprobnp"),
    "bnp": ("brain natriuretic peptide", "b-type natriuretic peptide", "bnp"),
    # "Serum erythropoietin <500 milliunits/milliliter" (Chia NCT02145026)
    "erythropoietin": ("serum erythropoietin", "erythropoietin", "epo"),
    "afp": ("alpha-fetoprotein", "alpha fetoprotein", "afp"),
    "fibrinogen": ("fibrinogen",),
    "lactate": ("serum lactate", "blood lactate", "lactate", "lactic acid"),
    "bicarbonate": ("serum bicarbonate", "bicarbonate", "hco3"),
    "d_dimer": ("d-dimer", "d dimer"),
    # "D-dimer > 1 mcg/L Neutrophil-Lymphocyte Ratio > 4", "IL6 ≥ 500 ng/l" (Facebook sample
    # NCT04343989 and NCT04344080)
    "nlr": ("neutrophil-lymphocyte ratio", "neutrophil to lymphocyte ratio", "nlr"),
    "il6": ("interleukin-6", "interleukin 6", "il-6", "il6"),
    "procalcitonin": ("procalcitonin", "pct"),
    "ammonia": ("ammonia",),
    "ige": ("total ige", "ige"),
    "igm": ("igm",),
    # myeloma markers: "Serum monoclonal protein ≥ 0.5 g/dL", "Serum immunoglobulin free light chain
    # ≥10 mg/dL" (page clinicaltrialexchange NCT01897714), "myeloma paraprotein in serum (>/=0.5
    # g/dL)" (XML NCT00179647)
    "m_protein": (
        "serum monoclonal protein",
        "monoclonal protein",
        "serum m-protein",
        "m-protein",
        "paraprotein",
    ),
    "free_light_chain": (
        "serum immunoglobulin free light chain",
        "serum free light chain",
        "involved free light chain",
        "free light chain",
    ),
    # "kappa to lambda free light chain ratio", a ratio of two chains, not a level (hand-made)
    "flc_ratio": ("free light chain ratio", "flc ratio"),
    # "Erythrocyte Sedimentation Rate (ESR) >=3.2" (Chia NCT02541955)
    "esr": ("erythrocyte sedimentation rate", "esr"),
    # "HBV-DNA＞126 copies/ml" (Chia NCT02321202), "HCV RNA viral load of ≥ 10*5* IU/mL" (Chia)
    # "HCV RNA viral load of ≥ 10*5* IU/mL" (Chia NCT01051414): the virus names whose load it is,
    # so "viral load" alone (an HIV alias below) does not take the value
    # "hepatitis B virus (HBV) DNA ≥ 500 IU/mL" (v2 NCT04007835): the abbreviation before "DNA"
    "hbv_dna": (
        "hbv-dna",
        "hbv dna",
        # "blood HBVDNA≥10^5 copies/mL" (page clinicaltrialexchange NCT01300234)
        "hbvdna",
        "hbv dna viral load",
        "hbv viral load",
        "hepatitis b virus dna",
        "hepatitis b virus (hbv) dna",
        "hepatitis b virus (hbv)-dna",
    ),
    "hcv_rna": (
        "hcv-rna",
        "hcv rna",
        "hcv rna viral load",
        "hcv-rna viral load",
        "hcv viral load",
        "hepatitis c virus rna",
        "hepatitis c virus (hcv) rna",
        "hepatitis c virus (hcv)-rna",
    ),
    # "CMV-DNA = 1000cp/ml" (Chia NCT03004261)
    "cmv_dna": ("cmv-dna", "cmv dna", "cmv dna viral load", "cmv viral load"),
    # "Serum intact parathyroid hormone =600 pg/mL" (Chia NCT03236246)
    "pth": ("intact parathyroid hormone", "parathyroid hormone", "ipth", "pth"),
    # "AAT serum level ≤ 11 micromole" (Chia NCT01217671)
    "alpha1_antitrypsin": (
        "alpha-1 antitrypsin",
        "alpha1-antitrypsin",
        "alpha-1-antitrypsin",
        "aat",
    ),
    # "Urinary protein > 1 on dipstick" (Chia NCT01891513), "proteinuria (urinary protein > 3.5
    # gm/day)" (Chia NCT02046395), "Urine protein > 1+" (Chia NCT02231892)
    "urine_protein": ("urinary protein", "urine protein", "proteinuria"),
    # a ratio of two tests is one value, not a bound on each: "urine protein/creatinine ratio > 1
    # g/g", "urine albumin-to-creatinine ratio (UACR) ≥ 30 mg/g" (hand-made)
    "upcr": _ratio_to_creatinine("protein", "upcr"),
    "uacr": _ratio_to_creatinine("albumin", "uacr"),
    # "Serum Endotoxin >25 EU/ml" (LCT NCT03860584)
    "endotoxin": ("serum endotoxin", "endotoxin"),
    # "liver stiffness ≥15 kPa" (LCT NCT03863730), typed a lab value by LCT
    "liver_stiffness": ("liver stiffness",),
    # exhaled, in parts per million: ">/= 5 ppm carbon monoxide (CO)" (LCT NCT03863509), typed a
    # lab value by LCT
    "carbon_monoxide": ("exhaled carbon monoxide", "carbon monoxide"),
    # "Prothrombin time activity < 40%" (LCT NCT03920618)
    # "Thromboplastin time < 50%" (v2 NCT03300089), the Quick value of German protocols; "partial
    # thromboplastin time" is the aPTT
    "prothrombin_time": (
        "prothrombin time activity",
        "prothrombin time",
        "prothrombin activity",
        "thromboplastin time",
    ),
    # "saliva pH˂5.8" (LCT NCT03927794), "vaginal pH ≤ 4" (LCT NCT03928431)
    "ph": ("ph",),
    "igg": ("total igg", "igg"),
    "mcv": ("mean corpuscular volume", "mcv"),
    # "HIV-1 plasma RNA less than 50 copies/mL", "CD4 cells/µL" (Chia)
    "hiv_rna": (
        "hiv-1 plasma rna",
        "plasma hiv-1 rna",
        "hiv-1 rna",
        "hiv rna",
        "hiv viral load",
        "hiv-1 viral load",
        "hiv rna viral load",
        "viral load",
    ),
    # "CD4+ lymphocyte count" (hand-made): the count of CD4 cells, not of all lymphocytes
    "cd4": (
        "cd4+ lymphocyte count",
        "cd4 lymphocyte count",
        "cd4+ lymphocytes",
        "cd4 lymphocytes",
        "cd4+ count",
        "cd4 count",
        "cd4",
    ),
    # "lymphocyte count < 0.5 x 10^9/L" (hand-made), a lab test of both corpora's annotation
    "lymphocytes": (
        "absolute lymphocyte count",
        "lymphocyte count",
        "lymphocytes",
        "lymphocyte",
    ),
    # "Circulating blast count ≤ 200/μL" (LCT)
    # "with >5% bone marrow blast by morphology" (v2 NCT05870995)
    "blasts": (
        "peripheral blast count",
        "blast count",
        "bone marrow blasts",
        "bone marrow blast",
        "blasts",
    ),
    # "total testosterone \<12 nmol/l" (NCT03006536), "testosterone \<300 ng / dl" (NCT02284659)
    "testosterone": ("total testosterone", "serum testosterone", "testosterone"),
    # spirometry, which LCT types as a lab test: "FEV1 ≤ 50%" (LCT NCT03865875), "FEV1 > 0.8 L" (LCT
    # NCT03924843), "FEV1 ≥ 70% of the predicted value" (LCT NCT03928561)
    "fev1": (
        "forced expiratory volume in 1 second",
        "forced expiratory volume in one second",
        "fev1",
        "fev 1",
    ),
    "lvef": ("left ventricular ejection fraction", "lvef", "ejection fraction"),
    "bmi": ("body mass index", "bmi"),
}

# units written in words, read part by part into their symbols before `UNITS` is looked up:
# a prefix and a base ("nanograms per deciliter" → "ng/dl", "milli-international units per
# milliliter" → "miu/ml"), "per" as the slash
UNIT_PREFIXES: dict[str, str] = {
    "milli": "m",
    "mili": "m",  # "picograms per mililiter" (Chia NCT02201316)
    "micro": "u",
    "nano": "n",
    "pico": "p",
    "kilo": "k",
    "deci": "d",
}
UNIT_BASES: dict[str, str] = {
    "gram": "g",
    "mole": "mol",
    "liter": "l",
    "litre": "l",
    "unit": "u",
    "international unit": "iu",
    "equivalent": "eq",
    "minute": "min",
    "cubic millimeter": "mm3",
    "cubic millimetre": "mm3",
}
# unit as written (lower case, spaces removed, words read as symbols) -> normalised spelling
UNITS: dict[str, str] = {
    # "30 x 109 / L" (seed): "10^9" with the caret lost
    "x109/l": "10^9/L",
    "x10^9/l": "10^9/L",
    "x10⁹/l": "10^9/L",
    "x10e9/l": "10^9/L",
    # "x 10(9)/L" (hand-made)
    "x10(9)/l": "10^9/L",
    "x10(12)/l": "10^12/L",
    "10^9/l": "10^9/L",
    "109/l": "10^9/L",
    "g/l": "g/L",
    "x10^12/l": "10^12/L",
    # "RBC≥3.0×1012/L" (v2 NCT03801200): "10^12" with the caret lost
    "x1012/l": "10^12/L",
    "/mm3": "/mm3",
    "/mm³": "/mm3",
    "cells/mm3": "/mm3",
    # "greater than or equal to 500/mm^3" (Chia NCT02519777)
    "/mm^3": "/mm3",
    "cells/mm^3": "/mm3",
    "/µl": "/uL",
    "/μl": "/uL",
    "/ul": "/uL",
    "/mcl": "/uL",
    "cells/µl": "/uL",
    # "neutropenia (ANC <500 cells/μL)" (XML NCT00739934), with the Greek mu
    "cells/μl": "/uL",
    "cells/ul": "/uL",
    "g/dl": "g/dL",
    "gm/dl": "g/dL",
    "mg/dl": "mg/dL",
    "µmol/l": "umol/L",
    "μmol/l": "umol/L",
    "umol/l": "umol/L",
    "mmol/l": "mmol/L",
    "ml/min/1.73m2": "mL/min/1.73m2",
    # "ml/min/1,73 m2" (hand-made); "mL/min per 1.73 m2" and "mL/minute/1.73 m2" are composed
    "ml/min/1,73m2": "mL/min/1.73m2",
    "ml/min/1,73m²": "mL/min/1.73m2",
    # cell counts in thousands per microlitre: "x 10^3/uL", "x 103/µL" (hand-made)
    "x10^3/ul": "10^3/uL",
    "x10^3/µl": "10^3/uL",
    "x10^3/μl": "10^3/uL",
    "x10^3/mcl": "10^3/uL",
    "x10³/ul": "10^3/uL",
    "x10³/µl": "10^3/uL",
    "x10³/μl": "10^3/uL",
    "x103/ul": "10^3/uL",
    "x103/µl": "10^3/uL",
    "x103/μl": "10^3/uL",
    "x10^3/mm3": "10^3/uL",
    "x10³/mm³": "10^3/uL",
    "x10³/mm3": "10^3/uL",
    "x103/mm3": "10^3/uL",
    "x10e3/ul": "10^3/uL",
    "x10^3/mm^3": "10^3/uL",
    # "Platelets ≥100K/µL" (hand-made)
    "k/ul": "10^3/uL",
    "k/µl": "10^3/uL",
    "k/μl": "10^3/uL",
    "k/mcl": "10^3/uL",
    # "Giga/L" (hand-made); a capital "G/L" of a cell count is read in the threshold builder
    "giga/l": "10^9/L",
    # "bilirubin > 2 mg%" (hand-made): milligrams per 100 mL
    "mg%": "mg/dL",
    # "ferritin < 100 µg/L", "TSH > 10 mU/L" (hand-made)
    "µg/l": "ug/L",
    "μg/l": "ug/L",
    "ug/l": "ug/L",
    "mcg/l": "ug/L",
    "µg/ml": "ug/mL",
    "μg/ml": "ug/mL",
    "ug/ml": "ug/mL",
    "mcg/ml": "ug/mL",
    "µg/dl": "ug/dL",
    "μg/dl": "ug/dL",
    "ug/dl": "ug/dL",
    "mcg/dl": "ug/dL",
    "mu/l": "mU/L",
    "miu/l": "mIU/L",
    "ml/min/1.73m^2": "mL/min/1.73m2",
    "ml/min/1.73m²": "mL/min/1.73m2",
    "ml/min": "mL/min",
    "%": "%",
    "％": "%",
    # "HCT < 0.30 L/L" (hand-made): a volume fraction
    "l/l": "L/L",
    # "(LVEF) less than or equal to (=<) 40 percent (%)" (Chia NCT03026088)
    "percent": "%",
    "u/l": "U/L",
    "iu/l": "U/L",
    "ng/ml": "ng/mL",
    "ng/dl": "ng/dL",
    # "IL6 ≥ 500 ng/l" (Facebook sample NCT04344080)
    "ng/l": "ng/L",
    "pg/ml": "pg/mL",
    "miu/ml": "mIU/mL",
    # "basal insulin ≥ 20 uU/ml" (LCT NCT03920787): micro-units, as µIU/mL
    "uu/ml": "uIU/mL",
    "µu/ml": "uIU/mL",
    "μu/ml": "uIU/mL",
    "µiu/ml": "uIU/mL",
    "μiu/ml": "uIU/mL",
    "uiu/ml": "uIU/mL",
    "copies/ml": "copies/mL",
    "fl": "fL",
    "mg/l": "mg/L",
    "mg/ml": "mg/mL",
    # the ratios to creatinine: "UPCR ≥ 0.5 g/g", "UACR ≥ 30 mg/g", "≥ 3 mg/mmol" (hand-made)
    "g/g": "g/g",
    "mg/g": "mg/g",
    "mg/mmol": "mg/mmol",
    "nmol/l": "nmol/L",
    "kg/m2": "kg/m2",
    "kg/m²": "kg/m2",
    # "body mass index (BMI) above 30 kg/m^2" (v2 NCT04573296)
    "kg/m^2": "kg/m2",
    "mmol/mol": "mmol/mol",
    "seconds": "s",
    # "Serum Endotoxin >25 EU/ml", "liver stiffness ≥15 kPa" (LCT), "proteinuria (urinary protein >
    # 3.5 gm/day)" (Chia NCT02046395), "potassium > 5.1 mEq/L" (Chia NCT00461136), "eGFR at least 60
    # ml/mn" (Chia NCT02624908), "glomerular filtration rate <45 Milliliter per minute", "Hb < 100
    # gram per litre" (LCT NCT03026088), "≥ 10*5* IU/mL" (Chia NCT01051414)
    "iu/ml": "IU/mL",
    "mm": "mmol/L",
    "u/ml": "U/mL",
    "eu/ml": "EU/mL",
    "kpa": "kPa",
    "ppm": "ppm",
    "g/day": "g/day",
    "gm/day": "g/day",
    "mg/day": "mg/day",
    "meq/l": "mEq/L",
    "ml/mn": "mL/min",
    "cc/min": "mL/min",
    "micromol/l": "umol/L",
    "mu/ml": "mU/mL",
    "/microl": "/uL",
    # "specific IgE anti Fel d 1 ≥ 0.7 kU/L" (LCT NCT03928561)
    "ku/l": "kU/L",
    "/mmc": "/mm3",
    # "<50 CD3+ T cells/cumm" (XML NCT01220531): a cubic millimetre as "cumm"
    "/cumm": "/mm3",
    "cells/cumm": "/mm3",
    # "Erythrocyte sedimentation rate ≤15mm/h (men) or 20mm/h (women)" (v2 NCT06751901)
    "mm/h": "mm/h",
    "mm/hr": "mm/h",
    "mm/hour": "mm/h",
    # "proteinuria >1 g/24 hours" (v2 NCT00195884)
    "g/24h": "g/24h",
    "g/24hr": "g/24h",
    "g/24hrs": "g/24h",
    "g/24hour": "g/24h",
    "g/24hours": "g/24h",
    "mg/24h": "mg/24h",
    "mg/24hr": "mg/24h",
    "mg/24hrs": "mg/24h",
    "mg/24hour": "mg/24h",
    "mg/24hours": "mg/24h",
    "g/24-hour": "g/24h",
    "mg/24-hour": "mg/24h",
    "mg/100ml": "mg/dL",
    # "Total Testosterone: 241 to 827 ng/100 ml" (v2 NCT01321489)
    "ng/100ml": "ng/dL",
    "gm%": "g/dL",
    # composed from words: "leucocytes ³ 2000 elements per mm3" (Chia NCT00720031), "< 147 picomole
    # per liter" (Chia NCT02201316), a bare "micromole"
    "elements/mm3": "/mm3",
    "pmol/l": "pmol/L",
    "umol": "umol/L",
}

# normalised unit -> (pint expression, canonical unit): canonical values are SI, cell counts in
# 10^9/L as laboratories report them; mass concentrations of analytes with a molar mass in MOLAR
# go to their molar unit instead
PINT_UNITS: dict[str, tuple[str, str]] = {
    "10^9/L": ("1e9 / liter", "10^9/L"),
    "10^12/L": ("1e12 / liter", "10^12/L"),
    "10^3/uL": ("1e3 / microliter", "10^9/L"),
    "/mm3": ("1 / millimeter ** 3", "10^9/L"),
    "/uL": ("1 / microliter", "10^9/L"),
    "g/dL": ("gram / deciliter", "g/L"),
    "g/L": ("gram / liter", "g/L"),
    "mg/dL": ("milligram / deciliter", "g/L"),
    "mg/L": ("milligram / liter", "g/L"),
    "umol/L": ("micromole / liter", "umol/L"),
    "mmol/L": ("millimole / liter", "mmol/L"),
    "nmol/L": ("nanomole / liter", "nmol/L"),
    "pmol/L": ("picomole / liter", "pmol/L"),
    "ng/dL": ("nanogram / deciliter", "g/L"),
    "mL/min": ("milliliter / minute", "mL/min"),
    "mL/min/1.73m2": ("milliliter / minute", "mL/min/1.73m2"),
    "U/L": ("1 / liter", "U/L"),
}
# mass concentrations with no canonical unit of their own (PSA stays in ng/mL), converted only
# for analytes with a molar mass in MOLAR
MASS_ONLY: dict[str, str] = {
    "ng/mL": "nanogram / milliliter",
    "mg/mL": "milligram / milliliter",
    "pg/mL": "picogram / milliliter",
    "ng/L": "nanogram / liter",
    "ug/L": "microgram / liter",
    "ug/mL": "microgram / milliliter",
    "ug/dL": "microgram / deciliter",
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

# abbreviations read as an analyte only in capitals, being words in lower case: "GOT, GPT< 3x
# normal limit" (XML NCT00201331), "GOT and GPT (glutamate-pyruvate transaminase) were three times
# higher than the upper limit" (v2 NCT02477436)
CAPITALS_ONLY: dict[str, str] = {"GOT": "ast"}

# abbreviations that name other things too, read as an analyte only where a bound in one of the
# analyte's own units follows: "Hct ≥ 30%", "HCT < 0.30 L/L" (hand-made) but not "HCT-CI <5" or
# "prior HCT > 100 days" (a transplant); abbreviation -> (analyte, the units the bound may be in)
# a condition named for a lab value is read as it where a bound in that value's units follows:
# "thrombocytopenia <100x10^9 / L" (Chia NCT02979561), "Hyperkalemia >5.0 mmol/L at baseline" (v2
# NCT04340557), not "thrombocytopenia grade > 2"
_CELL_COUNT_UNITS = (
    r"(?:x|×)\s*10\s*\^?\s*(?:9|⁹)\s*/\s*l",
    r"/\s*(?:mm3|mm³|µl|μl|ul|mcl)",
    r"cells\s*/\s*(?:mm3|mm³|µl|μl|ul)",
    r"g/l",
)
_RED_CELL_UNITS = (
    r"(?:x|×)\s*10\s*\^?\s*(?:12|¹²)\s*/\s*l",
    r"(?:x|×)\s*1012\s*/\s*l",
    r"(?:x|×)\s*10\s*\^?\s*6\s*/\s*(?:mm3|mm³|µl|μl|ul|mcl)",
)
# a multiple of the upper limit of normal after the number: "1.5 fold of normal value"
_TIMES_NORMAL = r"(?:x|×|times|-?fold)?\s*(?:of\s+)?(?:the\s+)?(?:uln|unl|upper|normal)"
_HEMOGLOBIN_UNITS = (r"g\s*/\s*dl", r"g\s*/\s*l", r"mmol\s*/\s*l")
_ELECTROLYTE_UNITS = (r"mg\s*/\s*dl", r"mmol\s*/\s*l", r"meq\s*/\s*l")
_LIPID_UNITS = (r"mg\s*/\s*dl", r"mmol\s*/\s*l")
_GLUCOSE_UNITS = (r"mg\s*/\s*dl", r"mmol\s*/\s*l", r"g\s*/\s*l", r"mg\s*%")
# sodium and potassium
_ION_UNITS = (r"mmol\s*/\s*l", r"meq\s*/\s*l")


def _conditions(
    endings: tuple[str, ...], *stems: tuple[str, str, tuple[str, ...]]
) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The names of conditions from their stems, each ending alike: with ("emia", "aemia"),
    ("hyponatr", "sodium", units) names "hyponatremia" and "hyponatraemia"."""
    return {
        stem + ending: (analyte, units) for stem, analyte, units in stems for ending in endings
    }


GATED_ANALYTES: dict[str, tuple[str, tuple[str, ...]]] = {
    "hct": ("hematocrit", (r"%", r"g\s*/\s*dl", r"l\s*/\s*l")),
    # "Hb\>17, Htc\>52%" (v2 NCT01123278)
    "htc": ("hematocrit", (r"%", r"l\s*/\s*l")),
    # "RBC≥3.0×1012/L" (v2 NCT03801200); not "RBC transfusion"
    "rbc": ("rbc", _RED_CELL_UNITS),
    "red blood cell count": ("rbc", _RED_CELL_UNITS),
    # "Quick <50%" (v2 NCT01945554): the prothrombin time as a percentage of normal; "PT>16s" (v2
    # NCT05005468) in seconds, not a tumour stage "pT2"
    "quick": ("prothrombin_time", (r"%",)),
    # "whose FBS is over 1.5 fold of normal value" (v2 NCT05388825): fasting blood sugar, not "TSH,
    # PRL, FBS ... at least 2 embryos" (Chia NCT03619707)
    "fbs": ("glucose", (r"mg\s*/\s*dl", r"mmol\s*/\s*l", r"mg\s*%", _TIMES_NORMAL)),
    "pt": ("prothrombin_time", (r"%", r"s(?:ec(?:onds?)?)?")),
    "thrombopenia": ("platelets", _CELL_COUNT_UNITS),
    # "leucopenia (<4000 cells/mm3)" (Chia NCT01743755), "neutropenia < 1000/mm3" (hand-made)
    **_conditions(
        ("penia", "paenia"),
        ("thrombocyto", "platelets", _CELL_COUNT_UNITS),
        ("leuco", "wbc", _CELL_COUNT_UNITS),
        ("leuko", "wbc", _CELL_COUNT_UNITS),
        ("neutro", "anc", _CELL_COUNT_UNITS),
        ("lympho", "lymphocytes", _CELL_COUNT_UNITS),
    ),
    # "Leukocytosis (>10.000 cells/mm3)" (Chia NCT01743755)
    "leukocytosis": ("wbc", _CELL_COUNT_UNITS),
    "leucocytosis": ("wbc", _CELL_COUNT_UNITS),
    # "basal insulin ≥ 20 uU/ml" (LCT NCT03920787); insulin is a drug too, so only before a bound
    # in its units
    "insulin": ("insulin", (r"(?:µ|μ|u)\s*i?u\s*/\s*ml", r"m\s*i?u\s*/\s*l", r"pmol\s*/\s*l")),
    # "PLT≥80 x 10^9/L, Alb ≥ 2.8g/dL" (classic JSON NCT04780529)
    "alb": ("albumin", (r"g\s*/\s*dl", r"g\s*/\s*l")),
    # conditions named for a lab value in both spellings, each before a bound in that value's
    # units: "Risk of anemia < 7g/DL" (LCT NCT03861182), "Hyperkalemia >5.0 mmol/L at baseline"
    # (v2 NCT04340557), "history of hypercholesterolemia ( > @NUMBER mg / dl ) or
    # hypertriglyceridemia ( > @NUMBER mg / dl )" (Facebook NER test set), "hypotestosteronemia
    # (<8 nmol/L)" (v2 NCT04399057), "Uncontrolled diabetes, hyperglycemia> 1.8g / L" (v2
    # NCT03606070), "hyponatremia < 130 mmol/L" (hand-made)
    **_conditions(
        ("emia", "aemia"),
        ("an", "hemoglobin", _HEMOGLOBIN_UNITS),
        ("hyperkal", "potassium", _ION_UNITS),
        ("hypokal", "potassium", _ION_UNITS),
        ("hypercholesterol", "cholesterol", _LIPID_UNITS),
        ("hypertriglycerid", "triglycerides", _LIPID_UNITS),
        ("hyperglyc", "glucose", _GLUCOSE_UNITS),
        ("hypoglyc", "glucose", _GLUCOSE_UNITS),
        ("hypotestosteron", "testosterone", (r"ng\s*/\s*dl", r"nmol\s*/\s*l", r"ng\s*/\s*ml")),
        ("hyponatr", "sodium", _ION_UNITS),
        ("hypernatr", "sodium", _ION_UNITS),
        ("hypercalc", "calcium", _ELECTROLYTE_UNITS),
        ("hypocalc", "calcium", _ELECTROLYTE_UNITS),
        ("hypomagnes", "magnesium", _ELECTROLYTE_UNITS),
        ("hypermagnes", "magnesium", _ELECTROLYTE_UNITS),
        ("hypophosphat", "phosphate", _ELECTROLYTE_UNITS),
        ("hyperphosphat", "phosphate", _ELECTROLYTE_UNITS),
        ("hyperuric", "uric_acid", (r"mg\s*/\s*dl", r"(?:µ|μ|u)mol\s*/\s*l")),
        ("hyperbilirubin", "bilirubin", (r"mg\s*/\s*dl", r"(?:µ|μ|u)mol\s*/\s*l", _TIMES_NORMAL)),
        ("hypoalbumin", "albumin", (r"g\s*/\s*dl", r"g\s*/\s*l")),
        ("hyperprolactin", "prolactin", (r"ng\s*/\s*ml", r"(?:µ|μ|u|m)iu\s*/\s*l")),
    ),
}

# nouns that make a number after an analyte a count of something else, not a value of it:
# "white blood cell count <3,000 cells/mm3 if persistent (at least 2 abnormal values)" (Chia
# NCT01742117), "at least 2 serial hCG values (over 2-14 days)" (Chia NCT02152696); up to two
# words may stand before the noun
COUNTED_NOUNS: tuple[str, ...] = (
    "values",
    "measurements",
    "readings",
    "determinations",
    "occasions",
    # "glucose elevation on more than 1 occasion of at least 126 mg/dL" (v2 NCT01190904)
    "occasion",
    "samples",
    "tests",
    "episodes",
)

# analytes counted in cells: for them "G/L" is giga per litre, 10^9/L, not grams per litre
# ("Neutrophils ≥ 1.5 G/L, platelets ≥ 100 G/L", as French protocols write them; hand-made)
CELL_COUNTS: frozenset[str] = frozenset(
    {"anc", "blasts", "cd4", "granulocytes", "lymphocytes", "platelets", "rbc", "wbc"}
)

# words that state a multiple, not a count: "> twice the normal range", "> triple the upper limit
# of the normal range" (Chia NCT03026088); windows do not read them ("twice a week")
MULTIPLE_WORDS: dict[str, float] = {"twice": 2, "double": 2, "thrice": 3, "triple": 3}
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
    # "Life expectancy of less than twelve months" (LCT NCT03925454), "for thirty minutes or less"
    # (LCT NCT03929939)
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
    "sixty": 60,
    **MULTIPLE_WORDS,
}

_ONES = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# the numbers 1-99 spelled out as criteria write them ("twenty-four", "twenty four"): read where
# the digits restate them, "seventy-two (72) hours" (v2 NCT03433391)
SPELLED_NUMBERS: dict[str, int] = {word: value for value, word in enumerate(_ONES, 1)}
for _tens, _ten in enumerate(_TENS, 2):
    SPELLED_NUMBERS[_ten] = _tens * 10
    for _value, _one in enumerate(_ONES[:9], 1):
        SPELLED_NUMBERS[f"{_ten}-{_one}"] = SPELLED_NUMBERS[f"{_ten} {_one}"] = _tens * 10 + _value

DAYS_PER_UNIT: dict[str, float] = {
    "second": 1 / 86400,
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1.0,
    "week": 7.0,
    "month": 30.4375,
    "year": 365.25,
}

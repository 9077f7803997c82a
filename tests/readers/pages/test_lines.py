"""Real label/value lines of trial pages, one row each with the site it is from, read through
the whole text pipeline (layout, vocabulary, values, the v2 mapping)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trialparse import Study, parse_record


def _status(study: Study) -> Any:
    return study.status.overall


def _start(study: Study) -> Any:
    return study.status.start_date.iso if study.status.start_date else None


def _completion(study: Study) -> Any:
    return study.status.completion_date.iso if study.status.completion_date else None


def _updated(study: Study) -> Any:
    return study.status.last_updated.iso if study.status.last_updated else None


def _phases(study: Study) -> Any:
    return [str(phase) for phase in study.design.phases]


def _enrollment(study: Study) -> Any:
    return study.design.enrollment.count if study.design.enrollment else None


def _ages(study: Study) -> Any:
    low, high = study.eligibility.minimum_age, study.eligibility.maximum_age
    return (low.in_years if low else None, high.in_years if high else None)


GETTERS = {
    "status": _status,
    "start": _start,
    "completion": _completion,
    "updated": _updated,
    "phases": _phases,
    "enrollment": _enrollment,
    "ages": _ages,
    "sex": lambda s: s.eligibility.sex,
    "healthy": lambda s: s.eligibility.healthy_volunteers,
    "type": lambda s: s.design.study_type,
    "sponsor": lambda s: s.lead_sponsor.name if s.lead_sponsor else None,
    "nct": lambda s: s.nct_id,
    "title": lambda s: s.brief_title,
    "official": lambda s: s.official_title,
    "org": lambda s: s.org_study_id,
    "secondary": lambda s: [x.id for x in s.secondary_ids],
    "conditions": lambda s: s.conditions,
    "registry": lambda s: s.source.registry if s.source else None,
    "interventions": lambda s: [i.name for i in s.interventions],
    "purpose": lambda s: s.design.primary_purpose,
    "inclusion": lambda s: len(s.eligibility.inclusion),
    "exclusion": lambda s: len(s.eligibility.exclusion),
}

# (site, the line(s) as the page writes them, what is read, the value read)
LINES: list[tuple[str, str, str, Any]] = [
    ("anzctr", "Registration number\nACTRN12605000261617", "registry", "anzctr"),
    (
        "anzctr",
        "Date last updated\n2/09/2005\nRegistration number\nACTRN12605000261617",
        "updated",
        "2005-09-02",
    ),
    ("anzctr", "Study type\nInterventional", "type", "INTERVENTIONAL"),
    ("anzctr", "Sex\nBoth males and females", "sex", "ALL"),
    ("anzctr", "Can healthy volunteers participate?\nNo", "healthy", False),
    ("anzctr", "Minimum age\nNot stated", "ages", (None, None)),
    ("anzctr", "Secondary ID [1] 1539 0\nNil", "secondary", []),
    ("chictr", "注册号:\n\nRegistration number:\n\nChiCTR2600119523", "registry", "chictr"),
    ("clincosm", "Sponsor\nGlaxoSmithKline (Industry)", "sponsor", "GlaxoSmithKline"),
    ("clincosm", "Overall Status\nCompleted", "status", "COMPLETED"),
    ("clincosm", "CT.gov ID\nNCT02224456", "nct", "NCT02224456"),
    ("clincosm", "Actual Enrollment :\n197 participants", "enrollment", 197),
    ("clincosm", "Actual Study Start Date :\nMar 25, 2015", "start", "2015-03-25"),
    ("clinicaltrialexchange", "Status:\nActive, not recruiting", "status", "ACTIVE_NOT_RECRUITING"),
    ("clinicaltrialexchange", "Trial end date:\n2007-04-01", "completion", "2007-04-01"),
    ("clinicaltrialexchange", "Phase:\nPhase 1/Phase 2", "phases", ["PHASE1", "PHASE2"]),
    ("clinicaltrialexchange", "Participant gender:\nMale", "sex", "MALE"),
    (
        "clinicaltrialexchange",
        "Accepts Healthy Volunteers?\nAccepts Healthy Volunteers",
        "healthy",
        True,
    ),
    ("clinicaltrialexchange", "Status:\nUnknown status", "status", "UNKNOWN"),
    ("clinicaltrialsgps", "Age Range:60 - 85", "ages", (60.0, 85.0)),
    ("clinicaltrialsgps", "Start Date:May 1, 2018", "start", "2018-05-01"),
    ("clinicaltrials.gov", "Estimated Enrollment : | 200 participants |", "enrollment", 200),
    (
        "clinicaltrials.gov",
        "Study Type : | Interventional (Clinical Trial) |",
        "type",
        "INTERVENTIONAL",
    ),
    ("clinicaltrialsregister", "EudraCT Number:2008-006916-39", "registry", "euctr"),
    ("clinicaltrialsregister", "Trial Status:Completed", "status", "COMPLETED"),
    (
        "clinicaltrialsregister",
        "    Clinical Trials Information System (CTIS).\n\nEudraCT Number:2008-006916-39",
        "title",
        None,
    ),
    ("clinicaltrialsregister", "Trial Status:Ongoing", "status", "Ongoing"),
    (
        "clinicaltrialsregister",
        "Sponsor's Protocol Code Number:IVH06\nEudraCT Number:2008-006916-39",
        "org",
        "IVH06",
    ),
    ("crick", "Study Type\nINTERVENTIONAL", "type", "INTERVENTIONAL"),
    ("crick", "Enrollment\n7", "enrollment", 7),
    (
        "ctri",
        "CTRI Number  CTRI/2020/10/028566 [Registered on: 22/10/2020] Trial Registered "
        "Prospectively",
        "registry",
        "ctri",
    ),
    ("ctri", "Type of Trial  Interventional", "type", "INTERVENTIONAL"),
    ("ctri", "| Type of Trial |\nInterventional |", "type", "INTERVENTIONAL"),
    (
        "ctri",
        "Last Modified On: 19/04/2021\nCTRI Number  CTRI/2020/10/028566",
        "updated",
        "2021-04-19",
    ),
    ("getwellsoon", "Recruitment Status\nWithdrawn", "status", "WITHDRAWN"),
    ("getwellsoon", "Estimated Enrollment\n834", "enrollment", 834),
    ("inclinicaltrials", "NCT number NCT02305849", "nct", "NCT02305849"),
    ("inclinicaltrials", "Status Not yet recruiting", "status", "NOT_YET_RECRUITING"),
    ("inclinicaltrials", "Start date July 25, 2014", "start", "2014-07-25"),
    ("inclinicaltrials", "Other study ID # 015K-CL-RAJ4", "org", "015K-CL-RAJ4"),
    ("isrctn", "ISRCTN ISRCTN63231313", "registry", "isrctn"),
    ("isrctn", "- Recruitment status\n- No longer recruiting", "status", "ACTIVE_NOT_RECRUITING"),
    ("isrctn", "- Overall study status\n- Completed", "status", "COMPLETED"),
    ("isrctn", "| Sex | Female |", "sex", "FEMALE"),
    ("isrctn", "| Target sample size at registration | 200 |", "enrollment", 200),
    ("jrct", "研究の種別 観察研究", "type", "OBSERVATIONAL"),
    ("jrct", "jRCT番号 jRCT1031200297", "registry", "jprn"),
    (
        "mayo",
        "Study type\nObservationalDescribes the nature of a clinical study.",
        "type",
        "OBSERVATIONAL",
    ),
    ("mayo", "Sponsor Protocol Number: 90d0193", "org", "90d0193"),
    ("meddatax", "Recruitment Status\n\nCOMPLETED", "status", "COMPLETED"),
    ("meddatax", "Study Classification\n\nOBSERVATIONAL", "type", "OBSERVATIONAL"),
    ("meddatax", "Total Enrollment\n\n159 participants", "enrollment", 159),
    ("nyu", "  • Age: Between 18 Year(s) - 100 Year(s)", "ages", (18.0, 100.0)),
    ("nyu", "  • Gender: Male or Female", "sex", "ALL"),
    ("patlynk", "Phase 3\nStudy Start: April 1966", "start", "1966-04"),
    ("smartpatients", "Trial identifier NCT01434953, AAAC6382", "secondary", ["AAAC6382"]),
    ("smartpatients", "Trial size 100 participants", "enrollment", 100),
    (
        "smartpatients",
        "Eligibility Criteria\n\nMale or female participants at least 18 years old.\n\n"
        "Inclusion Criteria: - at least 18 years - able to read and write in English Exclusion "
        "Criteria: - diabetes - renal disease - cardiovascular disease\n\nAdditional Information"
        "\n\nOfficial title Diagnostic Labeling: Effect on White Coat Hyperten",
        "exclusion",
        3,
    ),
    (
        "bepartofresearch",
        "You may not be able to take part if:\n1. Mixed non-small cell and small cell tumours2. "
        "Participation in a study of an investigational agent or using an investigational device "
        "within 4 weeks prior to the anticipated start of treatment. 3. Current or previous "
        "malignant disease within 3 years 4. History of interstitial pneumonitis5. Presence of "
        "brain metastases confirmed by CT or MR brain",
        "exclusion",
        5,
    ),
    (
        "ctv.veeva",
        "Volunteers\nInclusion criteria\nMale or female patients between the ages of 18 and 65 "
        "years, inclusive;\nMeets DSM-5 criteria for MDD (MDD with psychotic features will be "
        "acceptable) as confirmed by the Investigator or Sponsor-approved rater using the MINI "
        "and meets all of the following criteria:\nCurrently having an inadequate response to "
        "ADT (less than 50% improvement)\nExclusion criteria\nWithin the patient's lifetime, has "
        "a confirmed DSM-5 psychiatric diagnosis other than MDD, including:\nThe patient has a "
        "first MDE at age 60 years or older.\nPrimary purpose\nAllocation\nInterventional model"
        "\nMasking\n254 participants in 2 patient groups\nLoading...\nData sourced from "
        "clinicaltrials.gov",
        "exclusion",
        2,
    ),
    (
        "ctv.veeva",
        "Inclusion criteria\nMale or female patients between the ages of 18 and 65 years, "
        "inclusive;\nMeets DSM-5 criteria for MDD as confirmed by the Investigator and meets all "
        "of the following criteria:\nCurrently having an inadequate response to ADT\n"
        "Exclusion criteria\nThe patient has a first MDE at age 60 years or older.",
        "inclusion",
        3,
    ),
    (
        "ctv.veeva",
        "Interventional model\nMasking\n254 participants in 2 patient groups\nLoading...",
        "enrollment",
        254,
    ),
    (
        "pfizerclinicaltrials",
        "Condition\nMetastatic Castration Resistant Prostate Cancer (CRPC)\nAge\n18+ years\nSex"
        "\nMale\nEach clinical study has its own guidelines for who can participate, called "
        "eligibility criteria. However, only the research study staff can determine if you "
        "qualify to enroll in the study.\nAdditional eligibility criteria",
        "conditions",
        ["Metastatic Castration Resistant Prostate Cancer (CRPC)"],
    ),
    (
        "pfizerclinicaltrials",
        "Exclusion\n- No evidence of tumor lesions (PSA disease)\n- Have received more than one "
        "line of prior chemotherapy e,g, Taxotere (docetaxel)\nWhat to expect\nIf you decide to "
        "participate, the study team will conduct a screening visit to determine if this study "
        "is a good fit for you.",
        "exclusion",
        2,
    ),
    (
        "chictr",
        "Registration number:\n\nChiCTR2600119523\n\nScientific title:\n\nDeveloping an EEG-Based Predictive Model for Post-Stroke "
        "Cognitive Impairment\n\n研究课题代号(代码):\n\nStudy subject ID:\n\n",
        "official",
        "Developing an EEG-Based Predictive Model for Post-Stroke Cognitive Impairment",
    ),
    ("smartpatients", "Start date July 2009", "start", "2009-07"),
    ("trial.medpath", "Registration Number\nISRCTN96340041", "registry", "isrctn"),
    ("trial.medpath", "Status\nStopped early", "status", "Stopped early"),
    ("trial.medpath", "Sex\nNot specified", "sex", None),
    ("trial.medpath", "Target Recruitment\n5776", "enrollment", 5776),
    ("trials.co", "Status\nSuspended", "status", "SUSPENDED"),
    (
        "takeda",
        "Condition\nType 2 Diabetes Mellitus\nCompound\npioglitazone/metformin, METACT",
        "conditions",
        ["Type 2 Diabetes Mellitus"],
    ),
    ("takeda", "Gender\nBoth\nAges\n20 years and up", "ages", (20.0, None)),
    (
        "gsk",
        "| Study ID |  100006 |\n| Primary Purpose | treatment |\n| Allocation | Randomized |",
        "purpose",
        "TREATMENT",
    ),
    (
        "gsk",
        "| Study ID |  100006 |\n| Interventions | • Extended-release Bupropion Hydrochloride "
        "Type: drug Description: Arms: Extended-release Bupropion Hydrochloride |",
        "interventions",
        ["Extended-release Bupropion Hydrochloride"],
    ),
    (
        "biotechhunter",
        "Home Blood Pressure Intervention in the Community Trial\n\n"
        "NARecruitingINTERVENTIONAL\nEnrollment\n\n10,000",
        "status",
        "RECRUITING",
    ),
    (
        "biotechhunter",
        "Home Blood Pressure Intervention in the Community Trial\n\n"
        "NARecruitingINTERVENTIONAL\nEnrollment\n\n10,000",
        "phases",
        ["NA"],
    ),
    (
        "biotechhunter",
        "Home Blood Pressure Intervention in the Community Trial\n\n"
        "NARecruitingINTERVENTIONAL\nEnrollment\n\n10,000",
        "type",
        "INTERVENTIONAL",
    ),
    (
        "biotechhunter",
        "Conditions\nHome Blood Pressure\nAll Listed Sponsors\nlead\n\nShanghai Institute of "
        "Hypertension\n\nOTHER",
        "sponsor",
        "Shanghai Institute of Hypertension",
    ),
    (
        "smartpatients",
        "Overview\n\nThis trial is active, not recruiting.\n\nCondition prehypertension",
        "status",
        "ACTIVE_NOT_RECRUITING",
    ),
    (
        "trials.co",
        "BMS-247550 in Treating Patients With Metastatic Stomach Cancer Previously Treated With "
        "Chemotherapy\nEsophageal Cancer, Gastric Cancer\nAbout this trial\nThis is an "
        "interventional treatment trial for Esophageal Cancer focused on measuring stage IV "
        "gastric cancer, recurrent gastric cancer\nEligibility Criteria",
        "conditions",
        ["Esophageal Cancer", "Gastric Cancer"],
    ),
    (
        "trials.co",
        "Study Of Atopic Dermatitis In Pediatrics\nDermatitis, Atopic\nAbout this trial\nThis "
        "is an interventional treatment trial for Dermatitis, Atopic focused on measuring "
        "Atopic, Pediatric, Dermatitis\nEligibility Criteria",
        "conditions",
        ["Dermatitis, Atopic"],
    ),
    (
        "biotechhunter",
        "Interventions\nDRUG\n\nIntensive Home BP control\n\nIf the target home BP level is "
        "not achieved during the follow-up periods, type and dosage of antihypertensive drugs "
        "will be adjusted according to current guidelines.\n\nDRUG\n\nStandard Home BP "
        "control\n\nTrial Locations (1)\n\n200025\n\nRECRUITING\n\nCommunity hospitals, "
        "Shanghai",
        "interventions",
        ["Intensive Home BP control", "Standard Home BP control"],
    ),
    (
        "anzctr",
        "Registration number\nACTRN12611000704998\nIntervention/exposure\nStudy type\n"
        "Interventional\nDescription of intervention(s) / exposure\nOnline treatment programs "
        "for each of the anxiety disorders.\nIntervention code [1] 257476 0\nTreatment: Other",
        "interventions",
        [],
    ),
    (
        "trials.co",
        "Inclusion Criteria: (1) Children aged 1-6 years, (2) they had at least 2 documented "
        "episodes of URTI-induced asthma, (3) no intercurrent symptoms, (4) no suspicion of "
        "allergy to pollen or perennial allergens, and (5) caregivers have a good understanding "
        "of French or English Exclusion Criteria: (a) other chronic diseases such as cystic "
        "fibrosis, (b) intake, in the 21 days preceding randomization, of inhaled, nasal, or oral "
        "corticosteroids, -(c) prior intubation for an asthma exacerbation.",
        "exclusion",
        3,
    ),
    (
        "trials.co",
        "Inclusion Criteria: (1) Children aged 1-6 years, (2) they had at least 2 documented "
        "episodes, (3) no intercurrent symptoms, (4) no suspicion of allergy, and (5) caregivers "
        "have a good understanding of French or English\nSites / Locations\n"
        "- Hopital Sainte-Justine\n- Montreal Children's Hospital",
        "inclusion",
        5,
    ),
    ("trials.co", "Phase\nPhase 2", "phases", ["PHASE2"]),
    (
        "trials.co",
        "Eligibility Criteria\n\n18 Years - undefined (Adult, Older Adult)All Sexes"
        "Does not accept healthy volunteers",
        "healthy",
        False,
    ),
    (
        "umin",
        "試験進捗状況 限定募集中/Enrolling by invitation",
        "status",
        "ENROLLING_BY_INVITATION",
    ),
    ("umin", "UMIN試験ID UMIN000045133", "registry", "jprn"),
    # hand-made in UMIN-CTR's form of the label and its value
    (
        "umin",
        "UMIN試験ID UMIN000045133\n試験の種類/Study type\n介入/Interventional",
        "type",
        "INTERVENTIONAL",
    ),
    ("webhealthnetwork", "Study Status: Active, not recruiting", "status", "ACTIVE_NOT_RECRUITING"),
    ("webhealthnetwork", "Study Type: Interventional", "type", "INTERVENTIONAL"),
]


# jRCT's summary table as the stored page text keeps it: its value cells only, one a line
# (the investigator's name and institution are hand-made stand-ins, as the registry's are not
# copied here)
JRCT_VALUES = (
    "臨床研究・治験計画情報の詳細情報です。\n\n特定臨床研究\n平成31年3月7日\n令和3年3月1日\n"
    "平成31年1月30日\n機能性胸やけ患者の消化不良に対するTJ-43ツムラ六君子湯(医療用)の\n"
    "有効性および安全性に関する探索的研究\n機能性胸やけ患者の消化不良に対する六君子湯の効果\n"
    "山田  太郎\n〇〇大学病院\n機能性胸やけ患者の消化不良症状に六君子湯を8週間投与し、"
    "有効性を探索的に検討する。\n4\n機能性胸焼け\n研究終了\n六君子湯(りっくんしとう)\n"
)
LINES += [
    ("jrct", JRCT_VALUES, "phases", ["PHASE4"]),
    ("jrct", JRCT_VALUES, "status", "COMPLETED"),
    ("jrct", JRCT_VALUES, "conditions", ["機能性胸焼け"]),
    ("jrct", JRCT_VALUES, "title", "機能性胸やけ患者の消化不良に対する六君子湯の効果"),
    (
        "jrct",
        JRCT_VALUES,
        "official",
        "機能性胸やけ患者の消化不良に対するTJ-43ツムラ六君子湯(医療用)の有効性および安全性に関する探索的研究",
    ),
    (
        "jrct",
        "jRCT番号 jRCT1031200297\n研究の名称 機能性胸やけ患者の消化不良に対するTJ-43ツムラ六君子湯"
        "(医療用)の有効性および安全性に関する探索的研究",
        "official",
        "機能性胸やけ患者の消化不良に対するTJ-43ツムラ六君子湯(医療用)の有効性および安全性に関する探索的研究",
    ),
    ("jrct", "jRCT番号 jRCT1031200297\n対象疾患名 機能性胸焼け", "conditions", ["機能性胸焼け"]),
    ("jrct", "jRCT番号 jRCT1031200297\n進捗状況 研究終了", "status", "COMPLETED"),
    (
        "gsk",
        "| Study ID |  100006 |\n| Eligibility Criteria: | Click to view inclusion/exclusion "
        "criteria Inclusion Criteria: - History of Major Depressive Disorder (MDD) with a "
        "seasonal pattern. Exclusion Criteria: - Current or past history of seizure disorder or "
        "brain injury. - Initiated psychotherapy within the last 3 months. |",
        "inclusion",
        1,
    ),
    (
        "mayo",
        "Study IDs\nExclusion Criteria:\n\nNo specific exclusion criteria.",
        "exclusion",
        1,
    ),
    (
        "mayo",
        "Study IDs\nExclusion Criteria:\n\n  • No specific exclusion criteria. \n\nParticipating "
        "Mayo Clinic locations\n\nStudy statuses change often. Please contact the study team "
        "for the most up-to-date information regarding possible participation.\n\nMayo Clinic "
        "Location Status\n\nRochester, Minn.",
        "exclusion",
        1,
    ),
    (
        "trial.medpath",
        "- Registration Number\n- EUCTR2013-000722-54-DK\nInclusion Criteria:\nTestosterone = 1.73 "
        "nmol/L (= 50 ng/dL) at screening;\nAre the trial subjects under 18? no\nNumber of "
        "subjects for this age range:\nF.1.2 Adults (18-64 years) yes",
        "inclusion",
        1,
    ),
]


LINES += [
    (
        "ignite-sd",
        "Eligibility Module path is as follows:\n\nStudy -> Protocol Section -> Eligibility "
        "Module\n\nEligibility Module\n\n\nIgnite Creation Date: 2025-12-24 @ 12:22 PM\n"
        "NCT ID: NCT05136261",
        "title",
        None,
    ),
    (
        "ctv.veeva",
        "Status and phase\nConditions\nTreatments\nAbout\nThis study will consist of multiple "
        "ascending oral doses in up to 3 groups, for 29 days.\nEnrollment\nInclusion criteria\n"
        "Have a diagnosis of Type 2 Diabetes Mellitus (T2DM)",
        "title",
        None,
    ),
    (
        "gsk",
        "| Study ID |  100006 |\n| Study Title | See Detailed Description |",
        "official",
        None,
    ),
    (
        "clinicalconnection",
        "Clinical Trial 47020\n\nChicago, IL 60647\n\n\nSummary:\n\nEfficacy of zavegepant "
        "compared to placebo as a preventive treatment for migraine\n\n\nQualified "
        "Participants Must:\n\n• Provide written informed consent",
        "title",
        "Efficacy of zavegepant compared to placebo as a preventive treatment for migraine",
    ),
]


@pytest.mark.parametrize(
    ("site", "text", "what", "expected"),
    LINES,
    ids=[f"{site}-{index}" for index, (site, *_) in enumerate(LINES)],
)
def test_a_real_line_reads(site: str, text: str, what: str, expected: Any) -> None:
    study = parse_record(text, format="text")
    got = GETTERS[what](study)
    if isinstance(expected, tuple):
        assert got == expected
    else:
        assert got == expected, site


# (site, real lines of an HTML page, each a block of its own, what is read, the value read)
HTML_LINES: list[tuple[str, list[str], str, Any]] = [
    (
        "takeda",
        [
            "NCT Number",
            "NCT02684396",
            "Trial Type",
            "Interventional",
            "Eligibility criteria",
            "Inclusion Criteria:",
            "1. Is aged 18 to 55 years, inclusive.",
            "2. Has a calculated creatinine clearance >60 mL/min at Screening and Check-in "
            "(Day -2).",
            "Read moreRead less",
            "Trial Description Results",
            "Download the clinical trial summary",
        ],
        "inclusion",
        2,
    ),
    (
        "takeda",
        [
            "NCT Number",
            "NCT02024971",
            "Eligibility criteria",
            "Inclusion Criteria:",
            "-Patients with type 2 diabetes mellitus for whom a physician has concluded that "
            "therapy",
            "with pioglitazone hydrochloride combined with metformin hydrochloride is suitable "
            "and for",
            "whom long-term treatment with Metact Combination Tablets is considered necessary.",
            "Exclusion Criteria:",
            "-Patients for whom pioglitazone hydrochloride and metformin hydrochloride are",
            "contraindicated.",
        ],
        "inclusion",
        1,
    ),
]


@pytest.mark.parametrize(
    ("site", "blocks", "what", "expected"),
    HTML_LINES,
    ids=[f"{site}-html-{index}" for index, (site, *_) in enumerate(HTML_LINES)],
)
def test_a_real_html_block_reads(site: str, blocks: list[str], what: str, expected: Any) -> None:
    body = "".join(f"<p>{block.replace('&', '&amp;').replace('<', '&lt;')}</p>" for block in blocks)
    study = parse_record(f"<html><body>{body}</body></html>", format="html")
    assert GETTERS[what](study) == expected, site


_GSK_ITEM = (
    "<li><span><b>{name}</b></span> <span>Type: drug</span><br /> <span>Description: </span>"
    "<br /> <span>Arms: {name} </span></li><br />"
)


@pytest.mark.parametrize(
    "names",
    [
        ["Extended-release Bupropion Hydrochloride"],  # gsk, as the page writes it
        ["Extended-release Bupropion Hydrochloride", "Placebo"],  # hand-made: two items
    ],
)
def test_a_gsk_interventions_cell_names_each_item(names: list[str]) -> None:
    items = "".join(_GSK_ITEM.format(name=name) for name in names)
    page = (
        "<html><body><table><tr><td class='rowlabel'>Study ID</td><td>100006</td></tr>"
        "<tr><td class='rowlabel'>Interventions</td><td><ul class='bulleted-list'>"
        f"{items}</ul></td></tr></table></body></html>"
    )
    study = parse_record(page, format="html")
    assert [(i.name, str(i.type)) for i in study.interventions] == [
        (name, "DRUG") for name in names
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "特定臨床研究",
                "平成31年3月7日",
                "4",
                "研究終了",
                "機能性胸焼け",
                "2020年01月30日",
                "x",
            ]
        ),
        max_size=25,
    )
)
def test_lines_below_an_unlabelled_table_heading_never_fail(lines: list[str]) -> None:
    """Any lines under the heading of jRCT's unlabelled table (hand-made from its values):
    read as the table where they fit its rows, else left as lines; never an error."""
    text = (
        "臨床研究・治験計画情報の詳細情報です。\n\n"
        + "\n".join(lines)
        + "\njRCT番号 jRCT1031200297\n"
    )
    study = parse_record(text, format="text")
    assert study.registry_id == "jRCT1031200297"

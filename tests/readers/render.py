"""Render a `Study` into the seed's layout (fixtures/NCT06352281.txt), for round-trip tests.

`render_text` writes the seed's text layout; `render_html` writes the same content as the trial
site's HTML page in several markups. Generated pages are test inputs built from real v2 records,
not real pages: they exercise the text and HTML readers on hundreds of records' values in the
one real layout we have.
"""

from __future__ import annotations

from html import escape
from typing import Literal

from trialparse.model import Study
from trialparse.model.eligibility import Criterion

_BLURB = "This line stands for the one-sentence blurb the site writes under each title."


def _section(lines: list[str], title: str) -> None:
    lines += [title, "", _BLURB, ""]


def render_text(study: Study) -> str:
    """The study in the label/value layout of the seed record."""
    lines: list[str] = [study.brief_title or "Untitled", ""]
    lines += [f"NCT ID: {study.nct_id}", ""]
    if study.status.last_updated:
        lines += [f"Last Updated: {study.status.last_updated.iso}", ""]
    _section(lines, "Basic Information")
    if study.status.overall:
        lines += ["Recruitment Status", "", str(study.status.overall), ""]
    if study.design.phases:
        lines += ["Clinical Phase", "", "/".join(map(str, study.design.phases)), ""]
    if study.design.enrollment and study.design.enrollment.count is not None:
        lines += ["Total Enrollment", "", f"{study.design.enrollment.count} participants", ""]
    if study.design.study_type:
        lines += ["Study Classification", "", str(study.design.study_type), ""]
    if study.status.start_date:
        lines += ["Study Start Date", "", study.status.start_date.iso, ""]
    if study.status.completion_date:
        lines += ["Study Completion Date", "", study.status.completion_date.iso, ""]
    if study.conditions:
        _section(lines, "Conditions")
        lines += [*study.conditions, ""]
    design = study.design
    _section(lines, "Study Design")
    for label, value in (
        ("Allocation Method", design.allocation),
        ("Intervention Model", design.intervention_model),
        ("Primary Study Purpose", design.primary_purpose),
        ("Blinding Strategy", design.masking),
    ):
        if value is not None:
            lines += [label, "", str(value), ""]
    eligibility = study.eligibility
    _section(lines, "Eligibility Criteria")
    for title, items in (
        ("Inclusion Criteria", eligibility.inclusion),
        ("Exclusion Criteria", eligibility.exclusion),
    ):
        if items:
            lines += [title, ""]
            lines += [f"{n}. {item.text}" for n, item in enumerate(items, start=1)]
            lines.append("")
    if eligibility.minimum_age:
        lines += ["Minimum Eligible Age", "", eligibility.minimum_age.to_ctgov(), ""]
    if eligibility.maximum_age:
        lines += ["Maximum Eligible Age", "", eligibility.maximum_age.to_ctgov(), ""]
    if eligibility.sex:
        lines += ["Eligible Sex", "", str(eligibility.sex), ""]
    if eligibility.healthy_volunteers is not None:
        lines += [
            "Accepts Healthy Volunteers",
            "",
            "Yes" if eligibility.healthy_volunteers else "No",
            "",
        ]
    if study.lead_sponsor and study.lead_sponsor.name:
        _section(lines, "Sponsors")
        lines += [
            study.lead_sponsor.name,
            "",
            str(study.lead_sponsor.agency_class),
            "",
            "Sponsor Role lead",
            "",
        ]
    if study.org_study_id:
        _section(lines, "Other Identifiers")
        lines += [
            study.org_study_id,
            "",
            "Identifier Type: -",
            "",
            "Identifier Source: org_study_id",
            "",
        ]
    return "\n".join(lines)


# -- the trial site's page as HTML ----------------------------------------------------------

Layout = Literal["dl", "table", "div"]
LAYOUTS: tuple[Layout, ...] = ("dl", "table", "div")


def _pairs(layout: Layout, pairs: list[tuple[str, str | None]], *, cells: str = "th") -> str:
    """Label/value pairs as a definition list, table rows or label/value divs."""
    kept = [(label, value) for label, value in pairs if value]
    if not kept:
        return ""
    if layout == "dl":
        body = "".join(f"<dt>{escape(label)}</dt><dd>{value}</dd>" for label, value in kept)
        return f"<dl>{body}</dl>"
    if layout == "table":
        rows = "".join(
            f"<tr><{cells}>{escape(label)}</{cells}><td>{value}</td></tr>" for label, value in kept
        )
        return f"<table><tbody>{rows}</tbody></table>"
    return "".join(
        f'<div class="field"><div class="label">{escape(label)}</div>'
        f'<div class="value">{value}</div></div>'
        for label, value in kept
    )


def _inline(label: str, value: str) -> str:
    """A pair written as a labelled span followed by the (escaped) value, as some sites do."""
    return f'<p><span class="label">{escape(label)}</span> {value}</p>'


def _criteria_list(items: list[Criterion], ordered: bool) -> str:
    tag = "ol" if ordered else "ul"
    body = "".join(
        f"<li>{escape(item.text)}"
        + (_criteria_list(item.children, not ordered) if item.children else "")
        + "</li>"
        for item in items
    )
    return f"<{tag}>{body}</{tag}>"


def _value(text: str | None) -> str | None:
    return None if text is None else escape(text)


def _paragraphs(text: str) -> str:
    return "".join(
        "<p>" + "<br>".join(escape(line) for line in part.splitlines()) + "</p>"
        for part in text.split("\n\n")
        if part.strip()
    )


def _html_section(title: str, body: str, level: int = 2) -> str:
    blurb = f'<p class="blurb">{escape(_BLURB)}</p>'
    return f"<section><h{level}>{escape(title)}</h{level}>{blurb}{body}</section>"


def _group(layout: Layout, css: str, head: str | None, pairs: list[tuple[str, str | None]]) -> str:
    """One arm, site or person: its name as a heading (dl, div) or as a first row (table)."""
    if layout == "table":
        rows = [(css.title(), _value(head)), *pairs] if head else pairs
        return f'<div class="{css}">{_pairs(layout, rows, cells="td")}</div>'
    title = f"<h3>{escape(head)}</h3>" if head else ""
    if layout == "div":
        # the div layout writes the short pairs inline: <span class="label">…</span> value
        inline = "".join(
            _inline(label, value) for label, value in pairs if value and "<" not in value
        )
        rest = [(label, value) for label, value in pairs if value and "<" in value]
        return f'<div class="{css}">{title}{inline}{_pairs(layout, rest)}</div>'
    return f'<div class="{css}">{title}{_pairs(layout, pairs)}</div>'


def render_html(study: Study, layout: Layout = "dl") -> str:
    """The study as the trial site's page in HTML: a generated test input, not a real page.

    The content and order are those of the seed's text layout; section titles are headings,
    label/value pairs are `dt`/`dd` (layout "dl"), table rows ("table") or label/value divs
    and spans ("div"); criteria are nested `ol`/`ul` lists under criteria headings.
    """
    status, design, eligibility = study.status, study.design, study.eligibility
    parts: list[str] = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(study.brief_title or '')} | Trials</title></head><body>",
        '<nav><a href="/">Home</a> &gt; <a href="/trials">Trials</a></nav><main>',
        f"<h1>{escape(study.brief_title or 'Untitled')}</h1>",
        _pairs(
            layout,
            [
                ("NCT ID", _value(study.nct_id)),
                ("Official Title", _value(study.official_title)),
                ("Acronym", _value(study.acronym)),
                ("Last Updated", status.last_updated.iso if status.last_updated else None),
            ],
        ),
        _html_section(
            "Study Results",
            "<p>Results available</p>" if study.has_results else "<p>Results pending</p>",
        ),
    ]
    enrollment = design.enrollment
    basic = [
        ("Recruitment Status", _value(status.overall)),
        ("Clinical Phase", "/".join(map(str, design.phases)) or None),
        (
            "Total Enrollment",
            f"{enrollment.count} participants"
            if enrollment and enrollment.count is not None
            else None,
        ),
        ("Study Classification", _value(design.study_type)),
        ("Study Start Date", status.start_date.iso if status.start_date else None),
        (
            "Primary Completion Date",
            status.primary_completion_date.iso if status.primary_completion_date else None,
        ),
        ("Study Completion Date", status.completion_date.iso if status.completion_date else None),
    ]
    parts.append(_html_section("Basic Information", _pairs(layout, basic)))
    if study.brief_summary:
        parts.append(_html_section("Brief Summary", _paragraphs(study.brief_summary)))
    if study.conditions:
        items = "".join(f"<li>{escape(c)}</li>" for c in study.conditions)
        parts.append(_html_section("Conditions", f"<ul>{items}</ul>"))
    design_pairs = [
        ("Allocation Method", _value(design.allocation)),
        ("Intervention Model", _value(design.intervention_model)),
        ("Primary Study Purpose", _value(design.primary_purpose)),
        ("Blinding Strategy", _value(design.masking)),
    ]
    parts.append(_html_section("Study Design", _pairs(layout, design_pairs)))
    if study.arms:
        groups = []
        for arm in study.arms:
            names = "".join(f"<li>{escape(name)}</li>" for name in arm.intervention_names)
            groups.append(
                _group(
                    layout,
                    "arm",
                    arm.label,
                    [
                        ("Group Type", _value(arm.type)),
                        ("Description", _value(arm.description)),
                        ("Interventions", f"<ul>{names}</ul>" if names else None),
                    ],
                )
            )
        parts.append(_html_section("Study Groups", "".join(groups)))
    if study.interventions:
        groups = [
            _group(
                layout,
                "intervention",
                item.name,
                [
                    ("Intervention Type", _value(item.type)),
                    ("Description", _value(item.description)),
                ],
            )
            for item in study.interventions
        ]
        parts.append(_html_section("Interventions", "".join(groups)))
    criteria = ""
    for title, items, ordered in (
        ("Inclusion Criteria", eligibility.inclusion, True),
        ("Exclusion Criteria", eligibility.exclusion, False),
    ):
        if items:
            criteria += f"<h3>{title}</h3>{_criteria_list(items, ordered)}"
    healthy = eligibility.healthy_volunteers
    criteria += _pairs(
        layout,
        [
            (
                "Minimum Eligible Age",
                eligibility.minimum_age.to_ctgov() if eligibility.minimum_age else None,
            ),
            (
                "Maximum Eligible Age",
                eligibility.maximum_age.to_ctgov() if eligibility.maximum_age else None,
            ),
            ("Eligible Sex", _value(eligibility.sex)),
            ("Accepts Healthy Volunteers", None if healthy is None else "Yes" if healthy else "No"),
        ],
    )
    parts.append(_html_section("Eligibility Criteria", criteria))
    sponsors = [
        _group(
            layout,
            "sponsor",
            sponsor.name,
            [("Agency Class", _value(sponsor.agency_class)), ("Sponsor Role", role)],
        )
        for sponsor, role in [
            *([(study.lead_sponsor, "lead")] if study.lead_sponsor else []),
            *((collaborator, "collaborator") for collaborator in study.collaborators),
        ]
        if sponsor.name
    ]
    if sponsors:
        parts.append(_html_section("Sponsors", "".join(sponsors)))
    if study.officials:
        groups = [
            _group(
                layout,
                "official",
                official.name,
                [("Role", _value(official.role)), ("Affiliation", _value(official.affiliation))],
            )
            for official in study.officials
        ]
        parts.append(_html_section("Principal Investigators", "".join(groups)))
    if study.locations:
        groups = []
        for site in study.locations:
            address = ", ".join(p for p in (site.city, site.state, site.country) if p)
            groups.append(
                _group(
                    layout,
                    "site",
                    site.facility,
                    [("Address", _value(address or None)), ("Site Status", _value(site.status))],
                )
            )
        parts.append(_html_section("Locations", "".join(groups)))
    if study.central_contacts:
        groups = []
        for contact in study.central_contacts:
            phone = contact.phone
            if phone and contact.phone_ext:
                phone = f"{phone} ext. {contact.phone_ext}"
            groups.append(
                _group(
                    layout,
                    "contact",
                    contact.name,
                    [
                        ("Role", _value(contact.role)),
                        ("Phone", _value(phone)),
                        ("Email", _value(contact.email)),
                    ],
                )
            )
        parts.append(_html_section("Central Contacts", "".join(groups)))
    if study.org_study_id:
        parts.append(
            _html_section(
                "Other Identifiers",
                f"<p>{escape(study.org_study_id)}</p><p>Identifier Type: -</p>"
                "<p>Identifier Source: org_study_id</p>",
            )
        )
    parts.append("<footer><p>&copy; Trials site &middot; Terms</p></footer></main></body></html>")
    return "".join(parts)

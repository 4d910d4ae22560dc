"""The evidence pack shown three ways: a web page, a PDF (WeasyPrint) and a DOCX (python-docx).

All three start from `pack_sections()`, which turns the stored figures (JSON) into
labelled rows and accessible SVG charts, so a figure reads the same everywhere.
"""

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbod.choices import AgeGroup, LifeDomain
from huisvanhetkind.charts import bar_chart, figure
from partners.choices import Pillar
from signalen.choices import ThemeStatus

from .choices import ActionResult, ActionStatus, PackKind

# Participation counts per age group use their own buckets (aanbod.models).
REACH_AGE_LABELS = {
    "0-3": gettext_lazy("0 to 3 years"),
    "3-6": gettext_lazy("3 to 6 years"),
    "6-12": gettext_lazy("6 to 12 years"),
    "12-18": gettext_lazy("12 to 18 years"),
    "18+": gettext_lazy("18 years and older"),
}
# The monthly mail's subscribers, per age band of their children (inschrijving).
SUBSCRIBER_BAND_LABELS = {"expecting": gettext_lazy("Expected"), **REACH_AGE_LABELS}
MAX_THEMES_IN_CHART = 8
# Okabe–Ito colours (told apart with every kind of colour blindness) on top of the
# patterns (solid, hatched, dotted), so print in black and white still works. Only the
# solid series gets a CSS fill: a fill on every bar covered the hatch and dot patterns,
# and the years 2023–2025 printed as three identical blue bars.
OKABE_ITO = {"blue": "#0072B2", "vermillion": "#D55E00", "bluish_green": "#009E73"}
PDF_CHART_CSS = (
    f".hvhk-chart__bar--0{{fill:{OKABE_ITO['blue']}}}"
    ".hvhk-chart__bar--1,.hvhk-chart__bar--2{stroke:#1a1a1a;stroke-width:0.5}"
    ".hvhk-chart__grid{stroke:#dddddd}.hvhk-chart__baseline{stroke:#333333}"
    ".hvhk-chart__axis,.hvhk-chart__label,.hvhk-chart__value{font-size:9px;fill:#1a1a1a}"
    ".hvhk-chart__hatch-ground{fill:#ffffff}"
    f".hvhk-chart__hatch-line{{stroke:{OKABE_ITO['vermillion']};stroke-width:2}}"
    f".hvhk-chart__dot{{fill:{OKABE_ITO['bluish_green']}}}"
)


@dataclass(frozen=True)
class StoredCell:
    """A figure as stored in the pack's JSON, usable by the chart (value None = hidden)."""

    value: float | None
    text: str

    @property
    def hidden(self) -> bool:
        return self.value is None


def _stored(data: dict[str, Any]) -> StoredCell:
    return StoredCell(data["value"], data["text"])


def _label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def trend_text(trend: str) -> str:
    """signalen.selectors.ThemeTrend.direction in words."""
    return {"rising": _("rising"), "falling": _("falling"), "stable": _("stable")}.get(trend, "")


def pack_title(*, kind: str, year: int, network_name: str) -> str:
    if kind == PackKind.REPORT:
        return _("Year report %(year)s — %(network)s") % {"year": year, "network": network_name}
    return _("Evidence for the action plan %(year)s — %(network)s") % {
        "year": year,
        "network": network_name,
    }


def pack_sections(figures: dict[str, Any], *, chart_prefix: str = "pack") -> dict[str, Any]:
    """Everything the templates and the DOCX show, labelled in the active language."""
    signals = figures["signals"]
    themes = [
        {
            "number": index + 1,
            "title": theme["title"] or _("Not bundled into a theme yet"),
            "status": _label(ThemeStatus, theme["status"]) if theme["status"] else "",
            "counts": theme["counts"],
            "trend": trend_text(theme["trend"]),
        }
        for index, theme in enumerate(signals["themes"])
    ]
    charted = themes[:MAX_THEMES_IN_CHART]
    signals_chart = bar_chart(
        chart_id=f"{chart_prefix}-signals",
        title=_("Signals per theme and year"),
        description=_(
            "Bar chart: per theme (numbered as in the table), the number of signals in each "
            "of the last three years."
        ),
        categories=[str(theme["number"]) for theme in charted],
        series=[
            (str(year), [figure(theme["counts"][index]) for theme in charted])
            for index, year in enumerate(signals["years"])
        ],
    )
    reach = figures["reach"]
    reach_rows = [
        {"label": str(REACH_AGE_LABELS.get(row["key"], row["key"])), "children": row["children"]}
        for row in reach["age_groups"]
    ]
    reach_chart = bar_chart(
        chart_id=f"{chart_prefix}-reach",
        title=_("Children taking part, per age group"),
        description=_("Bar chart: the number of children counted in activities, per age group."),
        categories=[row["key"] for row in reach["age_groups"]],
        series=[(_("Children"), [_stored(row["children"]) for row in reach["age_groups"]])],
    )
    referrals = figures["referrals"]
    referrals_chart = bar_chart(
        chart_id=f"{chart_prefix}-referrals",
        title=_("Referrals sent and received per month"),
        description=_(
            "Bar chart: per month, the referrals sent (solid bars) and received (hatched bars) "
            "by the network's partners. A number under 5 is shown as “< 5”."
        ),
        categories=[row["label"] for row in referrals["months"]],
        series=[
            (_("Sent"), [_stored(row["sent"]) for row in referrals["months"]]),
            (_("Received"), [_stored(row["received"]) for row in referrals["months"]]),
        ],
    )
    coverage = figures["coverage"]
    age_labels = [_label(AgeGroup, age) for age in coverage["age_groups"]]
    municipalities = [
        {
            "name": municipality["name"],
            "rows": [
                {"domain": _label(LifeDomain, row["domain"]), "counts": row["counts"]}
                for row in municipality["rows"]
            ],
            "gaps": sum(row["counts"].count(0) for row in municipality["rows"]),
        }
        for municipality in coverage["municipalities"]
    ]
    per_domain = [
        {"number": index + 1, "domain": _label(LifeDomain, row["domain"]), "offers": row["offers"]}
        for index, row in enumerate(coverage["per_domain"])
    ]
    coverage_chart = bar_chart(
        chart_id=f"{chart_prefix}-coverage",
        title=_("Published offers per life domain"),
        description=_("Bar chart: per life domain (numbered as in the table), the offers."),
        categories=[str(row["number"]) for row in per_domain],
        series=[(_("Offers"), [_stored(row["offers"]) for row in per_domain])],
    )
    actions = [
        {
            **action,
            "pillar": _label(Pillar, action["pillar"]),
            "status": _label(ActionStatus, action["status"]),
            "result": _label(ActionResult, action["result"]) if action["result"] else "",
        }
        for action in figures["actions"]
    ]
    return {
        "title": pack_title(
            kind=figures["kind"], year=figures["year"], network_name=figures["network"]["name"]
        ),
        "evidence_year": figures["evidence_year"],
        "coming_year": figures["coming_year"],
        "day": figures["day"],
        "signals": {**signals, "themes": themes, "chart": signals_chart},
        "reach": {**reach, "rows": reach_rows, "chart": reach_chart},
        # Packs built before the monthly mail existed have no subscribers: an empty table.
        "subscribers": [
            {**row, "band_label": SUBSCRIBER_BAND_LABELS.get(row["band"], row["band"])}
            for row in figures.get("subscribers", [])
        ],
        "referrals": {**referrals, "rows": _referral_rows(referrals), "chart": referrals_chart},
        "coverage": {
            **coverage,
            "age_labels": age_labels,
            "municipalities": municipalities,
            "per_domain": per_domain,
            "rows": _coverage_rows(coverage),
            "chart": coverage_chart,
        },
        "agreements": figures["agreements"],
        "actions": actions,
        # Packs built before searches were counted per network have no such key.
        "search_gaps": figures.get("search_gaps", []),
        # Packs built before the rights check have no such part.
        "unclaimed_rights": figures.get("unclaimed_rights", {"rights": []}),
        "recognition": _recognition(figures.get("recognition")),
    }


def _recognition(recognition: dict[str, Any] | None) -> dict[str, Any] | None:
    if not recognition:
        return None
    from .choices import PlanStatus

    return {
        **recognition,
        "pillars": [
            {**row, "label": _label(Pillar, row["pillar"])} for row in recognition["pillars"]
        ],
        "plan": {
            **recognition["plan"],
            "status": _label(PlanStatus, recognition["plan"]["status"])
            if recognition["plan"]["status"]
            else "",
        },
    }


# Each reader of the year report gets the sections that answer their question, from the
# same figures: the stuurgroep everything; the local government its meerjarenplan goals,
# budget and reach; Opgroeien the recognition conditions (pillars, partners, reach, plan).
READERS = {
    "stuurgroep": (
        gettext_lazy("Steering group"),
        (
            "signals",
            "search-gaps",
            "reach",
            "referrals",
            "coverage",
            "unclaimed-rights",
            "agreements",
            "actions",
        ),
    ),
    "lokaal-bestuur": (
        gettext_lazy("Local government"),
        ("actions", "reach", "coverage", "unclaimed-rights", "agreements"),
    ),
    "opgroeien": (
        gettext_lazy("Opgroeien"),
        ("recognition", "reach", "coverage", "actions"),
    ),
}


def reader_contents(reader: str) -> list[tuple[str, str]]:
    """The table of contents for one reader (all sections when the reader is unknown)."""
    titles = dict(contents()) | {"recognition": _("Recognition conditions")}
    if reader not in READERS:
        return contents()
    return [(anchor, titles[anchor]) for anchor in READERS[reader][1]]


# The sections in order, for the table of contents (anchor, title).
def contents() -> list[tuple[str, str]]:
    return [
        ("signals", _("Signals per theme")),
        ("search-gaps", _("Searches that found nothing")),
        ("reach", _("Reach")),
        ("referrals", _("Warm referrals")),
        ("coverage", _("Offer coverage")),
        ("unclaimed-rights", _("Possible unclaimed rights")),
        ("agreements", _("Agreements ending")),
        ("actions", _("Actions and their results")),
    ]


# --- PDF -----------------------------------------------------------------------------------


def reader_anchors(reader: str) -> list[str]:
    """The sections one reader gets; empty (everything) for the full pack."""
    return [anchor for anchor, _title in reader_contents(reader)] if reader in READERS else []


def render_pdf(*, figures: dict[str, Any], logo_path: str | None, reader: str = "") -> bytes:
    """The pack as a PDF with the network's logo, a table of contents and the charts
    (only one reader's sections when `reader` names one, see READERS)."""
    from weasyprint import HTML

    pack = pack_sections(figures, chart_prefix="pdf")
    for section in ("signals", "reach", "referrals", "coverage"):
        # WeasyPrint styles an inline SVG only from a <style> inside it.
        pack[section]["chart"] = mark_safe(
            pack[section]["chart"].replace("<defs>", f"<defs><style>{PDF_CHART_CSS}</style>", 1)
        )
    html = render_to_string(
        "actieplan/pack_pdf.html",
        {
            "pack": pack,
            "contents": reader_contents(reader),
            "show": reader_anchors(reader),
            "logo_uri": Path(logo_path).as_uri() if logo_path else "",
        },
    )
    base_url = str(Path(logo_path).parent) if logo_path else None
    return HTML(string=html, base_url=base_url).write_pdf()


# --- DOCX ----------------------------------------------------------------------------------


def render_docx(*, figures: dict[str, Any], logo_path: str | None, reader: str = "") -> bytes:
    """The pack as a Word document the coordinator edits into the plan or the report
    (only one reader's sections when `reader` names one, see READERS)."""
    from docx import Document
    from docx.image.exceptions import UnrecognizedImageError
    from docx.shared import Cm

    pack = pack_sections(figures, chart_prefix="docx")
    document = Document()
    document.core_properties.title = pack["title"]
    if logo_path:
        # A logo python-docx cannot read (e.g. SVG) is left out; the PDF still shows it.
        with contextlib.suppress(UnrecognizedImageError):
            document.add_picture(logo_path, width=Cm(4))
    document.add_heading(pack["title"], level=0)
    document.add_paragraph(
        _("Figures of %(year)s, offers as on %(day)s.")
        % {"year": pack["evidence_year"], "day": pack["day"]}
    )
    titles = dict(contents())

    document.add_heading(titles["signals"], level=1)
    years = [str(year) for year in pack["signals"]["years"]]
    _table(
        document,
        [_("Theme"), _("Status"), *years, _("Trend")],
        [
            [theme["title"], theme["status"], *map(str, theme["counts"]), theme["trend"]]
            for theme in pack["signals"]["themes"]
        ]
        + [[_("All signals"), "", *map(str, pack["signals"]["totals"]), ""]],
    )

    document.add_heading(titles["search-gaps"], level=1)
    if pack["search_gaps"]:
        _table(
            document,
            [_("Search words"), _("Searches")],
            [[gap["query"], gap["searches"]["text"]] for gap in pack["search_gaps"]],
        )
    else:
        document.add_paragraph(
            _("No search on the network's pages came back empty in %(year)s.")
            % {"year": pack["evidence_year"]}
        )

    reach = pack["reach"]
    document.add_heading(titles["reach"], level=1)
    if not reach["activities"]["value"]:
        # An empty section says why, instead of "0 activities with 0 families".
        document.add_paragraph(
            _(
                "No partner entered participation counts for %(year)s, so the reach is not "
                "known. Partners add them per offer under “My offers” → “Participation”."
            )
            % {"year": pack["evidence_year"]}
        )
    else:
        _table(
            document,
            [_("Counted"), _("Number")],
            [
                [_("Activities counted"), reach["activities"]["text"]],
                [_("Families"), reach["families"]["text"]],
                [_("Children"), reach["children"]["text"]],
                *[[row["label"], row["children"]["text"]] for row in reach["rows"]],
                [_("Children without an age group"), reach["children_without_age"]["text"]],
            ],
        )

    document.add_heading(titles["referrals"], level=1)
    _table(document, [_("Figure"), _("Number")], pack["referrals"]["rows"])

    coverage = pack["coverage"]
    document.add_heading(titles["coverage"], level=1)
    _table(document, [_("Figure"), _("Number")], coverage["rows"])
    for municipality in coverage["municipalities"]:
        document.add_heading(municipality["name"], level=2)
        _table(
            document,
            [_("Life domain"), *coverage["age_labels"]],
            [[row["domain"], *map(str, row["counts"])] for row in municipality["rows"]],
        )

    document.add_heading(titles["unclaimed-rights"], level=1)
    rights = pack["unclaimed_rights"]["rights"]
    if rights:
        _table(
            document,
            [_("Right or support"), _("Worth checking"), _("Per sub-municipality")],
            [
                [
                    right["name"],
                    right["total"]["text"],
                    "; ".join(
                        f"{place['name'] or '?'}: {place['count']['text']}"
                        for place in right["places"]
                    )
                    or "—",
                ]
                for right in rights
            ],
        )
    else:
        document.add_paragraph(_("This network has no rights in the check yet."))

    document.add_heading(titles["agreements"], level=1)
    if pack["agreements"]:
        _table(
            document,
            [_("Agreement"), _("Ends"), _("Partners")],
            [[a["subject"], a["end"], ", ".join(a["partners"])] for a in pack["agreements"]],
        )
    else:
        document.add_paragraph(_("No agreement ends in %(year)s.") % {"year": pack["coming_year"]})

    document.add_heading(titles["actions"], level=1)
    if pack["actions"]:
        _table(
            document,
            [
                _("Pillar"),
                _("Action"),
                _("Partners"),
                _("Status"),
                _("Result"),
                _("What it changed"),
            ],
            [
                [
                    a["pillar"],
                    a["text"],
                    ", ".join(a["partners"]),
                    a["status"],
                    a["result"],
                    a["result_note"],
                ]
                for a in pack["actions"]
            ],
        )
    else:
        document.add_paragraph(
            _("There was no action plan for %(year)s.") % {"year": pack["evidence_year"]}
        )
    shown = reader_anchors(reader)
    if "recognition" in shown and pack.get("recognition"):
        _recognition_section(document, pack["recognition"])
    if shown:
        titles["recognition"] = _("Recognition conditions")
        _keep_sections(document, {titles[anchor] for anchor in shown})
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _recognition_section(document, recognition: dict[str, Any]) -> None:
    document.add_heading(_("Recognition conditions"), level=1)
    document.add_paragraph(
        _("The network has %(partners)s partners.") % {"partners": recognition["partners"]["text"]}
    )
    _table(
        document,
        [_("Pillar"), _("Partners"), _("Published offers")],
        [
            [row["label"], row["partners"]["text"], row["offers"]["text"]]
            for row in recognition["pillars"]
        ],
    )


def _keep_sections(document, titles: set[str]) -> None:
    """One reader's version: drop every top-level section whose heading is not theirs
    (what comes before the first heading — title, date — stays)."""
    keep = True
    body = document.element.body
    for element in list(body):
        if element.tag.endswith("}sectPr"):
            continue  # the page settings
        style = element.xpath("string(./w:pPr/w:pStyle/@w:val)")
        if style == "Heading1":
            keep = element.xpath("string(.)") in titles
        if not keep:
            body.remove(element)


def _referral_rows(referrals: dict[str, Any]) -> list[list[str]]:
    return [
        [_("Referrals sent"), referrals["sent"]["text"]],
        [_("Accepted"), referrals["accepted"]["text"]],
        [_("Accepted (share of answered)"), referrals["accepted_share"]["text"]],
        [_("Landed (the family got help)"), referrals["landed"]["text"]],
        [
            _("Median working days to first contact"),
            referrals["median_days_to_first_contact"]["text"],
        ],
        [_("Declined for lack of offer"), referrals["declined_no_offer"]["text"]],
    ]


def _coverage_rows(coverage: dict[str, Any]) -> list[list[str]]:
    return [
        [_("Published offers"), coverage["published"]["text"]],
        [_("Offers without a place"), coverage["without_place"]["text"]],
        [_("Gaps (empty cells)"), f"{coverage['gaps']['text']} / {coverage['cells']['text']}"],
        [_("Not confirmed for 6 months"), coverage["not_verified"]["text"]],
        [_("In the evening"), coverage["evening_share"]["text"]],
        [_("At the weekend"), coverage["weekend_share"]["text"]],
    ]


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)

"""The action plan itself as a document: goals, actions, partners, budget and timing.

The stuurgroep and the local government read the plan on paper or edit it in Word, so
the same `plan_document()` feeds a PDF (WeasyPrint, as the evidence pack) and a DOCX
(python-docx). It is small: rendered on request, no worker needed.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import ActionPlan
from .selectors import plan_goals


def _euro(amount: Decimal) -> str:
    """Belgian notation: € 1.234,50."""
    whole, cents = f"{amount:,.2f}".split(".")
    return f"€ {whole.replace(',', '.')},{cents}"


def _months(action) -> str:
    if not action.start_month:
        return ""
    return f"{action.start_month}–{action.end_month or action.start_month}"


def plan_document(*, plan: ActionPlan) -> dict[str, Any]:
    """Everything the PDF and the DOCX show, labelled in the active language."""
    goals = []
    budget_total, spent_total = Decimal(0), Decimal(0)
    partners: set[str] = set()
    for goal in plan_goals(plan=plan):
        actions = []
        for action in goal.actions.all():
            names = [partner.name for partner in action.partners.all()]
            partners.update(names)
            budget_total += action.budget
            spent_total += action.spent
            actions.append(
                {
                    "text": action.text,
                    "partners": ", ".join(names),
                    "budget": _euro(action.budget),
                    "spent": _euro(action.spent),
                    "over_budget": action.spent > action.budget,
                    "timing": " ".join(
                        part
                        for part in (
                            action.timing,
                            f"({_months(action)})" if _months(action) else "",
                        )
                        if part
                    ),
                    "status": action.get_status_display(),
                    "result": action.get_result_display() if action.result else "",
                }
            )
        goals.append(
            {
                "pillar": goal.get_pillar_display(),
                "text": goal.text,
                "indicator": goal.indicator,
                "multi_year_goal": goal.multi_year_goal,
                "themes": ", ".join(theme.title for theme in goal.themes.all()),
                "actions": actions,
            }
        )
    return {
        "title": plan.title,
        "network": plan.network.name,
        "year": plan.year,
        "status": plan.get_status_display(),
        "multi_year_goals": plan.multi_year_goal_list(),
        "goals": goals,
        "partners": sorted(partners),
        "budget_total": _euro(budget_total),
        "spent_total": _euro(spent_total),
        "left_total": _euro(budget_total - spent_total),
    }


def plan_file_name(plan: ActionPlan, extension: str) -> str:
    return f"actieplan-{slugify(plan.network.name)}-{plan.year}.{extension}"


def render_plan_pdf(*, plan: ActionPlan) -> bytes:
    from weasyprint import HTML

    html = render_to_string("actieplan/plan_pdf.html", {"plan": plan_document(plan=plan)})
    return HTML(string=html).write_pdf()


def render_plan_docx(*, plan: ActionPlan) -> bytes:
    from docx import Document

    from .rendering import _table

    document_data = plan_document(plan=plan)
    document = Document()
    document.core_properties.title = document_data["title"]
    document.add_heading(document_data["title"], level=0)
    document.add_paragraph(
        _("%(network)s — %(year)s — %(status)s")
        % {
            "network": document_data["network"],
            "year": document_data["year"],
            "status": document_data["status"],
        }
    )
    if document_data["multi_year_goals"]:
        document.add_heading(_("Goals of the multi-year plan"), level=1)
        for line in document_data["multi_year_goals"]:
            document.add_paragraph(line, style="List Bullet")
    document.add_heading(_("Goals and actions"), level=1)
    if not document_data["goals"]:
        document.add_paragraph(_("This plan has no goals yet."))
    for goal in document_data["goals"]:
        document.add_heading(goal["text"], level=2)
        facts = [_("Pillar: %(pillar)s") % {"pillar": goal["pillar"]}]
        if goal["indicator"]:
            facts.append(_("Indicator: %(indicator)s") % {"indicator": goal["indicator"]})
        if goal["multi_year_goal"]:
            facts.append(_("Multi-year plan: %(goal)s") % {"goal": goal["multi_year_goal"]})
        if goal["themes"]:
            facts.append(_("Answers the signals: %(themes)s") % {"themes": goal["themes"]})
        for fact in facts:
            document.add_paragraph(fact)
        if goal["actions"]:
            _table(
                document,
                [_("Action"), _("Partners"), _("Budget"), _("Spent"), _("When"), _("Status")],
                [
                    [a["text"], a["partners"], a["budget"], a["spent"], a["timing"], a["status"]]
                    for a in goal["actions"]
                ],
            )
        else:
            document.add_paragraph(_("No actions for this goal yet."))
    document.add_heading(_("Budget"), level=1)
    _table(
        document,
        [_("Planned"), _("Spent"), _("Left")],
        [
            [
                document_data["budget_total"],
                document_data["spent_total"],
                document_data["left_total"],
            ]
        ],
    )
    document.add_heading(_("Partners"), level=1)
    if document_data["partners"]:
        for name in document_data["partners"]:
            document.add_paragraph(name, style="List Bullet")
    else:
        document.add_paragraph(_("No partner is named in an action yet."))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

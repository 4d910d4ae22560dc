"""Possible unclaimed rights: what the evidence pack shows of the rights check.

How often the check said "worth checking" for each right in the evidence year, in total
and per deelgemeente — a figure of possible onderbescherming no other system has. Counts
below SMALL_COUNT are hidden ("< 5"), as every figure about families (doorverwijzing.figures).
"""

from typing import Any

from django.db.models import Sum

from doorverwijzing.figures import count_cell
from partners.models import Network

from .models import Right, RightCheckCount


def _cell(value: int) -> dict[str, Any]:
    cell = count_cell(value)
    return {"value": cell.value, "text": cell.text}


def possible_unclaimed_rights(*, network: Network, evidence_year: int) -> dict[str, Any]:
    """Per right: "worth checking" in the year, in total and per deelgemeente (two queries)."""
    rows = (
        RightCheckCount.objects.filter(right__network=network, month__year=evidence_year)
        .values("right_id", "deelgemeente__name")
        .annotate(total=Sum("worth_checking"))
        .order_by("right_id", "deelgemeente__name")
    )
    per_right: dict[int, list] = {}
    for row in rows:
        per_right.setdefault(row["right_id"], []).append(row)
    rights = []
    for right in Right.objects.filter(network=network).order_by("order", "name"):
        places = per_right.get(right.id, [])
        rights.append(
            {
                "id": right.id,
                "name": right.name_nl or right.name,
                "total": _cell(sum(place["total"] for place in places)),
                "places": [
                    {"name": place["deelgemeente__name"] or "", "count": _cell(place["total"])}
                    for place in places
                ],
            }
        )
    return {"year": evidence_year, "rights": rights}

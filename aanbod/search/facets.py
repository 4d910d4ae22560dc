"""Result counts per filter value, for all filter groups in one statement.

Counts are "disjunctive": a group's counts apply every other active group but not its own,
so ticking "Tuesday" still shows how many offers there are on Wednesday. The matched offers
are computed once (a CTE with one flag per active group); each group is a GROUP BY over it.

Counts are the same for every visitor who asks the same thing, and the broad questions
(no words, one filter, the agenda's filters) are the most asked and the dearest to count:
they are cached per statement until the catalogue changes (aanbod.catalogue_version).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection

from ..catalogue_version import catalogue_version
from ..choices import (
    AccessType,
    AgeGroup,
    CostFilter,
    Language,
    LifeDomain,
    Moment,
)
from ..filters import OfferFilters
from .conditions import age_group_condition, base_condition, filter_conditions
from .sql import OFFER, Sql
from .vocabulary import PreparedQuery


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


GROUPS = ["age", "municipality", "deelgemeente", "domain", "access", "cost", "language", "moment"]
LABELS = {
    "age": AgeGroup,
    "domain": LifeDomain,
    "access": AccessType,
    "cost": CostFilter,
    "language": Language,
    "moment": Moment,
}

_AGE_VALUES = " , ".join(
    f"CASE WHEN {age_group_condition(value, table='')} THEN '{value}' END"
    for value in AgeGroup.values
)
# group -> (FROM-clause addition producing column v (and optionally label), GROUP BY columns)
_VALUE_SOURCES = {
    "age": (f", unnest(ARRAY[{_AGE_VALUES}]) AS v", "v, NULL::text"),
    "domain": (", unnest(life_domains) AS v", "v::text, NULL::text"),
    "access": (", LATERAL (SELECT access_type AS v) AS x", "v::text, NULL::text"),
    "cost": (
        ", unnest(ARRAY[CASE WHEN cost = 'free' THEN 'free' END,"
        " CASE WHEN kansentarief OR cost = 'reduced' THEN 'reduced' END]) AS v",
        "v, NULL::text",
    ),
    "language": (", unnest(languages) AS v", "v::text, NULL::text"),
    "moment": (
        ", unnest(indexed_weekdays::text[]"
        " || CASE WHEN indexed_evening THEN ARRAY['evening'] ELSE ARRAY[]::text[] END"
        " || CASE WHEN indexed_weekdays && '{5,6}'::smallint[] THEN ARRAY['weekend']"
        " ELSE ARRAY[]::text[] END) AS v",
        "v, NULL::text",
    ),
    "municipality": (", unnest(indexed_municipality_ids) AS v", "v::text, NULL::text"),
    "deelgemeente": (", unnest(indexed_deelgemeente_ids) AS v", "v::text, NULL::text"),
}
# Names are joined after counting, so a name is looked up once per value, not per offer.
_NAMED = {"municipality": "partners_municipality", "deelgemeente": "partners_deelgemeente"}


def facet_counts(prepared: PreparedQuery, filters: OfferFilters) -> dict[str, list[FacetValue]]:
    conditions = filter_conditions(filters)
    flags = [Sql(", ") + conditions[g] + Sql(f" AS f_{g}") for g in GROUPS if g in conditions]
    cte = (
        Sql(
            "WITH matched AS MATERIALIZED (SELECT age_months, target_groups, for_wish_for_child,"
            " life_domains, access_type, cost,"
            " kansentarief, languages, indexed_weekdays, indexed_evening,"
            " indexed_municipality_ids, indexed_deelgemeente_ids"
        )
        + Sql.join("", flags)
        + Sql(f" FROM {OFFER} WHERE ")
        + base_condition(prepared, filters)
        + Sql(")\n")
    )
    branches = []
    for group in GROUPS:
        source, columns = _VALUE_SOURCES[group]
        others = [f"f_{g}" for g in GROUPS if g in conditions and g != group]
        where = " AND ".join(["v IS NOT NULL" if "AS v" in source else "TRUE", *others])
        # Only our own constants are interpolated; user values are in the CTE's params.
        branch = (
            f"SELECT '{group}' AS grp, {columns}, count(*) AS n FROM matched{source}"  # noqa: S608
            f" WHERE {where} GROUP BY 1, 2, 3"
        )
        if group in _NAMED:
            branch = (
                f"SELECT c.grp, c.v, p.name, c.n FROM ({branch.replace(columns, 'v::text AS v, NULL::text', 1)}) c"  # noqa: S608, E501
                f" JOIN {_NAMED[group]} p ON p.id = c.v::bigint"
            )
        branches.append(branch)
    statement = cte + Sql("\nUNION ALL\n".join(branches))
    return _facets_from_rows(_counted(statement, cacheable=counts_keepable(filters)), filters)


FACETS_CACHE_SECONDS = 600


def counts_keepable(filters: OfferFilters) -> bool:
    """Whether the counts for these filters may be kept for the catalogue version: "today"
    moves with the clock like "happening now" (its statement holds the time)."""
    return not filters.open_now and not filters.when


def _counted(statement: Sql, *, cacheable: bool) -> list[tuple]:
    # "Happening now" changes by the minute: those counts are never kept.
    key = None
    if cacheable:
        digest = hashlib.sha256(repr((statement.text, statement.params)).encode()).hexdigest()
        key = f"aanbod:facets:{catalogue_version()}:{digest}"
        rows = cache.get(key)
        if rows is not None:
            return rows
    with connection.cursor() as cursor:
        cursor.execute(statement.text, statement.params)
        rows = cursor.fetchall()
    if key is not None:
        cache.set(key, rows, FACETS_CACHE_SECONDS)
    return rows


def _selected(filters: OfferFilters) -> dict[str, set[str]]:
    return {
        "age": set(filters.ages),
        "municipality": {str(i) for i in filters.municipalities},
        "deelgemeente": {str(i) for i in filters.deelgemeenten},
        "domain": set(filters.life_domains),
        "access": set(filters.access_types),
        "cost": set(filters.costs),
        "language": set(filters.languages),
        "moment": set(filters.moments),
    }


def _facets_from_rows(rows, filters: OfferFilters) -> dict[str, list[FacetValue]]:
    counts: dict[str, dict[str, tuple[str, int]]] = {group: {} for group in GROUPS}
    for group, value, label, count in rows:
        counts[group][value] = (label or "", count)
    selected = _selected(filters)
    facets: dict[str, list[FacetValue]] = {}
    for group in GROUPS:
        choices = LABELS.get(group)
        if choices is not None:
            # Fixed groups keep their natural order and show every value (also zero counts
            # of selected ones, so a ticked box never disappears).
            facets[group] = [
                FacetValue(
                    value=value,
                    label=str(label),
                    count=counts[group].get(value, ("", 0))[1],
                    selected=value in selected[group],
                )
                for value, label in choices.choices
                if value in counts[group] or value in selected[group]
            ]
        else:
            facets[group] = _places(
                FacetValue(value=value, label=label, count=count, selected=value in selected[group])
                for value, (label, count) in counts[group].items()
            )
    if len(facets["municipality"]) > 1 and not filters.municipalities:
        # Sub-municipalities once the municipality is known: one list of hundreds helps nobody.
        facets["deelgemeente"] = [facet for facet in facets["deelgemeente"] if facet.selected]
    return facets


# A catalogue over many municipalities shows the places with the most offers (and every
# ticked one), not a list of hundreds on a phone.
MAX_PLACES = 20


def _places(values) -> list[FacetValue]:
    values = list(values)
    if len(values) > MAX_PLACES:
        most = {facet.value for facet in sorted(values, key=lambda f: -f.count)[:MAX_PLACES]}
        values = [facet for facet in values if facet.value in most or facet.selected]
    return sorted(values, key=lambda facet: facet.label)

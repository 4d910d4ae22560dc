"""What a page could cost at best: its SQL alone, measured on the same data.

- `single_statement`: the search page's data in one statement — the page of offers (with
  partner, places, weekly times with their exceptions and the next dated activities), the
  total and every facet count — built from the same conditions aanbod.search.conditions writes.
- `replay`: the statements a page really ran (captured in-process), re-run through a plain
  psycopg connection: the page's own SQL without Python, templates or HTTP.
"""

# ruff: noqa: S608  (SQL is built from aanbod.search's constants; user values are parameters)

from __future__ import annotations

import statistics
import time

import psycopg
from django.db import connection

from aanbod.filters import OfferFilters
from aanbod.search.conditions import base_condition, filter_conditions
from aanbod.search.facets import _NAMED, _VALUE_SOURCES, GROUPS
from aanbod.search.ranking import text_rank
from aanbod.search.results import PAGE_SIZE
from aanbod.search.sql import OFFER, Sql
from aanbod.search.vocabulary import prepare_words

_MATCHED_COLUMNS = (
    "id, title_nl, organisation_id, age_months, target_groups, for_wish_for_child, life_domains,"
    " access_type, cost, kansentarief,"
    " languages, indexed_weekdays, indexed_evening, indexed_municipality_ids,"
    " indexed_deelgemeente_ids"
)

_PAGE_ROWS = """
SELECT p.rank, o.id, o.slug, o.title, o.title_nl, o.summary, o.summary_nl, o.cost,
       o.kansentarief, o.access_type, o.availability, o.age_months::text AS ages,
       org.name AS organisation,
       (SELECT json_agg(json_build_object('name', l.name, 'slug', l.slug, 'city', l.city,
                'deelgemeente', d.name, 'municipality', m.name) ORDER BY l.name)
          FROM aanbod_offer_locations ol JOIN partners_location l ON l.id = ol.location_id
          LEFT JOIN partners_deelgemeente d ON d.id = l.deelgemeente_id
          LEFT JOIN partners_municipality m ON m.id = d.municipality_id
         WHERE ol.offer_id = o.id) AS locations,
       (SELECT json_agg(json_build_object('weekday', s.weekday, 'starts', s.starts,
                'ends', s.ends, 'week_of_month', s.week_of_month,
                'school_weeks_only', s.school_weeks_only, 'valid_from', s.valid_from,
                'valid_until', s.valid_until,
                'exceptions', (SELECT json_agg(json_build_object('date', e.date,
                    'cancelled', e.cancelled, 'starts', e.starts, 'ends', e.ends))
                  FROM aanbod_scheduleexception e WHERE e.schedule_id = s.id)))
          FROM aanbod_recurringschedule s WHERE s.offer_id = o.id) AS weekly,
       (SELECT json_agg(json_build_object('starts_at', n.starts_at, 'ends_at', n.ends_at))
          FROM (SELECT starts_at, ends_at FROM aanbod_occurrence c
                 WHERE c.offer_id = o.id AND c.ends_at > now() AND NOT c.cancelled
                 ORDER BY c.starts_at LIMIT 2) n) AS dated
  FROM page p JOIN aanbod_offer o ON o.id = p.id
  JOIN partners_organisation org ON org.id = o.organisation_id
"""


def single_statement(*, query: str, filters: OfferFilters, page: int = 1) -> tuple[str, tuple]:
    """One statement returning the search page as JSON: offers, total and facet counts.

    The query words are prepared first (aanbod.search.vocabulary.prepare_words, uncached:
    one statement, as the page's first visitor pays it); the rest is one round trip.
    """
    prepared = prepare_words(query or "")
    conditions = filter_conditions(filters)
    active = [g for g in GROUPS if g in conditions]
    flags = Sql.join("", [Sql(", ") + conditions[g] + Sql(f" AS f_{g}") for g in active])
    all_flags = " AND ".join(f"f_{g}" for g in active) or "TRUE"
    offset = (max(1, page) - 1) * PAGE_SIZE
    statement = (
        Sql(f"WITH matched AS MATERIALIZED (SELECT {_MATCHED_COLUMNS}, ")
        + text_rank(prepared)
        + Sql(" AS rank")
        + flags
        + Sql(f" FROM {OFFER} WHERE ")
        + base_condition(prepared, filters)
        + Sql(
            f"),\npage AS (SELECT id, rank, title_nl FROM matched WHERE {all_flags}"
            f" ORDER BY rank DESC, title_nl, id LIMIT {PAGE_SIZE} OFFSET {offset})\n"
        )
    )
    branches = []
    for group in GROUPS:
        source, columns = _VALUE_SOURCES[group]
        others = [f"f_{g}" for g in active if g != group]
        where = " AND ".join(["v IS NOT NULL" if "AS v" in source else "TRUE", *others])
        branch = (
            f"SELECT '{group}' AS grp, {columns}, count(*) AS n FROM matched{source}"
            f" WHERE {where} GROUP BY 1, 2, 3"
        )
        if group in _NAMED:
            inner = branch.replace(columns, "v::text AS v, NULL::text", 1)
            branch = (
                f"SELECT c.grp, c.v, p.name, c.n FROM ({inner}) c"
                f" JOIN {_NAMED[group]} p ON p.id = c.v::bigint"
            )
        branches.append(branch)
    statement += Sql(
        "SELECT json_build_object("
        f"'total', (SELECT count(*) FROM matched WHERE {all_flags}),"
        f" 'offers', (SELECT json_agg(x ORDER BY x.rank DESC, x.title_nl, x.id) FROM ({_PAGE_ROWS}) x),"  # noqa: E501
        " 'facets', (SELECT json_agg(f) FROM (" + " UNION ALL ".join(branches) + ") f),"
        " 'holidays', (SELECT json_agg(h) FROM partners_schoolholiday h"
        ' WHERE h."end" >= current_date AND h.start <= current_date + 120))'
    )
    return statement.text, statement.params


def raw_connection() -> psycopg.Connection:
    """A plain psycopg connection to the same database, outside Django."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    return psycopg.connect(**params, autocommit=True)


def time_statements(raw: psycopg.Connection, statements: list[tuple[str, tuple]]) -> float:
    """Milliseconds to run `statements` one after another, fetching every row."""
    started = time.perf_counter()
    with raw.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params or None)
            if cursor.description is not None:
                cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def replayable(captured: list[dict]) -> list[tuple[str, tuple]]:
    """The reads among captured statements (writes such as a session save are skipped)."""
    reads = []
    for query in captured:
        sql = query["sql"]
        head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if head in ("SELECT", "WITH"):
            reads.append((sql, ()))
    return reads


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0

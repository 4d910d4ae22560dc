"""Which offers a search matches: the parent's words and the filters, as SQL conditions.

Matching, per query word (any word may match; offers matching more words rank higher):
- Dutch full text on the stored document (aanbod.search.index), as a prefix, so
  "opvoeding" (stem "opvoed") finds "opvoedingsondersteuning" and plurals meet singulars;
- the same word as a prefix in the 'simple' configuration, for the translations;
- each alternative of the term (compound parts, synonyms, need words, a correction:
  aanbod.search.vocabulary);
- trigram word similarity against the title and search words, for the typos left.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ..choices import AGE_GROUP_MONTHS, AGE_GROUP_TARGET_GROUPS, Cost, OfferStatus
from ..filters import OfferFilters
from .dates import happening_now_condition, when_condition
from .sql import OFFER, TRUE, Sql
from .vocabulary import PreparedQuery, Term

MIN_TRIGRAM_TERM = 5
MIN_PREFIX_TERM = 3


def _tsquery_text(term: Term) -> str:
    def word_query(word: str) -> str:
        return f"{word}:*" if len(word) >= MIN_PREFIX_TERM else word

    return " | ".join(
        "(" + " & ".join(word_query(w) for w in alternative) + ")"
        for alternative in term.alternatives
        if alternative
    )


def term_tsquery(term: Term) -> Sql:
    text = _tsquery_text(term)
    return Sql("(to_tsquery('dutch', %s) || to_tsquery('simple', %s))", (text, text))


def typo_tolerant(term: Term) -> bool:
    # Trigram similarity costs a computation per row; only unknown words need it.
    return not term.known and len(term.word) >= MIN_TRIGRAM_TERM


def term_match(term: Term) -> Sql:
    match = Sql(f"({OFFER}.search_document @@ ") + term_tsquery(term) + Sql(")")
    if typo_tolerant(term):
        match = Sql("(") + match + Sql(f" OR %s <%% {OFFER}.search_text)", (term.word,))
    if term.domains:
        # "geldzorgen" finds what the Money tile finds; text matches still rank first.
        match = (
            Sql("(")
            + match
            + Sql(f" OR {OFFER}.life_domains && %s::varchar[])", (list(term.domains),))
        )
    return match


def text_match(prepared: PreparedQuery) -> Sql:
    if not prepared:
        return TRUE
    return Sql("(") + Sql.join(" OR ", [term_match(t) for t in prepared.terms]) + Sql(")")


# --- Filters -----------------------------------------------------------------------------


def age_group_condition(value: str, *, table: str = OFFER) -> str:
    """The SQL condition of one age-filter value, built from our constants only.

    An age group is a range of months the offer's ages overlap; the wish for a child is a
    target group instead (or the offer's "also for a wish for a child" box). The facet
    counts use the same text on their own columns (table="").
    """
    column = f"{table}." if table else ""
    if value in AGE_GROUP_TARGET_GROUPS:
        target_group = AGE_GROUP_TARGET_GROUPS[value]
        return (
            f"({column}target_groups && ARRAY['{target_group}']::varchar[]"
            f" OR {column}for_wish_for_child)"
        )
    low, high = AGE_GROUP_MONTHS[value]
    return f"{column}age_months && int4range({int(low)}, {int(high)})"


def filter_conditions(filters: OfferFilters) -> dict[str, Sql]:
    """One SQL condition per active filter group (values OR-ed inside the group)."""
    conditions: dict[str, Sql] = {}
    age_parts = [Sql(age_group_condition(value)) for value in filters.ages]
    age = Sql.join(" OR ", age_parts) if age_parts else None
    if filters.age_months is not None:
        months = Sql(f"{OFFER}.age_months @> %s::int", (filters.age_months,))
        age = months if age is None else Sql("(") + age + Sql(") AND ") + months
    if age is not None:
        conditions["age"] = Sql("(") + age + Sql(")")
    if filters.municipalities:
        conditions["municipality"] = Sql(
            f"{OFFER}.indexed_municipality_ids && %s::bigint[]", (list(filters.municipalities),)
        )
    if filters.deelgemeenten:
        conditions["deelgemeente"] = Sql(
            f"{OFFER}.indexed_deelgemeente_ids && %s::bigint[]", (list(filters.deelgemeenten),)
        )
    if filters.life_domains:
        conditions["domain"] = Sql(
            f"{OFFER}.life_domains && %s::varchar[]", (list(filters.life_domains),)
        )
    if filters.access_types:
        conditions["access"] = Sql(f"{OFFER}.access_type = ANY(%s)", (list(filters.access_types),))
    if filters.languages:
        conditions["language"] = Sql(
            f"{OFFER}.languages && %s::varchar[]", (list(filters.languages),)
        )
    if filters.costs:
        parts = []
        if "free" in filters.costs:
            parts.append(Sql(f"{OFFER}.cost = %s", (Cost.FREE.value,)))
        if "reduced" in filters.costs:
            parts.append(Sql(f"({OFFER}.kansentarief OR {OFFER}.cost = %s)", (Cost.REDUCED.value,)))
        conditions["cost"] = Sql("(") + Sql.join(" OR ", parts) + Sql(")")
    if filters.moments:
        days = [int(m) for m in filters.moments if m.isdigit()]
        parts = []
        if days:
            parts.append(Sql(f"{OFFER}.indexed_weekdays && %s::smallint[]", (days,)))
        if "evening" in filters.moments:
            parts.append(Sql(f"{OFFER}.indexed_evening"))
        if "weekend" in filters.moments:
            parts.append(Sql(f"{OFFER}.indexed_weekdays && '{{5,6}}'::smallint[]"))
        conditions["moment"] = Sql("(") + Sql.join(" OR ", parts) + Sql(")")
    return conditions


def base_condition(
    prepared: PreparedQuery, filters: OfferFilters, *, now: dt.datetime | None = None
) -> Sql:
    """Published, matching the text and within the chosen networks: before the facet filters.

    `now` (default: the clock) places "happening now" and "today / tomorrow".
    """
    now = now or timezone.now()
    condition = Sql(f"{OFFER}.status = %s AND ", (OfferStatus.PUBLISHED.value,)) + text_match(
        prepared
    )
    if filters.networks:
        condition += Sql(
            f" AND EXISTS (SELECT 1 FROM aanbod_offer_networks n WHERE n.offer_id = {OFFER}.id"  # noqa: S608
            " AND n.network_id = ANY(%s))",
            (list(filters.networks),),
        )
    if filters.open_now:
        condition += Sql(" AND ") + happening_now_condition(now)
    if filters.when:
        condition += Sql(" AND ") + when_condition(filters.when, now)
    return condition


def full_condition(
    prepared: PreparedQuery, filters: OfferFilters, *, now: dt.datetime | None = None
) -> Sql:
    parts = [base_condition(prepared, filters, now=now), *filter_conditions(filters).values()]
    return Sql.join(" AND ", parts)

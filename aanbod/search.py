"""The search engine of the catalogue: a parent's words → SQL that matches and ranks offers.

Matching, per query word (any word may match; offers matching more words rank higher):
- Dutch full text on the stored document (aanbod.search_index), as a prefix, so
  "opvoeding" (stem "opvoed") finds "opvoedingsondersteuning" and plurals meet singulars;
- the same word as a prefix in the 'simple' configuration, for the translations;
- the parts of a compound query word together ("kinderopvang" → kinder & opvang);
- the coordinator's synonyms, both ways ("pampers" ↔ "luiers");
- words of a need in the visitor's language ("تدليك الرضع" → babymassage, "борги" → the
  money domain): aanbod.NeedWord, see `need_alternatives`;
- a spelling correction from the vocabulary when the word is unknown ("peuterspelpunt");
- trigram word similarity against the title and search words, for the typos left.
`prepare_query` needs one statement (synonyms, need words, known words and corrections).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from huisvanhetkind.belgian_days import is_public_holiday
from partners.opening_hours import BRUSSELS

from .choices import AGE_GROUP_MONTHS, AGE_GROUP_TARGET_GROUPS, Cost, OfferStatus
from .filters import OfferFilters
from .query_words import need_domains, places_from_rows, places_sql
from .search_index import domain_token
from .text import MAX_QUERY_CHARS, query_terms, split_compound, words

# A correction is offered only when the word is unknown and this close to a known word.
SUGGESTION_MIN_SIMILARITY = 0.4
CLOSE_SIMILARITY = 0.6
MIN_TRIGRAM_TERM = 5
MIN_PREFIX_TERM = 3


@dataclass
class Term:
    word: str
    # Each alternative is a tuple of words that must all match (AND); alternatives are OR-ed.
    alternatives: list[tuple[str, ...]]
    correction: str | None = None
    # Known to the vocabulary (as a word or the start of one): no typo matching needed.
    known: bool = True
    # Life domains a need word stands for (aanbod.query_words): their offers match too.
    domains: tuple[str, ...] = ()


@dataclass
class PreparedQuery:
    text: str
    terms: list[Term] = field(default_factory=list)
    suggestion: str | None = None
    # Places named in the query (aanbod.query_words): (kind, id, the words that named it).
    places: list[tuple[str, int, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.terms)


@dataclass(frozen=True)
class Sql:
    """A fragment of SQL with its positional parameters, so fragments compose safely."""

    text: str
    params: tuple = ()

    def __add__(self, other: Sql) -> Sql:
        return Sql(self.text + other.text, self.params + other.params)

    @staticmethod
    def join(separator: str, parts: list[Sql]) -> Sql:
        return Sql(separator.join(p.text for p in parts), tuple(x for p in parts for x in p.params))


TRUE = Sql("TRUE")
OFFER = "aanbod_offer"

_PREPARE_SQL = """
SELECT 'synonym', s.term, s.expands_to, 1.0 FROM aanbod_synonym s
 WHERE s.term = ANY(%s) OR s.expands_to = ANY(%s)
UNION ALL
SELECT 'known', t.term, NULL, 1.0 FROM unnest(%s::text[]) AS t(term)
 WHERE EXISTS (SELECT 1 FROM aanbod_searchword w WHERE w.word LIKE t.term || '%%')
UNION ALL
SELECT 'spelling', t.term, c.word, c.sim FROM unnest(%s::text[]) AS t(term)
 CROSS JOIN LATERAL (
   SELECT w.word, similarity(w.word, t.term) AS sim FROM aanbod_searchword w
    WHERE w.word %% t.term AND char_length(t.term) >= 4
    ORDER BY sim DESC, w.frequency DESC, w.word LIMIT 1
 ) AS c
 WHERE c.sim >= %s
UNION ALL
SELECT 'need', g.gram, n.catalogue_terms || '|' || n.life_domain, 1.0
  FROM unnest(%s::text[]) AS g(gram) JOIN aanbod_needword n ON n.word = g.gram
UNION ALL
SELECT 'need', g.gram, n.catalogue_terms || '|' || n.life_domain, 1.0
  FROM unnest(%s::text[]) AS g(gram) JOIN aanbod_needword n
    ON strpos(n.word, '*') > 0 AND g.gram LIKE replace(n.word, '*', '%%')
   AND length(g.gram) - length(replace(g.gram, ' ', ''))
     = length(n.word) - length(replace(n.word, ' ', ''))
"""


def prepare_query(
    text: str, *, place_candidates: tuple[str, ...] = (), postcodes: tuple[str, ...] = ()
) -> PreparedQuery:
    """Terms with their synonyms, compound parts and corrections; one query when not empty.

    Place candidates and postcodes (aanbod.query_words) are looked up in the same statement;
    words that name a place become `places` and are no search terms.
    """
    prepared = PreparedQuery(text=text)
    raw_terms = query_terms(text)
    if not raw_terms and not postcodes:
        return prepared
    variants = sorted({v for term in raw_terms for v in _word_forms(term)})
    candidates = need_candidates(text)
    statement = Sql(
        _PREPARE_SQL,
        (
            variants,
            variants,
            raw_terms,
            raw_terms,
            SUGGESTION_MIN_SIMILARITY,
            candidates,
            candidates,
        ),
    ) + Sql(*places_sql(place_candidates, postcodes))
    with connection.cursor() as cursor:
        cursor.execute(statement.text, statement.params)
        rows = cursor.fetchall()
    prepared.places, place_words = places_from_rows(rows)
    raw_terms = [term for term in raw_terms if term not in place_words]
    needs = need_alternatives([(gram, found) for kind, gram, found, _s in rows if kind == "need"])
    synonyms = [(term, expands) for kind, term, expands, _sim in rows if kind == "synonym"]
    known = {term for kind, term, _x, _sim in rows if kind == "known"}
    corrections = {term: (word, sim) for kind, term, word, sim in rows if kind == "spelling"}
    for word in raw_terms:
        alternatives: list[tuple[str, ...]] = [(word,)]
        parts = split_compound(word)
        if parts:
            alternatives.append(tuple(parts))
        forms = _word_forms(word)
        for term, expands in synonyms:
            if term in forms:
                alternatives.append(tuple(words(expands)))
            elif expands in forms:
                alternatives.append(tuple(words(term)))
        alternatives += needs.get(word, [])
        correction = None
        # A compound of known parts is understood, unless a catalogue word is very close
        # ("kinderpsycholoog" is fine; "peuterspelpunt" means "peuterspeelpunt").
        candidate, similarity = corrections.get(word, (None, 0.0))
        understood = word in known or word in needs or synonyms_cover(word, synonyms)
        if parts and similarity < CLOSE_SIMILARITY:
            understood = True
        if candidate and not understood:
            correction = candidate
            alternatives.append((correction,))
        prepared.terms.append(
            Term(
                word=word,
                alternatives=list(dict.fromkeys(alternatives)),
                correction=correction,
                known=word in known or word in needs,
                domains=need_domains(word),
            )
        )
    fixes = {term.word: term.correction for term in prepared.terms if term.correction}
    if fixes:
        prepared.suggestion = " ".join(fixes.get(word, word) for word in words(text))
    return prepared


# --- Words of a need, in any language (aanbod.NeedWord) -------------------------------------

NEED_PHRASE_WORDS = 3


def need_candidates(text: str) -> list[str]:
    """Every run of one to three words of the query, as need words are stored: a phrase
    ("aide aux devoirs") may hold words the query itself drops."""
    found = words((text or "")[:MAX_QUERY_CHARS])
    grams = {
        " ".join(found[start : start + size])
        for size in range(1, NEED_PHRASE_WORDS + 1)
        for start in range(len(found) - size + 1)
    }
    return sorted(grams)


def need_alternatives(matches: list[tuple[str, str]]) -> dict[str, list[tuple[str, ...]]]:
    """Query word → the alternatives its need words add: the catalogue words (each a tuple
    that must match together) and the life domain's document word. A phrase's meaning is
    given to each of its words, so the offer it names matches all of them."""
    added: dict[str, list[tuple[str, ...]]] = {}
    for gram, found in matches:
        terms, _bar, domain = found.rpartition("|")
        alternatives = [tuple(words(term)) for term in terms.split(",") if words(term)]
        if domain:
            alternatives.append((domain_token(domain),))
        for word in gram.split():
            added.setdefault(word, []).extend(alternatives)
    return added


def synonyms_cover(word: str, synonyms: list[tuple[str, str]]) -> bool:
    forms = _word_forms(word)
    return any(term in forms or expands in forms for term, expands in synonyms)


def _word_forms(word: str) -> set[str]:
    """The word with and without a Dutch plural ending, for synonym lookups."""
    forms = {word, f"{word}s", f"{word}en"}
    if word.endswith("s") and len(word) > 3:
        forms.add(word[:-1])
    if word.endswith("en") and len(word) > 4:
        forms.add(word[:-2])
    return forms


# --- Matching and ranking ---------------------------------------------------------------


def _tsquery_text(term: Term) -> str:
    def word_query(word: str) -> str:
        return f"{word}:*" if len(word) >= MIN_PREFIX_TERM else word

    return " | ".join(
        "(" + " & ".join(word_query(w) for w in alternative) + ")"
        for alternative in term.alternatives
        if alternative
    )


def _term_tsquery(term: Term) -> Sql:
    text = _tsquery_text(term)
    return Sql("(to_tsquery('dutch', %s) || to_tsquery('simple', %s))", (text, text))


def _typo_tolerant(term: Term) -> bool:
    # Trigram similarity costs a computation per row; only unknown words need it.
    return not term.known and len(term.word) >= MIN_TRIGRAM_TERM


def term_match(term: Term) -> Sql:
    match = Sql(f"({OFFER}.search_document @@ ") + _term_tsquery(term) + Sql(")")
    if _typo_tolerant(term):
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


def text_rank(prepared: PreparedQuery) -> Sql:
    """Words matched first (each worth 1), then where they matched (title above text)."""
    if not prepared:
        return Sql("0.0")
    coverage = Sql.join(" + ", [Sql("(") + term_match(t) + Sql(")::int") for t in prepared.terms])
    all_terms = Sql.join(" || ", [_term_tsquery(t) for t in prepared.terms])
    rank = Sql("((") + coverage + Sql(f")::float + ts_rank({OFFER}.search_document, ")
    rank += all_terms + Sql(")")
    typos = [t for t in prepared.terms if _typo_tolerant(t)]
    if typos:
        similarity = Sql.join(
            ", ", [Sql(f"word_similarity(%s, {OFFER}.search_text)", (t.word,)) for t in typos]
        )
        rank += Sql(" + 0.3 * GREATEST(") + similarity + Sql(")")
    return rank + Sql(")")


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
        # Imported here: aanbod.ordering builds on this module's Sql.
        from .ordering import when_condition

        condition += Sql(" AND ") + when_condition(filters.when, now)
    return condition


def happening_now_condition(now: dt.datetime) -> Sql:
    """An offer taking place right now: a weekly slot of this weekday and hour (not on a
    public holiday, a cancelled date, the wrong week of the month or, for school-week
    slots, a school holiday), or a dated activity under way. Mirrors aanbod.schedules."""
    local = now.astimezone(BRUSSELS)
    day, time = local.date(), local.time()
    week_of_month = (day.day - 1) // 7 + 1
    last_week = (day + dt.timedelta(days=7)).month != day.month
    # Only our constants are interpolated; every value is a parameter.
    weekly = Sql(
        " EXISTS (SELECT 1 FROM aanbod_recurringschedule s WHERE s.offer_id = "  # noqa: S608
        + OFFER
        + ".id"
        " AND s.weekday = %s AND s.starts <= %s AND s.ends > %s"
        " AND (s.valid_from IS NULL OR s.valid_from <= %s)"
        " AND (s.valid_until IS NULL OR s.valid_until >= %s)"
        " AND (s.week_of_month IS NULL OR s.week_of_month = %s OR (s.week_of_month = -1 AND %s))"
        " AND NOT (s.school_weeks_only AND EXISTS (SELECT 1 FROM partners_schoolholiday h"
        " WHERE h.start <= %s AND h.end >= %s))"
        " AND NOT EXISTS (SELECT 1 FROM aanbod_scheduleexception e"
        " WHERE e.schedule_id = s.id AND e.date = %s AND e.cancelled))",
        (day.weekday(), time, time, day, day, week_of_month, last_week, day, day, day),
    )
    dated = Sql(
        " EXISTS (SELECT 1 FROM aanbod_occurrence o WHERE o.offer_id = "  # noqa: S608
        + OFFER
        + ".id"
        " AND NOT o.cancelled AND o.starts_at <= %s AND o.ends_at > %s)",
        (now, now),
    )
    if is_public_holiday(day):
        return Sql("(") + dated + Sql(")")
    return Sql("(") + weekly + Sql(" OR") + dated + Sql(")")


def full_condition(
    prepared: PreparedQuery, filters: OfferFilters, *, now: dt.datetime | None = None
) -> Sql:
    parts = [base_condition(prepared, filters, now=now), *filter_conditions(filters).values()]
    return Sql.join(" AND ", parts)

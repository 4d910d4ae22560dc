"""The words the catalogue knows, and a parent's words looked up in them.

`prepare_query` turns the search words into terms, each with its alternatives, in one
statement (synonyms, need words, known words, spelling corrections and places):
- the parts of a compound query word together ("kinderopvang" → kinder & opvang);
- the coordinator's synonyms, both ways ("pampers" ↔ "luiers");
- words of a need in the visitor's language ("تدليك الرضع" → babymassage, "борги" → the
  money domain): aanbod.NeedWord, see `need_alternatives`;
- a spelling correction from the vocabulary when the word is unknown ("peuterspelpunt").
The vocabulary (aanbod.SearchWord) is the words of the published offers, written at
re-index time (aanbod.search.index) and rebuilt by `vocabulary_rebuild`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

from ..catalogue_version import catalogue_changed, catalogue_version
from ..models import Offer, SearchWord
from .parsing import need_domains, places_from_rows, places_sql
from .sql import Sql
from .text import (
    MAX_QUERY_CHARS,
    STOPWORDS,
    compound_parts,
    domain_token,
    query_terms,
    split_compound,
    words,
)

# A correction is offered only when the word is unknown and this close to a known word.
SUGGESTION_MIN_SIMILARITY = 0.4
CLOSE_SIMILARITY = 0.6


@dataclass
class Term:
    word: str
    # Each alternative is a tuple of words that must all match (AND); alternatives are OR-ed.
    alternatives: list[tuple[str, ...]]
    correction: str | None = None
    # Known to the vocabulary (as a word or the start of one): no typo matching needed.
    known: bool = True
    # Life domains a need word stands for (aanbod.search.parsing): their offers match too.
    domains: tuple[str, ...] = ()


@dataclass
class PreparedQuery:
    text: str
    terms: list[Term] = field(default_factory=list)
    suggestion: str | None = None
    # Places named in the query (aanbod.search.parsing): (kind, id, the words that named it).
    places: list[tuple[str, int, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.terms)


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


# Prepared words are the same for every visitor until the catalogue, a synonym or a need
# word changes (each bumps aanbod.catalogue_version): kept so a repeated question costs no
# statement.
PREPARED_SECONDS = 600


def prepare_query(
    text: str, *, place_candidates: tuple[str, ...] = (), postcodes: tuple[str, ...] = ()
) -> PreparedQuery:
    """`prepare_words`, cached per catalogue version (one cache read)."""
    if not query_terms(text) and not postcodes:
        return PreparedQuery(text=text)
    varying = repr((text, place_candidates, postcodes)).encode()
    key = f"aanbod:prepared:{catalogue_version()}:{hashlib.sha256(varying).hexdigest()}"
    prepared = cache.get(key)
    if prepared is None:
        prepared = prepare_words(text, place_candidates=place_candidates, postcodes=postcodes)
        cache.set(key, prepared, PREPARED_SECONDS)
    return prepared


def prepare_words(
    text: str, *, place_candidates: tuple[str, ...] = (), postcodes: tuple[str, ...] = ()
) -> PreparedQuery:
    """Terms with their synonyms, compound parts and corrections; one query when not empty.

    Place candidates and postcodes (aanbod.search.parsing) are looked up in the same statement;
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


# --- The vocabulary: words of the published offers ---------------------------------------


def vocabulary_rebuild() -> None:
    """Rebuild the vocabulary from the published offers only (drops words of removed offers)."""
    vocabulary: Counter[str] = Counter()
    for offer in Offer.objects.published().select_related("organisation"):
        vocabulary.update(set(vocabulary_words(offer)))
    with transaction.atomic(), connection.cursor() as cursor:
        SearchWord.objects.all().delete()
        vocabulary_add(cursor, vocabulary)
    catalogue_changed()  # corrections come from the vocabulary


def vocabulary_words(offer: Offer) -> list[str]:
    texts = [offer.title_nl, offer.summary_nl, offer.keywords, offer.description_nl]
    texts += [getattr(offer, f"title_{code}", "") or "" for code, _name in settings.LANGUAGES]
    found = []
    for word in words(" ".join(text or "" for text in texts)):
        if 3 <= len(word) <= 60 and not word.isdigit() and word not in STOPWORDS:
            found.append(word)
            found += compound_parts(word)
    return found


def vocabulary_add(cursor, vocabulary: Counter[str]) -> None:
    if not vocabulary:
        return
    cursor.executemany(
        "INSERT INTO aanbod_searchword (word, frequency) VALUES (%s, %s) "
        "ON CONFLICT (word) DO UPDATE SET frequency = GREATEST(aanbod_searchword.frequency, "
        "EXCLUDED.frequency)",
        sorted(vocabulary.items()),
    )

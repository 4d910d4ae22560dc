"""What a parent's question says besides its search words: the one home of these rules.

Parents type questions, not keywords: "we hebben geldzorgen", "mijn kind pest",
"babymassage in 9240 vandaag". Before the words go to the full-text search
(aanbod.search.vocabulary.prepare_query):
- filler words of a question are dropped (aanbod.search.text.STOPWORDS always; QUESTION_FILLER
  only when another word is left, so a search for just "kind" still searches);
- words for a time become time filters: a weekday or the weekend → the "When" filter,
  "vandaag" / "morgen" → a date window (offers with a date that day);
- a Belgian postcode (1000–9999) becomes a place candidate, like every run of one to three
  words; prepare_query looks the candidates up among the municipalities and
  sub-municipalities in the same statement as the words, so no extra query;
- need words point to a life domain ("geldzorgen" → money): the word then also matches
  every offer of that domain, so typing the need finds what the home tile finds.
Pure functions, no database: tested rule by rule in aanbod/tests/test_query_words.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..choices import LifeDomain, Moment
from .text import MAX_QUERY_CHARS, STOPWORDS, normalise, words

# Words that carry no need in a question, dropped when another word is left. The common
# ones (we, hebben, mijn, waar, kan, ik, ...) are in aanbod.search.text.STOPWORDS already.
QUESTION_FILLER = frozenset(
    [
        "kind",
        "kid",
        "terecht",
        "nodig",
        "hebt",
        "heb",
        "heeft",
        "moet",
        "moeten",
        "mag",
        "mogen",
        "ga",
        "gaan",
        "gaat",
        "wanneer",
        "ergens",
        "iemand",
        "alsjeblieft",
        "aub",
        "problemen",
        "probleem",
        "zorgen",
        "moeite",
        "last",
        "even",
        "onze",
        "jullie",
        "hij",
        "zij",
        "zoon",
        "dochter",
        "beetje",
        "soms",
        "vaak",
        "heel",
        "erg",
    ]
)

# Need words → the life domain whose offers answer them (exact normalised words). Only
# words a parent uses for a need the catalogue files under a domain rather than in titles.
NEED_DOMAINS: dict[str, str] = {
    **dict.fromkeys(
        [
            "geld",
            "geldzorgen",
            "geldproblemen",
            "geldprobleem",
            "schuld",
            "schulden",
            "budget",
            "armoede",
            "arm",
            "rekeningen",
            "rekening",
            "facturen",
            "factuur",
            "afbetaling",
            "afbetalen",
            "deurwaarder",
            "leefloon",
            "rondkomen",
        ],
        LifeDomain.MONEY.value,
    ),
    **dict.fromkeys(
        ["woning", "huurwoning", "huur", "wonen", "dakloos", "uithuiszetting"],
        LifeDomain.HOUSING.value,
    ),
    **dict.fromkeys(["werkloos", "werkzoekend"], LifeDomain.WORK.value),
    **dict.fromkeys(
        ["pest", "pesten", "gepest", "pestkop", "stress", "somber", "eenzaam", "depressie"],
        LifeDomain.MENTAL_WELLBEING.value,
    ),
    **dict.fromkeys(["mishandeling", "onveilig"], LifeDomain.SAFETY.value),
}

WEEKDAY_WORDS = {
    name: index
    for index, names in enumerate(
        [
            ("maandag", "maandagen", "maandags"),
            ("dinsdag", "dinsdagen", "dinsdags"),
            ("woensdag", "woensdagen", "woensdags", "woensdagnamiddag", "woensdagmiddag"),
            ("donderdag", "donderdagen", "donderdags"),
            ("vrijdag", "vrijdagen", "vrijdags"),
            ("zaterdag", "zaterdagen", "zaterdags"),
            ("zondag", "zondagen", "zondags"),
        ]
    )
    for name in names
}
WEEKEND_WORDS = frozenset({"weekend", "weekends", "weekenden"})
EVENING_WORDS = frozenset({"avond", "avonds", "savonds"})
TODAY_WORDS = frozenset({"vandaag", "vanavond", "nu"})
TOMORROW_WORDS = frozenset({"morgen"})
# "dit weekend", "deze woensdag", "'s avonds": the little word goes with the time word.
TIME_LEADS = frozenset({"dit", "deze", "s", "op", "om", "vanaf"})
EVENING_DAY_WORDS = frozenset({"vanavond"})

WHEN_TODAY, WHEN_TOMORROW = "today", "tomorrow"

POSTCODE = re.compile(r"^[1-9]\d{3}$")
# Place names a parent could mean as ordinary words (Flemish municipalities that are words).
NOT_PLACES = frozenset({"boom", "peer", "mol", "as", "hamme", "halle", "lier", "bree", "zele"})
MAX_PLACE_WORDS = 3


@dataclass(frozen=True)
class QueryWords:
    """A question split into what is searched as text and what became a filter."""

    text: str
    moments: tuple[str, ...] = ()
    when: str = ""
    postcodes: tuple[str, ...] = ()
    # Runs of 1–3 words (normalised, space-joined) that may name a place.
    place_candidates: tuple[str, ...] = field(default=())
    dropped: tuple[str, ...] = ()

    @property
    def understood(self) -> bool:
        return bool(self.moments or self.when or self.postcodes)


def parse_query(query: str) -> QueryWords:
    """Split `query` into search words and filters; never raises, needs no database."""
    tokens = words((query or "")[:MAX_QUERY_CHARS])
    moments: list[str] = []
    when = ""
    postcodes: list[str] = []
    kept: list[str] = []
    dropped: list[str] = []
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token in TIME_LEADS and _is_time_word(following):
            dropped.append(token)
            continue
        if token in WEEKDAY_WORDS:
            moments.append(str(WEEKDAY_WORDS[token]))
        elif token in WEEKEND_WORDS:
            moments.append(Moment.WEEKEND.value)
        elif token in EVENING_WORDS:
            moments.append(Moment.EVENING.value)
        elif token in TODAY_WORDS:
            when = when or WHEN_TODAY
            if token in EVENING_DAY_WORDS:
                moments.append(Moment.EVENING.value)
        elif token in TOMORROW_WORDS and not _is_morning(tokens, index):
            when = when or WHEN_TOMORROW
        elif POSTCODE.match(token):
            postcodes.append(token)
        else:
            kept.append(token)
            continue
        dropped.append(token)
    meaningful = [word for word in kept if word not in STOPWORDS and not word.isdigit()]
    if any(word not in QUESTION_FILLER for word in meaningful):
        filler = [word for word in meaningful if word in QUESTION_FILLER]
        meaningful = [word for word in meaningful if word not in QUESTION_FILLER]
        dropped += filler
    return QueryWords(
        text=" ".join(meaningful),
        moments=tuple(dict.fromkeys(moments)),
        when=when,
        postcodes=tuple(dict.fromkeys(postcodes)),
        place_candidates=place_candidates(meaningful),
        dropped=tuple(dropped),
    )


def _is_time_word(token: str) -> bool:
    return (
        token in WEEKDAY_WORDS
        or token in WEEKEND_WORDS
        or token in EVENING_WORDS
        or token in TODAY_WORDS
        or token in TOMORROW_WORDS
    )


def _is_morning(tokens: list[str], index: int) -> bool:
    # "'s morgens" is the morning; "morgen" alone is tomorrow.
    return index > 0 and tokens[index - 1] == "s"


def place_candidates(tokens: list[str]) -> tuple[str, ...]:
    """Every run of one to three words that could be a place name ("ter heide")."""
    candidates: list[str] = []
    for size in range(1, MAX_PLACE_WORDS + 1):
        for start in range(len(tokens) - size + 1):
            run = tokens[start : start + size]
            if size == 1 and (len(run[0]) < 3 or run[0] in NOT_PLACES):
                continue
            candidates.append(" ".join(run))
    return tuple(dict.fromkeys(candidates))


def need_domains(word: str) -> tuple[str, ...]:
    """Life domains a need word points to ("schulden" → money); () for other words."""
    domain = NEED_DOMAINS.get(normalise(word))
    return (domain,) if domain else ()


def window_for(when: str, now: dt.datetime, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """The [start, end) a time word means: today from now on, or all of tomorrow (Brussels)."""
    local = now.astimezone(zone)
    midnight = dt.datetime.combine(local.date(), dt.time(0), tzinfo=zone)
    if when == WHEN_TOMORROW:
        start = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
        end = dt.datetime.combine(local.date() + dt.timedelta(days=2), dt.time(0), tzinfo=zone)
        return start, end
    end = dt.datetime.combine(midnight.date() + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    return now, end


# --- Places: looked up in prepare_query's one statement ---------------------------------

# A place name as aanbod.search.text.words() sees it: lower case, Latin accents off, words joined
# by one space ("Sint-Niklaas" → "sint niklaas").
_NORMALISED_NAME = (
    "btrim(regexp_replace(translate(lower({column}), 'àáâäãèéêëìíîïòóôöõùúûüçñ',"
    " 'aaaaaeeeeiiiiooooouuuucn'), '[^a-z0-9]+', ' ', 'g'))"
)
_PLACES_SQL = (
    "\nUNION ALL\nSELECT 'place', c.run, 'municipality:' || m.id, 1.0"
    " FROM partners_municipality m JOIN unnest(%s::text[]) AS c(run)"
    f" ON {_NORMALISED_NAME.format(column='m.name')} = c.run"
    "\nUNION ALL\nSELECT 'place', c.run, 'deelgemeente:' || d.id, 1.0"
    " FROM partners_deelgemeente d JOIN unnest(%s::text[]) AS c(run)"
    f" ON {_NORMALISED_NAME.format(column='d.name')} = c.run"
    "\nUNION ALL\nSELECT 'place', d.postcode, 'deelgemeente:' || d.id, 1.0"
    " FROM partners_deelgemeente d WHERE d.postcode = ANY(%s)"
)


def places_sql(candidates: tuple[str, ...], postcodes: tuple[str, ...]) -> tuple[str, tuple]:
    """A UNION ALL branch for prepare_query: rows ('place', words, 'kind:id', 1.0)."""
    if not candidates and not postcodes:
        return "", ()
    return _PLACES_SQL, (list(candidates), list(candidates), list(postcodes))


def places_from_rows(rows) -> tuple[list[tuple[str, int, str]], set[str]]:
    """The places the query named, and the words that named them (no longer search words).

    A municipality wins over its sub-municipality of the same name ("Wilgendaal"), and a
    longer name over the words inside it.
    """
    found: dict[str, list[tuple[str, int]]] = {}
    for kind, run, target, _sim in rows:
        if kind != "place":
            continue
        place_kind, _colon, place_id = target.partition(":")
        found.setdefault(run, []).append((place_kind, int(place_id)))
    places: list[tuple[str, int, str]] = []
    used: set[str] = set()
    for run in sorted(found, key=lambda r: -len(r.split())):
        run_words = set(run.split())
        if run_words & used:
            continue
        matches = found[run]
        municipalities = [m for m in matches if m[0] == "municipality"]
        for place_kind, place_id in municipalities or matches:
            places.append((place_kind, place_id, run))
        used |= run_words
    return places, used


def understood_filters(filters, words: QueryWords, places: list[tuple[str, int, str]]):
    """`filters` (an aanbod.filters.OfferFilters) with what the query's words asked for."""
    from dataclasses import replace

    def more(current: tuple, extra) -> tuple:
        return tuple(dict.fromkeys([*current, *extra]))

    return replace(
        filters,
        municipalities=more(
            filters.municipalities, [pid for kind, pid, _w in places if kind == "municipality"]
        ),
        deelgemeenten=more(
            filters.deelgemeenten, [pid for kind, pid, _w in places if kind == "deelgemeente"]
        ),
        moments=more(filters.moments, words.moments),
        when=filters.when or words.when,
    )

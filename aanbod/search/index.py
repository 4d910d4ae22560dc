"""The stored search document of an offer and its filter columns (the search index).

The document is written from Python (never by a trigger or save()): the offer services and
the admin call `offer_reindex` after every change, and `reindex_offers` refreshes all in bulk
(nightly, because upcoming dates and a location's sub-municipality change outside this app).
A bulk load through the services (the demo catalogue) wraps itself in `reindex_deferred()`:
each offer is indexed once, with the others, when the block ends.
Weights: A title, B summary, search words and compound parts of the title, C description,
partner and places, D translations and the life domains (as `domain_token`s, which words of
a need in any language can ask for: aanbod.NeedWord).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils import timezone

from partners.models import Location
from partners.opening_hours import BRUSSELS
from partners.selectors import school_holidays_between

from ..catalogue_version import catalogue_changed
from ..choices import OfferStatus
from ..models import Occurrence, Offer, RecurringSchedule
from ..schedules import HORIZON_DAYS, next_occurrences, schedules_with_exceptions
from .text import compound_parts, domain_token, normalise
from .vocabulary import vocabulary_add, vocabulary_words

EVENING_AFTER = dt.time(18, 0)
# Upcoming dated activities within this many days count for the weekday/evening filters.
DATED_WINDOW_DAYS = 120
# Next dates stored per offer: enough for a card's two and a day of many slots.
STORED_DATES = 12

_UPDATE_SQL = """
UPDATE aanbod_offer SET
    search_document =
        setweight(to_tsvector('dutch', %(a)s), 'A')
        || setweight(to_tsvector('dutch', %(b)s), 'B')
        || setweight(to_tsvector('simple', %(b_other)s), 'B')
        || setweight(to_tsvector('dutch', %(c)s), 'C')
        || setweight(to_tsvector('simple', %(d)s), 'D'),
    search_text = %(text)s,
    indexed_weekdays = %(weekdays)s,
    indexed_evening = %(evening)s,
    indexed_municipality_ids = %(municipalities)s,
    indexed_deelgemeente_ids = %(deelgemeenten)s,
    indexed_dates_from = %(dates_from)s,
    indexed_next_starts = %(next_starts)s,
    indexed_next_ends = %(next_ends)s,
    indexed_dates_complete = %(dates_complete)s
WHERE id = %(id)s
"""


# The ids of offers to index when the innermost `reindex_deferred()` block ends; None: now.
_deferred_ids: ContextVar[set[int] | None] = ContextVar("deferred_reindex_ids", default=None)


def offer_reindex(*, offer: Offer) -> None:
    """Refresh one offer's search document and filter columns (three or four queries), or,
    inside `reindex_deferred()`, when that block ends."""
    deferred = _deferred_ids.get()
    if deferred is not None:
        deferred.add(offer.id)
        return
    reindex_offers(Offer.objects.filter(id=offer.id))


@contextmanager
def reindex_deferred() -> Iterator[None]:
    """Offers the services index inside the block are indexed once, together, at its end.

    For loads through the services (create, times, submit, approve each index the offer):
    one bulk pass instead of several per offer. Use it inside the load's transaction; when
    the block raises, nothing is indexed (the transaction rolls the offers back anyway).
    """
    if _deferred_ids.get() is not None:  # an outer block indexes them
        yield
        return
    deferred: set[int] = set()
    token = _deferred_ids.set(deferred)
    try:
        yield
    finally:
        _deferred_ids.reset(token)
    if deferred:
        reindex_offers(Offer.objects.filter(id__in=deferred))


def reindex_offers(offers: Iterable[Offer] | None = None) -> int:
    """Refresh the search documents of `offers` (a queryset; default all) in few queries."""
    queryset = offers if offers is not None else Offer.objects.all()
    now = timezone.now()
    queryset = queryset.select_related("organisation").prefetch_related(
        Prefetch(
            "locations",
            queryset=Location.objects.select_related("deelgemeente__municipality"),
        ),
        Prefetch(
            "recurring_schedules",
            queryset=schedules_with_exceptions(
                RecurringSchedule.objects.select_related("location"),
                now.astimezone(BRUSSELS).date(),
            ),
        ),
        Prefetch(
            "occurrences",
            queryset=Occurrence.objects.select_related("location").filter(
                ends_at__gt=now,
                starts_at__lt=now + dt.timedelta(days=DATED_WINDOW_DAYS),
                cancelled=False,
            ),
        ),
    )
    rows = []
    vocabulary: Counter[str] = Counter()
    holidays = school_holidays_between(
        now.astimezone(BRUSSELS).date(), (now + dt.timedelta(days=HORIZON_DAYS)).date()
    )
    for offer in queryset:
        row = _document_row(offer) | _dates_row(offer, now, holidays)
        rows.append(row)
        if offer.status == OfferStatus.PUBLISHED:
            vocabulary.update(set(vocabulary_words(offer)))
    with transaction.atomic(), connection.cursor() as cursor:
        if rows:
            cursor.executemany(_UPDATE_SQL, rows)
        vocabulary_add(cursor, vocabulary)
    catalogue_changed()
    return len(rows)


def _dates_row(offer: Offer, now: dt.datetime, holidays) -> dict:
    """The offer's next dates as of `now` (aanbod.schedules: holidays, exceptions and moved
    times included), for ranking (aanbod.search.dates) and result cards. Weekly slots
    HORIZON_DAYS ahead, dated activities DATED_WINDOW_DAYS ahead: a slot that resumes after
    the summer sorts by that date, where the SQL used for stale rows (WEEKS_AHEAD weeks)
    calls it undated."""
    found = next_occurrences(offer, after=now, limit=STORED_DATES + 1, school_holidays=holidays)
    stored = found[:STORED_DATES]
    return {
        "dates_from": now,
        "next_starts": [date.starts_at for date in stored],
        "next_ends": [date.ends_at for date in stored],
        # Cut: a later date may be the next one once these are over (the SQL decides then).
        "dates_complete": len(found) <= STORED_DATES,
    }


def _document_row(offer: Offer) -> dict:
    title, summary = offer.title_nl or "", offer.summary_nl or ""
    keywords = offer.keywords.replace(",", " ")
    description = offer.description_nl or ""
    places = []
    municipalities, deelgemeenten = set(), set()
    for location in offer.locations.all():
        places += [location.name, location.city]
        if location.deelgemeente_id:
            deelgemeente = location.deelgemeente
            deelgemeenten.add(deelgemeente.id)
            municipalities.add(deelgemeente.municipality_id)
            places += [deelgemeente.name, deelgemeente.municipality.name]
    weekdays, evening = set(), False
    for schedule in offer.recurring_schedules.all():
        weekdays.add(schedule.weekday)
        evening = evening or schedule.ends > EVENING_AFTER
    for occurrence in offer.occurrences.all():
        starts, ends = (
            occurrence.starts_at.astimezone(BRUSSELS),
            occurrence.ends_at.astimezone(BRUSSELS),
        )
        weekdays.add(starts.weekday())
        evening = evening or ends.time() > EVENING_AFTER or ends.date() > starts.date()
    other_titles, other_texts = [], []
    for code, _name in settings.LANGUAGES:
        if code == "nl":
            continue
        other_titles.append(getattr(offer, f"title_{code}", "") or "")
        other_texts.append(getattr(offer, f"summary_{code}", "") or "")
        other_texts.append(getattr(offer, f"description_{code}", "") or "")
    head_parts = compound_parts(f"{title} {keywords}")
    return {
        "id": offer.id,
        "a": normalise(title),
        "b": normalise(" ".join([summary, keywords, *head_parts])),
        "b_other": normalise(" ".join(other_titles)),
        "c": normalise(
            " ".join(
                [
                    description,
                    offer.organisation.name,
                    *places,
                    *compound_parts(f"{summary} {description}"),
                ]
            )
        ),
        "d": normalise(" ".join([*other_texts, *map(domain_token, offer.life_domains or [])])),
        "text": normalise(" ".join([title, keywords, *head_parts])),
        "weekdays": sorted(weekdays),
        "evening": evening,
        "municipalities": sorted(municipalities),
        "deelgemeenten": sorted(deelgemeenten),
    }

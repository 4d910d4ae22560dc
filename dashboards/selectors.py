"""Reads that gather from several apps for one page: the layer above the domain apps."""

import datetime as dt
from itertools import islice

from django.core.cache import cache
from django.utils import timezone

from aanbod.agenda import agenda_between
from aanbod.catalogue_version import catalogue_version
from aanbod.filters import OfferFilters
from aanbod.selectors import coordinator_offer_attention
from partners.selectors import network_attention
from rechten.selectors import rights_review_nudge

from .kept import KeptInProcess

# "This week" of the home page is the same for every visitor of a day until the catalogue
# changes (offers, their times and places move aanbod.catalogue_version); a kept week
# lasts at most this long, which bounds what moves no version (a school holiday entered,
# a cancelled date).
THIS_WEEK_SECONDS = 15 * 60
# Weeks kept in each process: one per network and quarter of an hour is asked.
WEEKS_KEPT = 32
_weeks: KeptInProcess[list[tuple]] = KeptInProcess(WEEKS_KEPT)


def coordinator_start_page(*, user, today) -> dict:
    """What needs the coordinator now: ending agreements, open invitations, missing contacts
    (partners), offers to review, stale or losing their funding (aanbod), and rights not
    reviewed for a year (rechten)."""
    return {
        **network_attention(user=user, today=today),
        **coordinator_offer_attention(user=user, today=today),
        **rights_review_nudge(user=user, today=today),
    }


def this_week(*, network_id: int | None, now: dt.datetime, limit: int) -> list[tuple]:
    """The first `limit` activities of the network (None: of every network) from `now` to
    Sunday, as (day, offer, date): the home page's and a network page's "this week"
    (activities over by `now` left out)."""
    _key, week = this_week_kept(network_id=network_id, now=now, limit=limit)
    return [week[index] for index in this_week_on(week, now=now, limit=limit)]


def this_week_on(week: list[tuple], *, now: dt.datetime, limit: int) -> tuple[int, ...]:
    """Which lines of a kept week show at `now`: the first `limit` not over."""
    on = (index for index, (_day, _offer, date) in enumerate(week) if date.ends_at > now)
    return tuple(islice(on, limit))


def this_week_kept(*, network_id: int | None, now: dt.datetime, limit: int) -> tuple[tuple, list]:
    """The week `this_week` picks from at `now` (`_week_kept`), with the key it is kept
    under: the catalogue version, the network, the day and the quarter of an hour.

    It is looked up in the agenda once per key and kept in the cache for every process
    and in this process too; each request only drops what is over since.
    """
    today = timezone.localdate(now)
    version = catalogue_version()
    key = (network_id, today.isoformat(), int(now.timestamp()) // THIS_WEEK_SECONDS, limit)
    if version is None:  # Redis is away: nothing can be kept, so ask only for what shows
        return (version, *key), _week_from(network_id=network_id, now=now, limit=limit)

    def shared() -> list[tuple]:
        cache_key = f"dashboards:this-week:{version}:{':'.join(map(str, key))}"
        week = cache.get(cache_key)
        if week is None:
            week = _week_kept(network_id=network_id, today=today, limit=limit)
            cache.set(cache_key, week, THIS_WEEK_SECONDS)
        return week

    return (version, *key), _weeks.get_or_make(versions=(version,), key=key, make=shared)


def _week_from(*, network_id: int | None, now: dt.datetime, limit: int) -> list[tuple]:
    """The first `limit` activities from `now` to Sunday, straight from the agenda."""
    today = timezone.localdate(now)
    days = agenda_between(
        first_day=today,
        days=7 - today.weekday(),
        filters=_network_filters(network_id),
        now=now,
        per_day=limit,
        limit=limit,
    )
    return [(day.day, offer, date) for day in days for offer, date in day.items]


def _network_filters(network_id: int | None) -> OfferFilters:
    return OfferFilters(networks=() if network_id is None else (network_id,))


def _week_kept(*, network_id: int | None, today: dt.date, limit: int) -> list[tuple]:
    """What can still be among the first `limit` at any time of `today`: today's activities
    minus those that never can be (`limit` earlier ones end no sooner), then the first
    `limit` of the days after (nothing of those is over today)."""
    filters = _network_filters(network_id)
    rest_of_week = 6 - today.weekday()
    found = [
        (day.day, offer, date)
        for day in agenda_between(first_day=today, days=1, filters=filters)
        for offer, date in day.items
    ]
    kept = [
        item
        for index, item in enumerate(found)
        if sum(earlier[2].ends_at >= item[2].ends_at for earlier in found[:index]) < limit
    ]
    if rest_of_week:
        days = agenda_between(
            first_day=today + dt.timedelta(days=1),
            days=rest_of_week,
            filters=filters,
            per_day=limit,
            limit=limit,
        )
        kept += [(day.day, offer, date) for day in days for offer, date in day.items]
    return kept

"""Reads that gather from several apps for one page: the layer above the domain apps."""

import datetime as dt

from django.core.cache import cache
from django.utils import timezone

from aanbod.agenda import agenda_between
from aanbod.catalogue_version import catalogue_version
from aanbod.filters import OfferFilters
from aanbod.selectors import coordinator_offer_attention
from partners.selectors import network_attention
from rechten.selectors import rights_review_nudge

# "This week" of a network's page is the same for every visitor of a day until the
# catalogue changes (offers, their times and places move aanbod.catalogue_version); the
# timeout bounds what moves no version (a school holiday entered, a cancelled date).
THIS_WEEK_SECONDS = 15 * 60


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
    (activities over by `now` left out).

    The week is looked up in the agenda once per day and catalogue version and kept
    (`_week_kept`); each request only drops what is over since.
    """
    today = timezone.localdate(now)
    key = f"dashboards:this-week:{catalogue_version()}:{network_id}:{today.isoformat()}:{limit}"
    week = cache.get(key)
    if week is None:
        week = _week_kept(network_id=network_id, today=today, limit=limit)
        cache.set(key, week, THIS_WEEK_SECONDS)
    return [item for item in week if item[2].ends_at > now][:limit]


def _week_kept(*, network_id: int | None, today: dt.date, limit: int) -> list[tuple]:
    """What can still be among the first `limit` at any time of `today`: today's activities
    minus those that never can be (`limit` earlier ones end no sooner), then the first
    `limit` of the days after (nothing of those is over today)."""
    filters = OfferFilters(networks=() if network_id is None else (network_id,))
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

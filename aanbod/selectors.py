"""Reads of the catalogue for pages. Views never query the models directly."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.http import Http404
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname, get_language

from huisvanhetkind import permissions
from partners.models import Location, Network, Organisation, Zitdag

from .choices import AccessType, OfferStatus
from .models import (
    CONFIRM_EVERY_DAYS,
    PARTICIPATION_AGE_FIELDS,
    Occurrence,
    Offer,
    Participation,
    offer_link_fields,
    offer_long_fields,
)
from .permissions import reviewed_network_ids
from .schedules import prefetch_for_dates
from .ways_to_act import OFFER_CONTACT_FIELDS, ORGANISATION_CONTACT_FIELDS


def _zitdagen_prefetch() -> Prefetch:
    """The organisation's office days at locations: a parent may meet them there too."""
    return Prefetch(
        "organisation__zitdagen",
        queryset=Zitdag.objects.select_related("location").only(
            "organisation", "weekday", "starts", "ends", "note", "location__name", "location__slug"
        ),
    )


def _locations_prefetch() -> Prefetch:
    return Prefetch(
        "locations",
        queryset=Location.objects.select_related("deelgemeente__municipality").order_by("name"),
    )


def offer_get_public(*, slug: str, now: dt.datetime | None = None) -> Offer:
    """A published offer with what its page shows (partner, locations, schedules, dates).

    `first_network_id` is the network the page speaks for (the first by name): its
    network and the partner's office days come from partners' cache
    (`network_public`, `zitdagen_for_organisation`), not from two more statements.
    """
    now = now or timezone.now()
    first_network = (
        Offer.networks.through.objects.filter(offer_id=OuterRef("pk"))
        .order_by("network__name", "network_id")
        .values("network_id")[:1]
    )
    offer = (
        Offer.objects.published()
        .select_related("organisation")
        .annotate(first_network_id=Subquery(first_network))
        .prefetch_related(_locations_prefetch(), *prefetch_for_dates(now))
        .defer("search_document", "search_text")
        .filter(slug=slug)
        .first()
    )
    if offer is None:
        raise Http404
    return offer


def offer_link_public(*, pk) -> Offer | None:
    """A published offer's title and address, for a page that names it ("Stel je vraag"
    about this offer); None for anything else, including a malformed id."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if not 0 < pk < 2**63:
        return None
    return Offer.objects.published().only(*offer_link_fields()).filter(pk=pk).first()


def offer_image_public(*, slug: str):
    """The image of a published offer (a draft's image is not public yet); 404 without."""
    offer = Offer.objects.published().filter(slug=slug).only("id", "image").first()
    if offer is None or not offer.image:
        raise Http404
    return offer.image


def offers_by_ids(ids: list[int]) -> list[Offer]:
    """Published offers in the given order (a shortlist, a page of results), with partner
    and locations."""
    if not ids:
        return []
    offers = (
        Offer.objects.published()
        .filter(id__in=ids)
        .select_related("organisation")
        .prefetch_related(_locations_prefetch())
        .defer(*offer_long_fields())
    )
    by_id = {offer.id: offer for offer in offers}
    return [by_id[offer_id] for offer_id in ids if offer_id in by_id]


# --- Mijn aanbod: the partner's and coordinator's own offers ----------------------------

MINE_PAGE_SIZE = 25
# How far back a partner can pick a dated activity when entering participation.
PARTICIPATION_LOOKBACK_DAYS = 90
# The coordinator's start page warns this long before project money stops.
FUNDING_WARNING_DAYS = 92


def offer_list_for_editor(*, user, status: str = "") -> QuerySet[Offer]:
    """Offers `user` may change (its organisations', or its networks' for a coordinator).

    One query per page whatever the number of rows; paginate the result.
    """
    offers = permissions.scope(user, Offer, "offer.edit")
    if status in OfferStatus.values:
        offers = offers.filter(status=status)
    return (
        offers.select_related("organisation")
        .defer("search_document", "search_text")
        .order_by(F("title_nl").asc(), "id")
    )


def offer_get_for_editor(*, user, pk: int) -> Offer:
    """An offer the user may change, with its places and times; 404 when not theirs."""
    offer = (
        permissions.scope(user, Offer, "offer.edit")
        .select_related("organisation")
        .prefetch_related("locations", "recurring_schedules__location")
        .filter(pk=pk)
        .first()
    )
    if offer is None:
        raise Http404
    return offer


def offer_get_for_preview(*, user, pk: int, now: dt.datetime | None = None) -> Offer:
    """Any offer the user may change, loaded like the public offer page loads a published one."""
    now = now or timezone.now()
    offer = (
        permissions.scope(user, Offer, "offer.edit")
        .select_related("organisation")
        .prefetch_related(
            "networks", _locations_prefetch(), _zitdagen_prefetch(), *prefetch_for_dates(now)
        )
        .filter(pk=pk)
        .first()
    )
    if offer is None:
        raise Http404
    return offer


def locations_for_organisation(organisation: Organisation) -> QuerySet[Location]:
    """Where an organisation's offers may take place: its own locations and its networks'."""
    return Location.objects.filter(
        Q(organisation=organisation) | Q(network__in=organisation.networks.all())
    ).order_by("name")


def locations_for_editor(*, user) -> QuerySet[Location]:
    """Places to choose from on a new offer: those of every organisation the user edits."""
    organisations = permissions.scope(user, Organisation, "offer.edit")
    return (
        Location.objects.filter(
            Q(organisation__in=organisations)
            | Q(network__in=Network.objects.filter(organisations__in=organisations))
        )
        .distinct()
        .order_by("name")
    )


def upcoming_occurrences(*, offer: Offer, now: dt.datetime | None = None) -> list[Occurrence]:
    """Dated activities still to come: the ones a partner edits (the past stays as it was)."""
    now = now or timezone.now()
    return list(offer.occurrences.filter(ends_at__gt=now).select_related("location"))


def recent_occurrences(*, offer: Offer, now: dt.datetime | None = None) -> QuerySet[Occurrence]:
    """Dated activities that took place lately, to say which one the counts are about."""
    now = now or timezone.now()
    return offer.occurrences.filter(
        starts_at__lte=now,
        starts_at__gte=now - dt.timedelta(days=PARTICIPATION_LOOKBACK_DAYS),
        cancelled=False,
    ).order_by("-starts_at")


def participations_of_offer(*, offer: Offer, limit: int = 10) -> list[Participation]:
    return list(offer.participations.select_related("occurrence")[:limit])


def organisations_for_editor(*, user) -> QuerySet[Organisation]:
    """Organisations `user` may add offers for."""
    return permissions.scope(user, Organisation.objects.order_by("name"), "offer.edit")


def offers_in_review_for_user(*, user) -> QuerySet[Offer]:
    """Offers waiting for this coordinator's review, oldest request first (a queryset for
    aanbod.mine_filters.ReviewFilterSet)."""
    return (
        permissions.scope(user, Offer.objects.filter(status=OfferStatus.IN_REVIEW), "offer.review")
        .select_related("organisation")
        .defer("search_document", "search_text")
        .order_by("updated_at", "id")
    )


def offer_get_for_review(*, user, pk: int) -> Offer:
    offer = permissions.scope(user, Offer, "offer.review").filter(pk=pk).first()
    if offer is None:
        raise Http404
    return offer


@dataclass(frozen=True, slots=True)
class OfferNeedingAttention:
    """One line of the coordinator's lists of offers: what the line shows, not the offer."""

    pk: int
    title: str  # in the active language, the Dutch title where it has none
    title_nl: str
    organisation_name: str
    access_type: str
    last_verified: dt.date | None
    funding_source: str
    funding_ends: dt.date | None

    @property
    def access_type_label(self) -> str:
        return dict(AccessType.choices).get(self.access_type, self.access_type)


ATTENTION_LISTS = (
    "offers_to_review",
    "offers_stale",
    "offers_funding_ending",
    "offers_without_way_to_act",
)


def coordinator_offer_attention(
    *, user, today: dt.date, limit: int = 20
) -> dict[str, list[OfferNeedingAttention]]:
    """Offers that need the coordinator: to review, not confirmed for six months, funding
    ending within three months, published without a way for families to act (see
    aanbod.ways_to_act). One statement: each list's first `limit` in its own order, joined
    with UNION ALL; empty lists for anyone who reviews nothing.

    Written in SQL (`_ATTENTION_SQL`): the ORM spent ≈ 6 ms building and compiling the four
    parts of a 1 ms statement on the admin's most visited page. Which offers the user may
    review comes from the permission registry as network ids (reviewed_network_ids); the
    lists' rules are those of Offer.objects.not_confirmed_since and ways_to_act.without_way_to_act,
    and tests hold the statement to the ORM's answer for each (test_offer_attention.py)."""
    lists: dict[str, list[OfferNeedingAttention]] = {name: [] for name in ATTENTION_LISTS}
    networks = reviewed_network_ids(user)
    if networks is not None and not networks:
        return lists
    params = {
        "networks": sorted(networks) if networks is not None else None,
        "in_review": OfferStatus.IN_REVIEW.value,
        "published": OfferStatus.PUBLISHED.value,
        "archived": OfferStatus.ARCHIVED.value,
        "registration": AccessType.REGISTRATION.value,
        "confirmed_before": today - dt.timedelta(days=CONFIRM_EVERY_DAYS),
        "time_zone": connection.timezone_name,
        "funding_from": today,
        "funding_until": today + dt.timedelta(days=FUNDING_WARNING_DAYS),
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(_attention_sql(get_language(), every_network=networks is None), params)
        rows = cursor.fetchall()
    # UNION ALL promises no order between or within its parts: each row says its place.
    for shown_in, _position, *fields in sorted(rows):
        lists[ATTENTION_LISTS[shown_in]].append(OfferNeedingAttention(*fields))
    return lists


# Each list: its rule (besides the scope) and its order. The rules are those of the ORM's
# Offer.objects.not_confirmed_since and ways_to_act.without_way_to_act (the contact fields
# are taken from there), held to them by aanbod/tests/test_offer_attention.py.
_ATTENTION_PARTS = (
    ("o.status = %(in_review)s", "o.updated_at ASC"),
    (
        "o.status = %(published)s AND (o.last_verified < %(confirmed_before)s"
        " OR (o.last_verified IS NULL"
        " AND (o.published_at AT TIME ZONE %(time_zone)s)::date < %(confirmed_before)s)"
        " OR (o.last_verified IS NULL AND o.published_at IS NULL))",
        "o.last_verified ASC NULLS FIRST",
    ),
    (
        "o.status <> %(archived)s AND o.funding_ends >= %(funding_from)s"
        " AND o.funding_ends <= %(funding_until)s",
        "o.funding_ends ASC",
    ),
    (
        "o.status = %(published)s"
        + "".join(f" AND o.{name} = ''" for name in OFFER_CONTACT_FIELDS)
        + " AND (o.how_to_join_nl = '' OR o.how_to_join_nl IS NULL) AND (("
        + " AND ".join(f"org.{name} = ''" for name in ORGANISATION_CONTACT_FIELDS)
        + ") OR o.access_type = %(registration)s)",
        "o.title_nl ASC, o.id ASC",
    ),
)
# An offer belongs to one of the reviewed networks (aanbod.permissions.reviewed_network_ids).
_IN_NETWORKS = (
    "o.id IN (SELECT offer_id FROM aanbod_offer_networks"
    " WHERE network_id = ANY(%(networks)s::bigint[])) AND "
)


@functools.cache
def _attention_sql(language: str, *, every_network: bool) -> str:
    # Counted row by row: a RANGE frame would read all rows tied with the twentieth (bulk
    # imports share one updated_at) before LIMIT stops the scan.
    title = connection.ops.quote_name(build_localized_fieldname("title", language))
    scope = "" if every_network else _IN_NETWORKS
    # Only this module's constants and a quoted column name go into the text; values are
    # parameters.
    return " UNION ALL ".join(
        f"(SELECT {index}, ROW_NUMBER() OVER (ORDER BY {order}"  # noqa: S608
        " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),"
        f" o.id, COALESCE(NULLIF(o.{title}, ''), o.title_nl), o.title_nl, org.name,"
        " o.access_type, o.last_verified, o.funding_source, o.funding_ends"
        " FROM aanbod_offer o JOIN partners_organisation org ON o.organisation_id = org.id"
        f" WHERE {scope}{rule} ORDER BY {order} LIMIT %(limit)s)"
        for index, (rule, order) in enumerate(_ATTENTION_PARTS)
    )


@dataclass
class ParticipationTotals:
    """Reach of a network in a year: activities counted, families, children, per age group.

    by_age_group has every key of PARTICIPATION_AGE_FIELDS; children_without_age are the
    children no age group was given for.
    """

    network: Network
    year: int
    activities: int
    families: int
    children: int
    by_age_group: dict[str, int]

    @property
    def children_without_age(self) -> int:
        return max(0, self.children - sum(self.by_age_group.values()))


def participation_totals(*, network: Network, year: int) -> ParticipationTotals:
    """Sum of the participation counts of the network's offers in `year` (one query).

    An offer of several networks counts in each of them.
    """
    sums = {field: Sum(field, default=0) for field in PARTICIPATION_AGE_FIELDS.values()}
    row = Participation.objects.filter(offer__networks=network, date__year=year).aggregate(
        activities=Count("id"),
        families_total=Sum("families", default=0),
        children_total=Sum("children", default=0),
        **sums,
    )
    return ParticipationTotals(
        network=network,
        year=year,
        activities=row["activities"],
        families=row["families_total"],
        children=row["children_total"],
        by_age_group={group: row[field] for group, field in PARTICIPATION_AGE_FIELDS.items()},
    )

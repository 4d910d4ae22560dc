"""Reads of the catalogue for pages. Views never query the models directly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    FloatField,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Window,
)
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from huisvanhetkind import permissions
from partners.models import Location, Network, Organisation, Zitdag

from .choices import OfferStatus
from .facets import FacetValue, facet_counts
from .filters import SORT_NEAREST, SORT_SOONEST, SORT_TITLE, OfferFilters
from .models import (
    CONFIRM_EVERY_DAYS,
    PARTICIPATION_AGE_FIELDS,
    Occurrence,
    Offer,
    Participation,
    offer_link_fields,
    offer_long_fields,
)
from .ordering import (
    GOOD_AGE_FIT,
    age_fit,
    chosen_age_range,
    distance_km,
    effective_sort,
    has_origin,
    next_start,
)
from .query_words import parse_query, understood_filters
from .schedules import prefetch_for_dates
from .search import full_condition, prepare_query, text_rank
from .ways_to_act import without_way_to_act

PAGE_SIZE = 20


@dataclass
class SearchResult:
    """One page of published offers for a query and filters.

    offers: with `organisation` and `locations` (with deelgemeente) loaded; next dates come
    from schedules.next_occurrences_for_offers(offers, …) in a fixed number of queries.
    facets: filter group -> values with counts (see aanbod.facets); suggestion: the query
    with misspelled words corrected, or None.
    """

    query: str
    filters: OfferFilters
    page: int
    offers: list[Offer]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str | None = None
    page_size: int = PAGE_SIZE
    # The order used (aanbod.filters.SORT_CHOICES; '' = relevance) and whether "nearest"
    # can apply (a place is chosen; the offers then carry `distance_km`).
    sort: str = ""
    can_sort_nearest: bool = False

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.page_count


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


def offer_search(
    *, query: str, filters: OfferFilters, page: int = 1, now: dt.datetime | None = None
) -> SearchResult:
    """Published offers matching `query` and `filters`, in the order that fits the question
    (aanbod.ordering), with facet counts.

    The query's time and place words become filters (aanbod.query_words); `result.filters`
    holds them, and `result.query` is then the words left for the search box.
    At most five statements whatever the catalogue holds: query preparation (only with
    words), the ranking (ids, order and total), the page's offers, their places, the facets
    (cached per question, see aanbod.facets). A page past the end costs one more to count.
    """
    page = max(1, min(int(page or 1), 1000))
    now = now or timezone.now()
    words = parse_query(query or "")
    prepared = prepare_query(
        words.text, place_candidates=words.place_candidates, postcodes=words.postcodes
    )
    filters = understood_filters(filters, words, prepared.places)
    condition = full_condition(prepared, filters, now=now)
    offset = (page - 1) * PAGE_SIZE
    # aanbod.search builds the SQL from constants; every user value is a parameter.
    matches = RawSQL(condition.text, condition.params, output_field=BooleanField())  # noqa: S611
    sort = effective_sort(filters, has_words=bool(prepared))
    # Rank and count narrow rows first, then load the twenty offers of the page whole: a
    # window count carrying every matched offer's columns (13,000 of them for a common
    # word over Flanders) took as long as the matching itself.
    ranked = list(
        _ordered(Offer.objects.filter(matches), sort, prepared, filters, now)
        .annotate(total_count=Window(Count("id")))
        .values_list("id", "total_count", "distance")[offset : offset + PAGE_SIZE]
    )
    if ranked:
        total = ranked[0][1]
    elif page > 1:
        total = Offer.objects.filter(matches).count()
    else:
        total = 0
    offers = offers_by_ids([offer_id for offer_id, _total, _distance in ranked])
    distances = {offer_id: distance for offer_id, _total, distance in ranked}
    for offer in offers:
        offer.distance_km = distances.get(offer.id)
    understood = bool(prepared.places or words.understood)
    return SearchResult(
        query=_words_left(prepared) if understood else query,
        filters=filters,
        page=page,
        offers=offers,
        total=total,
        facets=facet_counts(prepared, filters),
        suggestion=prepared.suggestion,
        sort=sort,
        can_sort_nearest=has_origin(filters),
    )


def _words_left(prepared) -> str:
    return " ".join(term.word for term in prepared.terms)


def _sql(fragment, output_field):
    # aanbod.ordering and aanbod.search build SQL from constants; values are parameters.
    return RawSQL(fragment.text, fragment.params, output_field=output_field)  # noqa: S611


def _ordered(offers: QuerySet[Offer], sort: str, prepared, filters: OfferFilters, now):
    """The matched offers with the ranking's columns, in the order `sort` names."""
    offers = offers.annotate(distance=_sql(distance_km(filters), FloatField()))
    # A constant is no sort key for PostgreSQL: rank and age fit only when they vary.
    by_rank = []
    if prepared:
        offers = offers.annotate(rank=_sql(text_rank(prepared), FloatField()))
        by_rank = ["-rank"]
    title = [F("title_nl").asc(), "id"]
    if sort == SORT_TITLE:
        return offers.order_by(*title)
    if sort == SORT_NEAREST:
        return offers.order_by(F("distance").asc(nulls_last=True), *by_rank, *title)
    if sort == SORT_SOONEST:
        offers = offers.annotate(next_at=_sql(next_start(now), DateTimeField()))
        if chosen_age_range(filters) is None:
            return offers.order_by(F("next_at").asc(nulls_last=True), *by_rank, *title)
        # For a chosen age, offers mostly for that age come first (soonest first among
        # them): "every age" offers with a slot tomorrow do not bury the teenagers' ones.
        offers = offers.annotate(fit=_sql(age_fit(filters), FloatField())).annotate(
            fits=ExpressionWrapper(Q(fit__gte=GOOD_AGE_FIT), output_field=BooleanField())
        )
        return offers.order_by("-fits", F("next_at").asc(nulls_last=True), "-fit", *by_rank, *title)
    return offers.order_by(*by_rank, *title)


def offer_get_public(*, slug: str, now: dt.datetime | None = None) -> Offer:
    """A published offer with what its page shows (partner, locations, schedules, dates)."""
    now = now or timezone.now()
    offer = (
        Offer.objects.published()
        .select_related("organisation")
        .prefetch_related(
            "networks", _locations_prefetch(), _zitdagen_prefetch(), *prefetch_for_dates(now)
        )
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


def offers_in_review_for_user(*, user) -> list[Offer]:
    """Offers waiting for this coordinator's review, oldest request first."""
    return list(
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


def coordinator_offer_attention(*, user, today: dt.date, limit: int = 20) -> dict[str, list]:
    """Offers that need the coordinator: to review, not confirmed for six months, funding
    ending within three months, published without a way for families to act (see
    aanbod.ways_to_act). Four queries; empty lists for anyone who reviews nothing."""
    if not permissions.can(user, "offer.review"):
        return {
            "offers_to_review": [],
            "offers_stale": [],
            "offers_funding_ending": [],
            "offers_without_way_to_act": [],
        }
    mine = permissions.scope(user, Offer, "offer.review").only(
        "id", "title", "title_nl", "organisation__name", "last_verified", "published_at",
        "funding_ends", "funding_source", "updated_at", "access_type",
    ).select_related("organisation")  # fmt: skip
    stale = mine.not_confirmed_since(today - dt.timedelta(days=CONFIRM_EVERY_DAYS))
    funding = mine.exclude(status=OfferStatus.ARCHIVED).filter(
        funding_ends__gte=today, funding_ends__lte=today + dt.timedelta(days=FUNDING_WARNING_DAYS)
    )
    return {
        "offers_to_review": list(
            mine.filter(status=OfferStatus.IN_REVIEW).order_by("updated_at")[:limit]
        ),
        "offers_stale": list(stale.order_by(F("last_verified").asc(nulls_first=True))[:limit]),
        "offers_funding_ending": list(funding.order_by("funding_ends")[:limit]),
        "offers_without_way_to_act": list(
            mine.published()
            .filter(without_way_to_act())
            .order_by(F("title_nl").asc(), "id")[:limit]
        ),
    }


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

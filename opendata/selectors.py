"""Reads for the open-data API: what is public, with every relation loaded up front.

Only published offers are services; organisations and locations are those that
published offers use. Each function returns a queryset whose page costs a fixed
number of queries, whatever its size (tests pin them).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db.models import Exists, F, Max, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from aanbod.choices import OfferStatus
from aanbod.models import Occurrence, Offer, RecurringSchedule, offer_long_fields
from aanbod.search.text import normalise
from partners.models import Location, OpeningPeriod, Organisation

from .hsds import LIFE_DOMAINS, Taxonomy


class BadParameter(ValueError):
    """A query parameter we cannot read; the view answers 400 with this message."""


def _locations() -> QuerySet[Location]:
    """Places as opendata/hsds.py shows them, with their owner's UUID annotated: a
    select_related would be copied for every offer the prefetch fills."""
    return (
        Location.objects.annotate(organisation_uuid=F("organisation__uuid"))
        .prefetch_related(Prefetch("opening_periods", queryset=OpeningPeriod.objects.all()))
        .order_by("pk")
    )


def services(*, full: bool = True, lang: str = "nl", minimal: bool = False) -> QuerySet[Offer]:
    """Published offers, ordered by id, with the columns a service in `lang` shows."""
    offers = (
        Offer.objects.published()
        .select_related("organisation")
        .only(*_service_columns(lang, full=full, minimal=minimal))
        .order_by("pk")
    )
    if not full:
        return offers
    return offers.prefetch_related(
        Prefetch("locations", queryset=_locations()),
        Prefetch(
            "recurring_schedules",
            queryset=RecurringSchedule.objects.annotate(location_uuid=F("location__uuid")),
        ),
        Prefetch(
            "occurrences",
            # What a family can still join: upcoming dates that take place.
            queryset=Occurrence.objects.filter(cancelled=False, ends_at__gte=timezone.now())
            .only("offer", "starts_at", "ends_at", "location", "note")
            .annotate(location_uuid=F("location__uuid")),
        ),
    )


def _service_columns(lang: str, *, full: bool, minimal: bool) -> list[str]:
    """Only what opendata/hsds.py reads: an offer row holds every language and the search
    index, most of which a page in one language never shows."""
    languages = {"nl", lang}
    if minimal:
        return ["uuid", "updated_at", "organisation__uuid"] + [f"title_{c}" for c in languages]
    translated = ["title", "summary", "description", "how_to_join", "referral_note"]
    columns = [
        "uuid",
        "slug",
        "url",
        "email",
        "access_type",
        "price_text",
        "age_months",
        "for_wish_for_child",
        "availability",
        "last_verified",
        "updated_at",
        "organisation__uuid",
        *(f"{name}_{code}" for name in translated for code in languages),
    ]
    if full:
        columns += [
            "phone",
            "contact_person",
            "languages",
            "funding_source",
            "cost",
            "kansentarief",
            "life_domains",
            "organisation__name",
            "organisation__email",
            "organisation__website",
            "organisation__phone",
            *(f"organisation__description_{code}" for code in languages),
        ]
    return columns


def service_filter(
    offers: QuerySet[Offer],
    *,
    search: str = "",
    taxonomy_term: tuple[Taxonomy, str] | None = None,
    taxonomy: Taxonomy | None = None,
    organization_id: str = "",
    modified_after: str = "",
) -> QuerySet[Offer]:
    if search:
        offers = offers.filter(search_text__contains=normalise(search))
    if taxonomy_term:
        tax, code = taxonomy_term
        if tax is LIFE_DOMAINS:
            offers = offers.filter(life_domains__contains=[code])
        else:
            offers = offers.filter(access_type=code)
    if taxonomy is LIFE_DOMAINS:
        offers = offers.exclude(life_domains=[])
    if organization_id:
        offers = offers.filter(organisation__uuid=parse_uuid(organization_id, "organization_id"))
    if modified_after:
        offers = offers.filter(updated_at__gte=parse_datetime(modified_after))
    return offers


def service_get(public_id: str, *, lang: str = "nl") -> Offer | None:
    try:
        key = uuid.UUID(public_id)
    except ValueError:
        return None
    return services(lang=lang).filter(uuid=key).first()


def organizations(*, with_locations: bool = False) -> QuerySet[Organisation]:
    """Partners with at least one published offer, or a place where one takes place (so
    every location's `organization_id` is found), newest offer change as Last-Modified."""
    published = Offer.objects.filter(organisation=OuterRef("pk"), status=OfferStatus.PUBLISHED)
    hosts = public_locations().filter(organisation=OuterRef("pk"))
    orgs = (
        Organisation.objects.filter(Exists(published) | Exists(hosts))
        .annotate(last_modified=Max("offers__updated_at", filter=Q(offers__status="published")))
        .order_by("pk")
    )
    if with_locations:
        orgs = orgs.prefetch_related(
            Prefetch(
                "locations",
                queryset=_locations().filter(pk__in=public_locations().values("pk")),
            )
        )
    return orgs


def public_locations() -> QuerySet[Location]:
    """Places where a published offer takes place (of any partner: a partner may host
    another's offer). A partner's other places — its office, a room it no longer uses —
    are not part of the public catalogue, so the open data leaves them out."""
    used = Offer.locations.through.objects.filter(
        location=OuterRef("pk"), offer__status=OfferStatus.PUBLISHED
    )
    return Location.objects.filter(Exists(used))


def organization_filter(orgs: QuerySet[Organisation], *, search: str = "") -> QuerySet:
    if search:
        orgs = orgs.filter(name__icontains=search)
    return orgs


def organization_get(public_id: str) -> Organisation | None:
    try:
        key = uuid.UUID(public_id)
    except ValueError:
        return None
    return organizations(with_locations=True).filter(uuid=key).first()


def service_at_locations() -> QuerySet:
    """(offer, location) pairs of published offers, as rows of the M2M table."""
    through = Offer.locations.through
    return (
        through.objects.filter(offer__status=OfferStatus.PUBLISHED)
        .select_related("offer__organisation", "location__organisation")
        .prefetch_related("location__opening_periods")
        .defer(*[f"offer__{name}" for name in offer_long_fields() if name.startswith("search")])
        .order_by("pk")
    )


def service_at_location_get(public_id: str):
    """The pair behind a derived id: its UUID cannot be reversed, so compare against all
    pairs' ids (two columns per pair; a few milliseconds for all of Flanders)."""
    pairs = service_at_locations().values_list("pk", "offer__uuid", "location__uuid")
    for pk, offer_uuid, location_uuid in pairs:
        if str(uuid.uuid5(offer_uuid, f"location:{location_uuid}")) == public_id:
            return service_at_locations().get(pk=pk)
    return None


def parse_uuid(value: str, name: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as error:
        raise BadParameter(f"{name} must be a UUID.") from error


def parse_datetime(value: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise BadParameter("modified_after must be a date or date-time (ISO 8601).") from error
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment

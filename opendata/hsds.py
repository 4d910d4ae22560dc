"""Our catalogue as Open Referral HSDS 3.0 objects: one function per object type.

Every function takes rows that the selectors (opendata/selectors.py) loaded with all
their relations, so turning a page into JSON runs no query. The text is in one
language (`lang`): HSDS has no multilingual fields, so each language is its own feed
and an untranslated field falls back to Dutch.

Identities: offers, organisations, locations and networks carry a stored UUID (`uuid`).
Objects that are only part of one of those (its address, phone, a schedule, a cost
option, a language) get a UUID derived from the owner's UUID and what they are
(`uuid5`): stable for as long as the part exists, and never stored twice.

HSDS forbids `null` in most fields, so an empty value is left out, never sent as null.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import uuid
from collections.abc import Iterable
from types import SimpleNamespace

from django.conf import settings
from django.db.backends.postgresql.psycopg_any import NumericRange
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from aanbod.choices import AccessType, Availability, Cost, Language, LifeDomain
from aanbod.models import Occurrence, Offer, RecurringSchedule
from aanbod.templatetags.aanbod_tags import age_label
from partners.models import Location, OpeningPeriod, Organisation

HSDS_VERSION = "3.0"
# Our own name space for derived UUIDs (uuid5): never change it, every derived id follows.
NAMESPACE = uuid.UUID("6f2b7d0e-3c55-4f6e-9a55-2d1d3f0a8b11")
BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def derived_id(owner: uuid.UUID, part: str) -> str:
    """The UUID of a part of an object (its address, a phone, a schedule):
    `str(uuid.uuid5(owner, part))`, written out because a page computes thousands."""
    digest = bytearray(
        hashlib.sha1(owner.bytes + part.encode(), usedforsecurity=False).digest()[:16]
    )
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def text(obj, field: str, lang: str) -> str:
    """A translated field in `lang`, else the Dutch text (modeltranslation columns).

    Reads only the two columns the selectors load (`only()`): the untranslated column
    is used only when it was loaded, never fetched one row at a time."""
    value = getattr(obj, f"{field}_{lang}", None) if lang != "nl" else None
    return value or getattr(obj, f"{field}_nl", None) or obj.__dict__.get(field) or ""


@functools.lru_cache(maxsize=512)
def label(choices, code: str, lang: str) -> str:
    """The label of a choice in `lang`: translated once per process, not once per row."""
    with translation.override(lang):
        return str(choices(code).label)


@functools.lru_cache(maxsize=256)
def _translated(message: str, lang: str) -> str:
    with translation.override(lang):
        return translation.gettext(message)


def _clean(data: dict) -> dict:
    """Leave out empty values: HSDS fields are not nullable."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


@functools.lru_cache(maxsize=64)
def _url_pattern(name: str, lang: str) -> tuple[str, str]:
    """A page's path in `lang` around its slug: reversed once, not once per row."""
    with translation.override(lang):
        path = reverse(name, kwargs={"slug": "slug-placeholder"})
    head, _placeholder, tail = path.partition("slug-placeholder")
    return head, tail


def _page_url(name: str, slug: str, lang: str) -> str:
    head, tail = _url_pattern(name, lang)
    return f"{_absolute(head)}{slug}{tail}"


# --- Taxonomies: our life domains and ways to take part ---------------------------------


class Taxonomy:
    """A vocabulary of our own, published at /taxonomies (HSDS: taxonomy)."""

    def __init__(self, key: str, name: str, description: str, choices):
        self.key = key
        self.id = uuid.uuid5(NAMESPACE, f"taxonomy:{key}")
        self.name = name
        self.description = description
        self.choices = choices

    def term_id(self, code: str) -> str:
        return str(uuid.uuid5(NAMESPACE, f"taxonomy:{self.key}:{code}"))


TAXONOMIES = [
    Taxonomy(
        "life_domain",
        "Huis van het Kind: levensdomeinen",
        "The life domains a Huis van het Kind works on (parenting, health, money, …).",
        LifeDomain,
    ),
    Taxonomy(
        "access_type",
        "Huis van het Kind: hoe deelnemen",
        "How a family takes part: walk in, by appointment, registration, referral only.",
        AccessType,
    ),
]
LIFE_DOMAINS, ACCESS_TYPES = TAXONOMIES


def taxonomy(tax: Taxonomy, lang: str) -> dict:
    return {
        "id": str(tax.id),
        "name": tax.name,
        "description": tax.description,
        "uri": _absolute(reverse("opendata:taxonomy", kwargs={"id": tax.id})),
        "version": "1",
    }


def taxonomy_terms(lang: str) -> list[dict]:
    return [taxonomy_term(tax, code, lang) for tax in TAXONOMIES for code in tax.choices.values]


def taxonomy_term(tax: Taxonomy, code: str, lang: str, *, detail: bool = False) -> dict:
    name = label(tax.choices, code, lang)
    data = {
        "id": tax.term_id(code),
        "code": code,
        "name": name,
        "description": name,
        "taxonomy": tax.name,
        "taxonomy_id": str(tax.id),
        "language": lang,
    }
    if detail:
        data["taxonomy_detail"] = taxonomy(tax, lang)
    return data


def term_by_id(term_id: str) -> tuple[Taxonomy, str] | None:
    for tax in TAXONOMIES:
        for code in tax.choices.values:
            if tax.term_id(code) == term_id:
                return tax, code
    return None


def taxonomy_by_id(taxonomy_id: str) -> Taxonomy | None:
    return next((tax for tax in TAXONOMIES if str(tax.id) == taxonomy_id), None)


def _attributes(owner: uuid.UUID, entity: str, terms: Iterable[tuple[Taxonomy, str]], lang):
    return [
        {
            "id": derived_id(owner, f"attribute:{tax.key}:{code}"),
            "link_id": str(owner),
            "link_type": tax.key,
            "link_entity": entity,
            "taxonomy_term_id": tax.term_id(code),
            "taxonomy_term": taxonomy_term(tax, code, lang),
        }
        for tax, code in terms
    ]


# --- Places --------------------------------------------------------------------------

# Belgian postcodes -> province (HSDS `state_province`), by the first digits.
_PROVINCES = [
    (1000, 1299, "Brussel"),
    (1300, 1499, "Waals-Brabant"),
    (1500, 1999, "Vlaams-Brabant"),
    (2000, 2999, "Antwerpen"),
    (3000, 3499, "Vlaams-Brabant"),
    (3500, 3999, "Limburg"),
    (4000, 4999, "Luik"),
    (5000, 5999, "Namen"),
    (6000, 6599, "Henegouwen"),
    (6600, 6999, "Luxemburg"),
    (7000, 7999, "Henegouwen"),
    (8000, 8999, "West-Vlaanderen"),
    (9000, 9999, "Oost-Vlaanderen"),
]


def province(postcode: str) -> str:
    try:
        number = int(postcode)
    except (TypeError, ValueError):
        return ""
    return next((name for low, high, name in _PROVINCES if low <= number <= high), "")


def _location_id(part) -> str | None:
    """A schedule's place: the selectors annotate `location_uuid` (no Location rows)."""
    if part.location_id is None:
        return None
    found = getattr(part, "location_uuid", None)
    return str(found or part.location.uuid)


def _organisation_uuid(loc: Location) -> uuid.UUID:
    return getattr(loc, "organisation_uuid", None) or loc.organisation.uuid


def _time(value: dt.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _opening_schedule(location: Location, period: OpeningPeriod) -> dict:
    return {
        "id": derived_id(location.uuid, f"opening:{period.pk}"),
        "location_id": str(location.uuid),
        "freq": "WEEKLY",
        "wkst": "MO",
        "byday": BYDAY[period.weekday],
        "opens_at": _time(period.starts),
        "closes_at": _time(period.ends),
    }


def _accessibility(location: Location, lang: str) -> list[dict]:
    facts = [
        _translated(message, lang)
        for present, message in (
            (location.wheelchair_accessible, gettext_noop("wheelchair accessible")),
            (location.parking, gettext_noop("parking nearby")),
            (location.public_transport, gettext_noop("near public transport")),
            (location.changing_table, gettext_noop("changing table")),
            (location.quiet_room, gettext_noop("quiet room")),
        )
        if present
    ]
    description = ", ".join(facts)
    details = text(location, "accessibility_notes", lang)
    if not description and not details:
        return []
    return [
        _clean(
            {
                "id": derived_id(location.uuid, "accessibility"),
                "location_id": str(location.uuid),
                "description": description,
                "details": details,
            }
        )
    ]


def location(loc: Location, lang: str) -> dict:
    return _clean(
        {
            "id": str(loc.uuid),
            "location_type": "physical",
            "url": _page_url("partners:location_detail", loc.slug, lang),
            "organization_id": str(_organisation_uuid(loc)),
            "name": loc.name,
            "latitude": float(loc.latitude) if loc.latitude is not None else None,
            "longitude": float(loc.longitude) if loc.longitude is not None else None,
            "addresses": [
                {
                    "id": derived_id(loc.uuid, "address"),
                    "location_id": str(loc.uuid),
                    "address_1": loc.street,
                    "city": loc.city,
                    "state_province": province(loc.postcode),
                    "postal_code": loc.postcode,
                    "country": "BE",
                    "address_type": "physical",
                }
            ],
            "accessibility": _accessibility(loc, lang),
            "schedules": [_opening_schedule(loc, period) for period in loc.opening_periods.all()],
        }
    )


# --- Organisations ---------------------------------------------------------------------


def organization(org: Organisation, lang: str, *, with_locations: bool = False) -> dict:
    data = {
        "id": str(org.uuid),
        "name": org.name,
        # Required by HSDS, even when the partner wrote nothing yet.
        "description": text(org, "description", lang),
        "email": org.email,
        "website": org.website,
        "phones": (
            [
                {
                    "id": derived_id(org.uuid, "phone"),
                    "organization_id": str(org.uuid),
                    "number": org.phone,
                }
            ]
            if org.phone
            else []
        ),
    }
    if with_locations:
        data["locations"] = [location(loc, lang) for loc in org.locations.all()]
    cleaned = _clean(data)
    cleaned.setdefault("description", "")
    return cleaned


# --- Services (offers) -------------------------------------------------------------------


def _age_years(months: int | None) -> float | None:
    if months is None:
        return None
    return round(max(months, 0) / 12, 2)


@functools.lru_cache(maxsize=1024)
def _age_words(lower: int | None, upper: int | None, empty: bool, lang: str) -> str:
    ages = None if empty else NumericRange(lower, upper, "[)")
    with translation.override(lang):
        return str(age_label(SimpleNamespace(age_months=ages)))


def _eligibility(offer: Offer, lang: str) -> dict:
    ages = offer.age_months
    if ages is None:
        words = [_age_words(None, None, True, lang)]
    else:
        words = [_age_words(ages.lower, ages.upper, ages.isempty, lang)]
    if offer.for_wish_for_child:
        words.append(_translated(gettext_noop("also for a wish for a child"), lang))
    referral = text(offer, "referral_note", lang)
    if referral:
        words.append(referral)
    return {
        "eligibility_description": "; ".join(words),
        "minimum_age": _age_years(ages.lower) if ages and ages.lower is not None else None,
        "maximum_age": _age_years(ages.upper) if ages and ages.upper is not None else None,
    }


def _cost_options(offer: Offer, lang: str) -> list[dict]:
    options = [(f"cost:{offer.cost}", label(Cost, offer.cost, lang), offer.price_text)]
    if offer.kansentarief:
        reduced = _translated(gettext_noop("Reduced rate (kansentarief, UiTPAS)"), lang)
        options.append(("cost:reduced-rate", reduced, ""))
    result = []
    for key, option, description in options:
        data = {
            "id": derived_id(offer.uuid, key),
            "service_id": str(offer.uuid),
            "option": option,
            "amount_description": description,
        }
        if key == f"cost:{Cost.FREE}":
            data |= {"amount": 0, "currency": "EUR"}
        result.append(_clean(data))
    return result


def _languages(offer: Offer, lang: str) -> list[dict]:
    return [
        {
            "id": derived_id(offer.uuid, f"language:{code}"),
            "service_id": str(offer.uuid),
            "name": label(Language, code, lang) if code in Language.values else code,
            "code": code,
        }
        for code in offer.languages
    ]


def _weekly_schedule(offer: Offer, slot: RecurringSchedule, lang: str) -> dict:
    byday = BYDAY[slot.weekday]
    notes = (
        _translated(gettext_noop("not during school holidays"), lang)
        if slot.school_weeks_only
        else ""
    )
    return _clean(
        {
            "id": derived_id(offer.uuid, f"weekly:{slot.pk}"),
            "service_id": str(offer.uuid),
            "location_id": _location_id(slot),
            "freq": "MONTHLY" if slot.week_of_month else "WEEKLY",
            "wkst": "MO",
            "byday": f"{slot.week_of_month}{byday}" if slot.week_of_month else byday,
            "opens_at": _time(slot.starts),
            "closes_at": _time(slot.ends),
            "valid_from": slot.valid_from.isoformat() if slot.valid_from else None,
            "valid_to": slot.valid_until.isoformat() if slot.valid_until else None,
            "notes": notes,
        }
    )


def _series(dates: list[Occurrence], zone) -> list[list[Occurrence]]:
    """Dated activities grouped into weekly series (same weekday, hours and place, seven
    days apart); a date that fits no series stands alone."""
    groups: dict[tuple, list[Occurrence]] = {}
    for date in dates:
        starts, ends = date.starts_at.astimezone(zone), date.ends_at.astimezone(zone)
        key = (starts.weekday(), starts.time(), ends.time(), date.location_id)
        groups.setdefault(key, []).append(date)
    result = []
    for group in groups.values():
        days = [d.starts_at.astimezone(zone).date() for d in group]
        weekly = all(b - a == dt.timedelta(days=7) for a, b in itertools.pairwise(days))
        if len(group) > 1 and weekly:
            result.append(group)
        else:
            result.extend([d] for d in group)
    return sorted(result, key=lambda series: series[0].starts_at)


def _dated_schedule(offer: Offer, series: list[Occurrence], zone) -> dict:
    first, last = series[0], series[-1]
    starts, ends = first.starts_at.astimezone(zone), first.ends_at.astimezone(zone)
    until = last.starts_at.astimezone(zone).date().isoformat()
    day = starts.date().isoformat()
    data = {
        "id": derived_id(offer.uuid, f"dated:{first.pk}"),
        "service_id": str(offer.uuid),
        "location_id": _location_id(first),
        "dtstart": day,
        "valid_from": day,
        "valid_to": until,
        "opens_at": _time(starts.time()),
        "closes_at": _time(ends.time()),
        "count": len(series),
        "notes": first.note,
    }
    if len(series) > 1:
        data |= {"freq": "WEEKLY", "byday": BYDAY[starts.weekday()], "until": until}
    return _clean(data)


def _schedules(offer: Offer, lang: str) -> list[dict]:
    weekly = [_weekly_schedule(offer, slot, lang) for slot in offer.recurring_schedules.all()]
    # Prefetched as upcoming, not cancelled (selectors.services).
    dates = list(offer.occurrences.all())
    zone = timezone.get_current_timezone()  # once per offer, not per date
    return weekly + [_dated_schedule(offer, series, zone) for series in _series(dates, zone)]


def _application_process(offer: Offer, lang: str) -> str:
    access = label(AccessType, offer.access_type, lang)
    how = text(offer, "how_to_join", lang)
    return f"{access}. {how}" if how else access


def _alert(offer: Offer, lang: str) -> str:
    if offer.availability == Availability.PLACES:
        return ""
    return label(Availability, offer.availability, lang)


def service(offer: Offer, lang: str, *, full: bool = True) -> dict:
    """An offer as an HSDS service; `full=False` keeps only its one-to-one fields."""
    summary = text(offer, "summary", lang)
    description = text(offer, "description", lang)
    data = {
        "id": str(offer.uuid),
        "organization_id": str(offer.organisation.uuid),
        "name": text(offer, "title", lang),
        "description": f"{summary}\n\n{description}" if description else summary,
        "url": offer.url or _page_url("aanbod:offer_detail", offer.slug, lang),
        "email": offer.email,
        "status": "active",
        "application_process": _application_process(offer, lang),
        "fees_description": offer.price_text,
        **_eligibility(offer, lang),
        "alert": _alert(offer, lang),
        "assured_date": offer.last_verified.isoformat() if offer.last_verified else None,
        "last_modified": offer.updated_at.isoformat(),
    }
    if not full:
        return _clean(data)
    data |= {
        "phones": (
            [
                {
                    "id": derived_id(offer.uuid, "phone"),
                    "service_id": str(offer.uuid),
                    "number": offer.phone,
                }
            ]
            if offer.phone
            else []
        ),
        "contacts": (
            [
                _clean(
                    {
                        "id": derived_id(offer.uuid, "contact"),
                        "service_id": str(offer.uuid),
                        "name": offer.contact_person,
                        "email": offer.email,
                    }
                )
            ]
            if offer.contact_person
            else []
        ),
        "schedules": _schedules(offer, lang),
        "service_at_locations": [
            service_at_location(offer, loc, lang, nested_location=True)
            for loc in offer.locations.all()
        ],
        "languages": _languages(offer, lang),
        "organization": organization(offer.organisation, lang),
        "funding": (
            [
                {
                    "id": derived_id(offer.uuid, "funding"),
                    "service_id": str(offer.uuid),
                    "source": offer.funding_source,
                }
            ]
            if offer.funding_source
            else []
        ),
        "cost_options": _cost_options(offer, lang),
        "attributes": _attributes(
            offer.uuid,
            "service",
            [(LIFE_DOMAINS, code) for code in offer.life_domains if code in LifeDomain.values]
            + [(ACCESS_TYPES, offer.access_type)],
            lang,
        ),
    }
    return _clean(data)


def service_at_location_id(offer: Offer, loc: Location) -> str:
    return derived_id(offer.uuid, f"location:{loc.uuid}")


def service_at_location(
    offer: Offer, loc: Location, lang: str, *, nested_location: bool = True
) -> dict:
    data = {
        "id": service_at_location_id(offer, loc),
        "service_id": str(offer.uuid),
        "location_id": str(loc.uuid),
    }
    if nested_location:
        data["location"] = location(loc, lang)
    return data


def api_info(lang: str) -> dict:
    return {
        "version": HSDS_VERSION,
        "profile": "https://docs.openreferral.org/en/latest/hsds/",
        "openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json",
    }

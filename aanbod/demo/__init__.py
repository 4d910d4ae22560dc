"""Fictional catalogue of the demo network: ~150 offers with schedules and dated activities.

Needs partners.demo first (its organisations, locations and coordinator). Every offer goes
through the catalogue's services (aanbod.services), as the coordinator's clicks would.
Idempotent: offers by slug; their schedules and dates are counted from today and replaced
when a run finds them moved, so the agenda always has the coming three months filled.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib.auth import get_user_model
from django.db.backends.postgresql.psycopg_any import NumericRange
from django.utils import timezone

from partners.demo import COORDINATOR
from partners.models import Location, Network, Organisation
from partners.opening_hours import BRUSSELS

from .. import services
from ..choices import AccessType, Audience, Availability, Cost, OfferStatus, TargetGroup
from ..models import Offer, Synonym
from ..search.index import reindex_deferred
from ..search.vocabulary import vocabulary_rebuild
from . import extra, health_learning, meeting, money_care, parenting
from .translations import TRANSLATIONS

SPECS = [*parenting.OFFERS, *meeting.OFFERS, *health_learning.OFFERS, *money_care.OFFERS]
SPECS += extra.OFFERS

# The coordinator's starting list; both directions are searched.
SYNONYMS = [
    ("pampers", "luiers"),
    ("pamper", "luier"),
    ("creche", "kinderopvang"),
    ("kribbe", "kinderdagverblijf"),
    ("huiswerk", "huiswerkbegeleiding"),
    ("bijles", "huiswerkbegeleiding"),
    ("kinderbijslag", "groeipakket"),
    ("kindergeld", "groeipakket"),
    ("ocmw", "sociaal huis"),
    ("oppas", "babysit"),
    ("dokter", "consultatiebureau"),
    ("kinderarts", "consultatiebureau"),
    ("inenting", "vaccinatie"),
    ("speelgoed", "spelotheek"),
    ("geldproblemen", "schulden"),
    ("tiener", "puber"),
    ("nappies", "luiers"),
    ("diapers", "luiers"),
    ("couches", "luiers"),
    ("childcare", "kinderopvang"),
    ("daycare", "kinderopvang"),
    ("homework", "huiswerk"),
    ("devoirs", "huiswerk"),
    ("pregnant", "zwanger"),
    ("enceinte", "zwanger"),
    ("midwife", "vroedvrouw"),
    ("dentist", "tandarts"),
    ("psychologist", "psycholoog"),
    ("toys", "speelgoed"),
]


# How to take part, in a partner's words, for offers whose spec does not say it itself.
# Every one names a way to reach a person: a registration says where to register.
HOW_TO_JOIN = {
    AccessType.WALK_IN: (
        "Je bent welkom zonder afspraak: kom binnen tijdens de uren hieronder. "
        "Vragen vooraf? Bel of mail ons gerust."
    ),
    AccessType.APPOINTMENT: (
        "Maak een afspraak: bel {phone} of mail naar {email}. We zoeken samen een moment dat past."
    ),
    AccessType.REGISTRATION: (
        "Schrijf je vooraf in: mail naar {email} of bel {phone}. "
        "Zeg je naam en de leeftijd van je kind. Je krijgt een bevestiging."
    ),
}
KANSENTARIEF_NOTE = " Heb je een UiTPAS met kansentarief? Zeg het bij je inschrijving."
MAILBOX = {
    AccessType.WALK_IN: "info",
    AccessType.APPOINTMENT: "afspraak",
    AccessType.REGISTRATION: "inschrijven",
}
# The fictional places of the demo: an organisation named after one gets its own domain.
DEMO_PLACES = ("wilgendaal", "berkhove", "lindenaken", "scheldevallei", "oostmolen", "hagebeek")


def _demo_email(access_type: str, organisation: Organisation) -> str:
    """A fictional address of the organisation, never a real-looking domain of a real one."""
    mailbox = MAILBOX.get(access_type)
    if mailbox is None:
        return organisation.email
    domain = organisation.slug
    if not any(place in domain for place in DEMO_PLACES):
        domain += "-scheldevallei"
    return f"{mailbox}@{domain}.be"


def _how_to_join(spec: dict, phone: str, email: str) -> str:
    if "how_to_join" in spec:
        return spec["how_to_join"]
    text = HOW_TO_JOIN.get(spec["access"], "").format(phone=phone, email=email)
    if text and spec.get("kansentarief") and spec["access"] == AccessType.REGISTRATION:
        text += KANSENTARIEF_NOTE
    return text


def load() -> list:
    """The catalogue as the network's coordinator would enter it: each offer created with its
    times (offer_save_with_schedule), sent for review and approved on the day it was last
    checked (`now=`). A second run changes only what differs from the specs (the dated
    activities move with today) and leaves an offer someone archived archived. Every demo
    offer is indexed for search once, at the end (its next dates move with today too)."""
    network = Network.objects.get(slug="scheldevallei")
    coordinator = get_user_model().objects.get(email=COORDINATOR)
    organisations = {o.slug: o for o in Organisation.objects.all()}
    locations = {location.slug: location for location in Location.objects.all()}
    for term, expands_to in SYNONYMS:
        Synonym.objects.get_or_create(term=term, expands_to=expands_to)
    now = timezone.now()
    existing = {
        offer.slug: offer
        for offer in Offer.objects.filter(slug__in=_slugs()).prefetch_related(
            "recurring_schedules", "occurrences", "locations", "networks"
        )
    }
    with reindex_deferred():
        for spec in SPECS:
            for variant in _variants(spec):
                offer = existing.get(variant["slug"])
                if offer is not None and offer.status == OfferStatus.ARCHIVED:
                    continue  # someone archived it on the demo site: it stays archived
                offer = _save_offer(
                    variant,
                    offer=offer,
                    actor=coordinator,
                    organisation=organisations[spec["org"]],
                    network=network,
                    locations=locations,
                    now=now,
                )
                services.offer_refresh_search(offer=offer)
    vocabulary_rebuild()
    return []


def _slugs() -> list[str]:
    return [variant["slug"] for spec in SPECS for variant in _variants(spec)]


def _variants(spec: dict) -> list[dict]:
    """One offer per town when the spec names towns, else one offer at all its places."""
    places = spec.get("at", [])
    if places and any(suffix for suffix, _location, _slots in places):
        return [
            {
                **spec,
                "slug": f"{spec['slug']}-{_slugify(suffix)}",
                "suffix": suffix,
                "translation": spec["slug"],
                "location_slugs": [location],
                "weekly": [(location, slot) for slot in slots],
            }
            for suffix, location, slots in places
        ]
    return [
        {
            **spec,
            "location_slugs": list(
                dict.fromkeys(
                    [location for _s, location, _slots in places]
                    + [event[3] for event in spec.get("events", []) if len(event) > 3]
                )
            ),
            "weekly": [(location, slot) for _s, location, slots in places for slot in slots],
        }
    ]


def _slugify(text: str) -> str:
    return text.lower().replace(" ", "-")


def _save_offer(
    spec: dict,
    *,
    offer: Offer | None,
    actor,
    organisation: Organisation,
    network: Network,
    locations: dict,
    now: dt.datetime,
) -> Offer:
    """Create the offer, or change what differs from its spec (a second run on the same day
    changes nothing, and writes no history)."""
    today = timezone.localdate(now)
    content = _content(spec, organisation)
    places = [locations[slug] for slug in spec["location_slugs"] if slug is not None]
    # Counted from today: the agenda always has the coming months.
    weekly, dated = _weekly(spec, locations, today), _dated(spec, locations, today)
    if offer is None:
        offer = services.offer_save_with_schedule(
            actor=actor,
            organisation=organisation,
            networks=[network],
            locations=places,
            weekly=weekly,
            dated=dated,
            **content,
        )
    else:
        if _differs(offer, content, places, network):
            offer = services.offer_update(
                offer=offer, actor=actor, networks=[network], locations=places, **content
            )
        if _times(offer.recurring_schedules.all(), WEEKLY_COMPARED) != _times(
            weekly, WEEKLY_COMPARED
        ) or _times(offer.occurrences.all(), DATED_COMPARED) != _times(dated, DATED_COMPARED):
            offer = services.offer_schedule_save(
                offer=offer,
                actor=actor,
                weekly=[*_removed(offer.recurring_schedules.all()), *weekly],
                dated=[*_removed(offer.occurrences.all()), *dated],
            )
    if offer.status == OfferStatus.DRAFT:
        offer = services.offer_submit_for_review(offer=offer, actor=actor)
    if offer.status == OfferStatus.IN_REVIEW:
        # Approved, so last checked, weeks or months ago, not all on one day: the six-monthly
        # "is this still right?" comes due one offer after another.
        checked = today - dt.timedelta(days=len(spec["slug"]) * 5)
        offer = services.offer_approve(
            offer=offer,
            actor=actor,
            now=dt.datetime.combine(checked, now.astimezone(BRUSSELS).time(), tzinfo=BRUSSELS),
        )
    return offer


# What tells two weekly times or dated activities apart.
WEEKLY_COMPARED = (
    "weekday", "starts", "ends", "week_of_month", "school_weeks_only", "location", "valid_until"
)  # fmt: skip
DATED_COMPARED = ("starts_at", "ends_at", "location")


def _times(rows, names: tuple[str, ...]) -> Counter:
    """Saved rows or the items for aanbod.services.offer_schedule_save, comparable."""

    def value(row, name):
        if isinstance(row, dict):
            item = row.get(name)
            return item.id if name == "location" and item else item
        return getattr(row, "location_id" if name == "location" else name)

    return Counter(tuple(value(row, name) for name in names) for row in rows)


def _differs(offer: Offer, content: dict, places: list, network: Network) -> bool:
    return (
        any(getattr(offer, name) != value for name, value in content.items())
        or {location.id for location in offer.locations.all()} != {p.id for p in places}
        or {n.id for n in offer.networks.all()} != {network.id}
    )


def _content(spec: dict, organisation: Organisation) -> dict:
    """The offer's fields as its editor fills them in (aanbod.services.EDITABLE_FIELDS)."""
    suffix = f" {spec['suffix']}" if spec.get("suffix") else ""
    ages = spec.get("ages")
    fields = {
        "slug": spec["slug"],
        "title_nl": spec["title"] + suffix,
        "summary_nl": spec["summary"],
        "description_nl": spec.get("description", ""),
        "referral_note_nl": spec.get("referral_note", ""),
        "keywords": spec.get("keywords", ""),
        "pillars": list(spec.get("pillars", [])),
        "life_domains": list(spec["domains"]),
        "audience": spec.get("audience", Audience.FAMILIES),
        "target_groups": list(spec.get("targets", [TargetGroup.PARENTS])),
        "age_months": NumericRange(*ages) if ages else NumericRange(None, None),
        "for_wish_for_child": spec.get("for_wish_for_child", False),
        "access_type": spec["access"],
        "cost": spec.get("cost", Cost.FREE),
        "price_text": spec.get("price", ""),
        "kansentarief": spec.get("kansentarief", False),
        "languages": list(spec.get("languages", ["nl"])),
        "phone": spec.get("phone", organisation.phone),
        "email": spec.get("email") or _demo_email(spec["access"], organisation),
        "url": spec.get("url", ""),
        "availability": spec.get("availability", Availability.PLACES),
    }
    fields["how_to_join_nl"] = _how_to_join(spec, fields["phone"], fields["email"])
    for language, (title, summary) in TRANSLATIONS.get(
        spec.get("translation", spec["slug"]), {}
    ).items():
        town = spec.get("translation_suffix")
        translated_suffix = suffix or (f" {town}" if town else "")
        fields[f"title_{language}"] = title + translated_suffix
        fields[f"summary_{language}"] = summary
    for language in ("en", "fr", "ar", "tr", "uk"):
        if f"title_{language}" not in fields:
            fields[f"title_{language}"] = None
            fields[f"summary_{language}"] = None
    return fields


def _removed(rows) -> list[dict]:
    """These weekly times or dated activities, marked for removal."""
    return [{"id": row.id, "delete": True} for row in rows]


# What a weekly slot may say besides its day and hours (aanbod.services.WEEKLY_FIELDS).
WEEKLY_OPTIONS = {"week_of_month", "school_weeks_only", "valid_until_days"}


def _weekly(spec: dict, locations: dict, today: dt.date) -> list[dict]:
    """Weekly slots: (weekday, "09:00", "11:00"[, {WEEKLY_OPTIONS}])."""
    weekly = []
    for location_slug, slot in spec["weekly"]:
        weekday, starts, ends, *rest = slot
        options = dict(rest[0]) if rest else {}
        if not set(options) <= WEEKLY_OPTIONS:
            raise ValueError(f"{spec['slug']}: weekly options are {sorted(WEEKLY_OPTIONS)}")
        valid_until_days = options.pop("valid_until_days", None)
        if valid_until_days:
            options["valid_until"] = today + dt.timedelta(days=valid_until_days)
        weekly.append(
            {
                "week_of_month": None,
                "school_weeks_only": False,
                "weekday": weekday,
                "starts": dt.time.fromisoformat(starts),
                "ends": dt.time.fromisoformat(ends),
                "location": locations.get(location_slug) if location_slug else None,
                **options,
            }
        )
    return weekly


def _dated(spec: dict, locations: dict, today: dt.date) -> list[dict]:
    """Dated activities: (days from today, "14:00", "17:00"[, location slug])."""
    dated = []
    for event in spec.get("events", []):
        days, starts, ends = event[:3]
        day = today + dt.timedelta(days=days)
        dated.append(
            {
                "starts_at": dt.datetime.combine(
                    day, dt.time.fromisoformat(starts), tzinfo=BRUSSELS
                ),
                "ends_at": dt.datetime.combine(day, dt.time.fromisoformat(ends), tzinfo=BRUSSELS),
                "location": locations.get(event[3]) if len(event) > 3 else None,
            }
        )
    return dated

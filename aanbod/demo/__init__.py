"""Fictional catalogue of the demo network: ~150 offers with schedules and dated activities.

Needs partners.demo first (its organisations and locations, by slug). Idempotent: offers by
slug with update_or_create; their schedules and dates are replaced on every run, relative
to today, so the agenda always has the coming three months filled.
"""

from __future__ import annotations

import datetime as dt

from django.db.backends.postgresql.psycopg_any import NumericRange
from django.utils import timezone

from partners.models import Location, Network, Organisation
from partners.opening_hours import BRUSSELS

from ..choices import AccessType, Audience, Availability, Cost, OfferStatus, TargetGroup
from ..models import Occurrence, Offer, RecurringSchedule, Synonym
from ..search.index import reindex_offers
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
    network = Network.objects.get(slug="scheldevallei")
    organisations = {o.slug: o for o in Organisation.objects.all()}
    locations = {location.slug: location for location in Location.objects.all()}
    for term, expands_to in SYNONYMS:
        Synonym.objects.get_or_create(term=term, expands_to=expands_to)
    today = timezone.localdate()
    slugs = []
    for spec in SPECS:
        for variant in _variants(spec):
            offer = _save_offer(variant, organisations[spec["org"]], today)
            offer.networks.set([network])
            offer.locations.set(
                [locations[slug] for slug in variant["location_slugs"] if slug is not None]
            )
            _replace_schedules(offer, variant, locations, today)
            slugs.append(offer.slug)
    reindex_offers(Offer.objects.filter(slug__in=slugs))
    vocabulary_rebuild()
    return []


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


def _save_offer(spec: dict, organisation: Organisation, today: dt.date) -> Offer:
    suffix = f" {spec['suffix']}" if spec.get("suffix") else ""
    ages = spec.get("ages")
    fields = {
        "organisation": organisation,
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
        "status": OfferStatus.PUBLISHED,
        "last_verified": today - dt.timedelta(days=len(spec["slug"]) * 5),
        "published_at": timezone.now(),
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
    offer, _created = Offer.objects.update_or_create(slug=spec["slug"], defaults=fields)
    return offer


def _replace_schedules(offer: Offer, spec: dict, locations: dict, today: dt.date) -> None:
    offer.recurring_schedules.all().delete()
    offer.occurrences.all().delete()
    schedules = []
    for location_slug, slot in spec["weekly"]:
        weekday, starts, ends, *rest = slot
        options = dict(rest[0]) if rest else {}
        valid_until_days = options.pop("valid_until_days", None)
        schedules.append(
            RecurringSchedule(
                offer=offer,
                weekday=weekday,
                starts=starts,
                ends=ends,
                location=locations.get(location_slug) if location_slug else None,
                valid_until=today + dt.timedelta(days=valid_until_days)
                if valid_until_days
                else None,
                **options,
            )
        )
    RecurringSchedule.objects.bulk_create(schedules)
    occurrences = []
    for event in spec.get("events", []):
        days, starts, ends = event[:3]
        day = today + dt.timedelta(days=days)
        occurrences.append(
            Occurrence(
                offer=offer,
                starts_at=dt.datetime.combine(day, dt.time.fromisoformat(starts), tzinfo=BRUSSELS),
                ends_at=dt.datetime.combine(day, dt.time.fromisoformat(ends), tzinfo=BRUSSELS),
                location=locations.get(event[3]) if len(event) > 3 else None,
            )
        )
    Occurrence.objects.bulk_create(occurrences)

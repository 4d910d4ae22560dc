"""Result cards, rendered once per language and catalogue version and then reused.

Twenty cards are most of a result page's work (pictograms, fallback labels, dates,
places). A card's HTML depends on the offer (aanbod.catalogue_version changes with every
offer, organisation or location saved), the language, its two next dates and the
distance, so it is cached under exactly those. What differs per visitor (the shortlist
button with its CSRF token and return address) is rendered around it on every request.
A page whose cards are all cached loads no offer at all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ..catalogue_version import catalogue_version
from .results import SearchResult

# A card also changes without a catalogue change when a zitdag or school holiday moves
# its dates: those are part of the key. The timeout bounds anything else (a partner's
# name changed through a path that sends no signal).
CARD_SECONDS = 3600


@dataclass(frozen=True)
class Card:
    id: int
    html: SafeString
    in_shortlist: bool


def result_cards(result: SearchResult, *, shortlist: set[int]) -> list[Card]:
    """The page's cards in order; one cache read, and the offers only for cards not kept."""
    language = get_language() or ""
    version = catalogue_version()
    distances = {row["id"]: row["distance"] for row in result.ranked}
    keys = {
        offer_id: _key(
            version,
            language,
            offer_id,
            result.next_dates.get(offer_id, []),
            distances.get(offer_id),
        )
        for offer_id in result.offer_ids
    }
    found = cache.get_many(list(keys.values()))
    missing = [offer_id for offer_id in result.offer_ids if keys[offer_id] not in found]
    if missing:
        rendered = {}
        for offer in result.offers:
            if offer.id in missing:
                html = render_to_string(
                    "aanbod/_offer_card_body.html",
                    {"offer": offer, "dates": result.next_dates.get(offer.id, [])},
                )
                rendered[keys[offer.id]] = str(html)
        cache.set_many(rendered, CARD_SECONDS)
        found |= rendered
    return [
        # Our own rendered template, read back from our own cache.
        Card(id=offer_id, html=mark_safe(found[keys[offer_id]]), in_shortlist=offer_id in shortlist)
        for offer_id in result.offer_ids
        if keys[offer_id] in found
    ]


def _key(version, language: str, offer_id: int, dates, distance) -> str:
    varying = repr(
        ([date.starts_at.isoformat() for date in dates], distance and round(distance, 1))
    )
    digest = hashlib.sha256(varying.encode()).hexdigest()[:16]
    return f"aanbod:card:{version}:{language}:{offer_id}:{digest}"

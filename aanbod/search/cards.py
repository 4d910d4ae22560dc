"""Result cards, rendered once per language and catalogue version and then reused.

Twenty cards are most of a result page's work (pictograms, fallback labels, dates,
places). A card's HTML depends on the offer (aanbod.catalogue_version changes with every
offer, organisation or location saved), the language, its two next dates and the
distance, so it is cached under exactly those. What differs per visitor (the shortlist
button with its CSRF token and return address) is rendered around it on every request.
A page whose cards are all cached loads no offer at all.

The frame around each card (`_offer_card.html`: the article and the shortlist button) is
rendered once per page and shortlist state with a stand-in card, and each card's id and
kept HTML are put into it (`framed_cards`): twenty includes with two URL reversals each
were a fifth of a search page's time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.template import Context
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


# The frame is rendered with this id and this HTML in place of a card's. The id is in three
# places, all before the visitor's own return address (the article's label, the form's
# action and hx-post), so only those three are replaced: the address may hold any digits.
_STAND_IN_ID = 2_147_483_647
_STAND_IN_HTML = "<!-- the kept card -->"
_ID_PLACES = 3


def framed_cards(cards: list[Card], context: Context) -> list[SafeString]:
    """Each card inside `aanbod/_offer_card.html`, as `{% include %}` would render it for
    this request (CSRF token, return address), the frame rendered at most twice."""
    template = context.template.engine.get_template("aanbod/_offer_card.html")
    frames: dict[bool, list[str] | None] = {}
    framed = []
    for card in cards:
        if card.in_shortlist not in frames:
            stand_in = Card(
                id=_STAND_IN_ID, html=mark_safe(_STAND_IN_HTML), in_shortlist=card.in_shortlist
            )
            with context.push(card=stand_in):
                frames[card.in_shortlist] = _frame_parts(template.render(context))
        parts = frames[card.in_shortlist]
        if parts is None:  # the frame changed shape: render it the slow way
            with context.push(card=card):
                framed.append(template.render(context))
            continue
        before, label_to_card, card_to_action, action_to_post, rest = parts
        offer_id = str(card.id)
        # Our own template's output around our own kept card (see result_cards).
        framed.append(
            mark_safe(
                before
                + offer_id
                + label_to_card
                + card.html
                + card_to_action
                + offer_id
                + action_to_post
                + offer_id
                + rest
            )
        )
    return framed


def _frame_parts(rendered: str) -> list[str] | None:
    parts = rendered.split(str(_STAND_IN_ID), _ID_PLACES)
    if len(parts) != _ID_PLACES + 1 or parts[1].count(_STAND_IN_HTML) != 1:
        return None
    label_to_card, card_to_action = parts[1].split(_STAND_IN_HTML)
    return [parts[0], label_to_card, card_to_action, parts[2], parts[3]]

"""How a family takes part in an offer: one rule for the offer page, for publishing and for
the coordinator's start page.

The offer's own phone, e-mail or link come first, else its organisation's, else the
network's contact point, which also takes the question online with the offer named. An
offer that needs registration says itself how to register before it can be published.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import AccessType

# The offer's own ways to reach its organisers, and its organisation's.
OFFER_CONTACT_FIELDS = ("phone", "email", "url")
ORGANISATION_CONTACT_FIELDS = ("phone", "email", "website")


REGISTRATION_WITHOUT_WAY = _(
    "Families have to register for this offer, but it does not say how. Give a phone "
    "number, an e-mail address or a link to register, or write in 'How to take part, in "
    "words' how to register."
)


def has_way_to_register(offer) -> bool:
    """The offer itself says how to take part: a phone, an e-mail, a link or words.

    The Dutch text counts: it is the source every translation falls back to.
    """
    return any(getattr(offer, name) for name in OFFER_CONTACT_FIELDS) or bool(
        (offer.how_to_join_nl or "").strip()
    )


def registration_without_way(offer) -> bool:
    """Registration is needed and the offer does not say how: it cannot be published."""
    return offer.access_type == AccessType.REGISTRATION and not has_way_to_register(offer)


def without_way_to_register() -> Q:
    """Offers that do not say themselves how to take part (the query of has_way_to_register)."""
    no_words = Q(how_to_join_nl="") | Q(how_to_join_nl__isnull=True)
    return Q(**{name: "" for name in OFFER_CONTACT_FIELDS}) & no_words


def without_way_to_act() -> Q:
    """Offers where a family finds no way but the network's contact point: nothing of their
    own and nothing of their organisation, or a registration with no word on how."""
    organisation_silent = Q(**{f"organisation__{name}": "" for name in ORGANISATION_CONTACT_FIELDS})
    return without_way_to_register() & (
        organisation_silent | Q(access_type=AccessType.REGISTRATION)
    )


@dataclass(frozen=True)
class WaysToAct:
    """What the offer page shows under "How to take part".

    source: "offer", "organisation" or "network" — whose contact details these are (empty
    when nobody has any); name: the organisation or network; ask_url: the network's
    "Stel je vraag" with the offer named (only when the network is the way).
    """

    source: str
    name: str = ""
    phone: str = ""
    email: str = ""
    url: str = ""
    ask_url: str = ""

    @property
    def tel(self) -> str:
        return "".join(self.phone.split())

    def __bool__(self) -> bool:
        return bool(self.phone or self.email or self.url or self.ask_url)


def offer_ways_to_act(offer, network=None) -> WaysToAct:
    """Needs the offer's organisation loaded (select_related) to stay without queries."""
    if any(getattr(offer, name) for name in OFFER_CONTACT_FIELDS):
        return WaysToAct(
            source="offer",
            name=offer.organisation.name,
            phone=offer.phone,
            email=offer.email,
            url=offer.url,
        )
    organisation = offer.organisation
    if any(getattr(organisation, name) for name in ORGANISATION_CONTACT_FIELDS):
        return WaysToAct(
            source="organisation",
            name=organisation.name,
            phone=organisation.phone,
            email=organisation.email,
            url=organisation.website,
        )
    if network is None:
        return WaysToAct(source="")
    query = urlencode({"offer": offer.pk, "netwerk": network.slug})
    return WaysToAct(
        source="network",
        name=network.name,
        phone=network.phone,
        email=network.email,
        ask_url=f"{reverse('doorverwijzing:intake_new')}?{query}",
    )

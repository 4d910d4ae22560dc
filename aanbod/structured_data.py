"""schema.org JSON-LD for offer pages, so search engines show them well."""

import datetime as dt
import json

from django.utils.translation import gettext as _

from .choices import Availability, Cost
from .models import Offer
from .schedules import next_occurrences

# The escapes of Django's json_script: inside a <script> element, "</script", "<!--" and
# "<script" change how the browser reads the rest of the page, so no <, > or & is left
# raw; JSON readers decode \u003C back to "<".
JSON_IN_HTML_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
EVENT_SCHEDULED = "https://schema.org/EventScheduled"
EVENT_CANCELLED = "https://schema.org/EventCancelled"


def _availability(offer: Offer) -> dict:
    """What a search engine may say about places: a full offer has none left; schema.org
    has no word for a waiting list, so it travels as a note."""
    if offer.availability == Availability.FULL:
        return {"remainingAttendeeCapacity": 0}
    if offer.availability == Availability.WAITING_LIST:
        return {"description": _("Waiting list")}
    return {}


def offer_json_ld(offer: Offer, *, url: str, now: dt.datetime) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": offer.title,
        "description": offer.summary,
        "url": url,
        "provider": {"@type": "Organization", "name": offer.organisation.name},
        "isAccessibleForFree": offer.cost == Cost.FREE,
        "availableLanguage": list(offer.languages),
        "areaServed": [
            {
                "@type": "Place",
                "name": location.name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": location.street,
                    "postalCode": location.postcode,
                    "addressLocality": location.city,
                    "addressCountry": "BE",
                },
            }
            for location in offer.locations.all()
        ],
    }
    events = [
        {
            "@type": "Event",
            "name": offer.title,
            "startDate": date.starts_at.isoformat(),
            "endDate": date.ends_at.isoformat(),
            "eventStatus": EVENT_CANCELLED if date.cancelled else EVENT_SCHEDULED,
            **({} if date.cancelled else _availability(offer)),
            **(
                {
                    "location": {
                        "@type": "Place",
                        "name": date.location.name,
                        "address": date.location.address,
                    }
                }
                if date.location
                else {}
            ),
        }
        # A cancelled date stays listed as cancelled: a parent who saw it elsewhere must
        # learn it does not take place.
        for date in next_occurrences(offer, after=now, limit=3, include_cancelled=True)
    ]
    if events:
        data["subjectOf"] = events
    return json.dumps(data, ensure_ascii=False).translate(JSON_IN_HTML_ESCAPES)

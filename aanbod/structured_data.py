"""schema.org JSON-LD for offer pages, so search engines show them well."""

import datetime as dt
import json

from .choices import Cost
from .models import Offer
from .schedules import next_occurrences

# The escapes of Django's json_script: inside a <script> element, "</script", "<!--" and
# "<script" change how the browser reads the rest of the page, so no <, > or & is left
# raw; JSON readers decode \u003C back to "<".
JSON_IN_HTML_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


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
        for date in next_occurrences(offer, after=now, limit=3)
    ]
    if events:
        data["subjectOf"] = events
    return json.dumps(data, ensure_ascii=False).translate(JSON_IN_HTML_ESCAPES)

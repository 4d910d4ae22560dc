"""UiTdatabank (publiq) JSON-LD exports -> offer rows (opendata/offer_import.py).

An export is a JSON array of event documents (or one document), holding only the
fields that were selected: a missing field is normal and never an error. Place
documents update the matching location; organizer documents are listed and skipped
(the importer chooses the partner). The `@id` UUID is the key: a second import of the
same event updates it; `workflowStatus: DELETED` archives it.

Mapping (docs/opendata.md has the table): name/description per language (mainLanguage
first, as the Dutch base when there is no Dutch); calendarType single/multiple -> dated
activities (startDate/endDate/subEvent), periodic/permanent -> weekly times
(openingHours); typicalAgeRange -> ages; priceInfo -> cost, price and the reduced rate
(UiTPAS, kansentarief); bookingInfo -> how to take part; subEvent capacity -> places;
location -> our location; terms -> life domains via UitTermMapping.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from aanbod.choices import AccessType, Availability, Cost

from .models import UitTermMapping
from .offer_import import OfferRow, Preview

UUID_IN_ID = re.compile(
    r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*$", re.IGNORECASE
)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
AGE_RANGE = re.compile(r"^\s*(\d*)\s*-\s*(\d*)\s*$")
MAX_BYTES = 100 * 1024 * 1024


class Refused(ValueError):
    """The file as a whole cannot be read."""


def read_documents(data: bytes) -> list:
    if len(data) > MAX_BYTES:
        raise Refused(_("The file is too large."))
    try:
        documents = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise Refused(_("This is not a JSON file: %(error)s") % {"error": error}) from error
    if isinstance(documents, dict):
        # A search result page ({"member": [...]}) or a single document.
        documents = documents.get("member", [documents])
    if not isinstance(documents, list):
        raise Refused(_("Expected a list of UiTdatabank documents."))
    return documents


def uit_preview(documents: list) -> Preview:
    """Every document checked; the preview refuses the file if any row has an error."""
    mapping = {m.term_id: m for m in UitTermMapping.objects.all()}
    preview = Preview(rows=[], errors=[], notes=[])
    unmapped: dict[str, tuple[str, str, str]] = {}
    for line, document in enumerate(documents, start=1):
        try:
            row = _document_row(document, line, mapping, unmapped)
        except ValueError as error:
            preview.errors.append(_("Document %(n)d: %(error)s") % {"n": line, "error": error})
            continue
        if isinstance(row, str):
            preview.notes.append(_("Document %(n)d: %(note)s") % {"n": line, "note": row})
        else:
            preview.rows.append(row)
    preview.unmapped_terms = sorted(unmapped.values(), key=lambda term: term[1])
    return preview


def _uuid_of(value) -> str:
    match = UUID_IN_ID.search(str(value or ""))
    if not match:
        raise ValueError(_("no valid @id (a UiTdatabank UUID)"))
    return match.group(1).lower()


def _kind(document: dict) -> str:
    kind = str(document.get("@type", "")).lower()
    if not kind:
        kind = str(document.get("@id", "")).rstrip("/").split("/")[-2:-1]
        kind = kind[0].lower() if kind else "event"
    return kind


def _document_row(document, line, mapping, unmapped) -> OfferRow | str:
    if not isinstance(document, dict):
        raise ValueError(_("not a JSON object"))
    key = _uuid_of(document.get("@id"))
    kind = _kind(document)
    if kind == "organizer":
        return _("organizer documents are not imported; the partner is chosen above")
    if kind == "place":
        return _("place documents only update places that events use")
    if document.get("workflowStatus") == "DELETED":
        return OfferRow(key=key, line=line, archive=True)
    languages = _languages(document)
    names = _per_language(document.get("name"), languages)
    descriptions = {
        code: strip_tags(text).strip()
        for code, text in _per_language(document.get("description"), languages).items()
    }
    row = OfferRow(key=key, line=line)
    if names:
        row.texts["title"] = {code: text[:150] for code, text in names.items()}
        row.texts["summary"] = {
            code: _first_sentence(descriptions.get(code) or names[code]) for code in names
        }
    if descriptions:
        row.texts["description"] = descriptions
    _calendar(document, row)
    if "typicalAgeRange" in document:
        row.ages = _ages(document["typicalAgeRange"])
    _price(document, row)
    _booking(document, row, languages)
    _place(document, row, languages)
    _terms(document, row, mapping, unmapped)
    return row


def _languages(document: dict) -> list[str]:
    main = document.get("mainLanguage") or "nl"
    site = [code for code, _name in settings.LANGUAGES]
    return [main, *(code for code in site if code != main)]


def _per_language(value, languages: list[str]) -> dict[str, str]:
    """{"nl": …, "fr": …} for our languages; the main language also fills Dutch."""
    if isinstance(value, str):
        value = {languages[0]: value}
    if not isinstance(value, dict):
        return {}
    site = {code for code, _name in settings.LANGUAGES}
    texts = {code: str(text) for code, text in value.items() if code in site and text}
    main = value.get(languages[0])
    if main and "nl" not in texts:
        texts["nl"] = str(main)
    return texts


def _first_sentence(text: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return sentence[:297] + "…" if len(sentence) > 300 else sentence


def _moment(value, what: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as error:
        raise ValueError(
            _("%(what)s is not a date: %(value)s") % {"what": what, "value": value}
        ) from error
    if moment.tzinfo is None:
        from django.utils import timezone

        moment = timezone.make_aware(moment)
    return moment


def _calendar(document: dict, row: OfferRow) -> None:
    calendar = document.get("calendarType")
    if calendar in ("single", "multiple"):
        events = document.get("subEvent") or [
            {"startDate": document.get("startDate"), "endDate": document.get("endDate")}
        ]
        dates, places_left = [], []
        for event in events:
            if not isinstance(event, dict) or not event.get("startDate"):
                continue
            starts = _moment(event["startDate"], "startDate")
            ends = _moment(event.get("endDate") or event["startDate"], "endDate")
            if ends < starts:
                raise ValueError(_("endDate is before startDate"))
            if ends == starts:
                ends = starts + dt.timedelta(hours=1)
            booking = event.get("bookingAvailability") or {}
            note = ""
            if isinstance(booking, dict) and booking.get("capacity"):
                note = _("%(n)s places") % {"n": booking["capacity"]}
            if isinstance(booking, dict) and booking.get("type") == "Unavailable":
                places_left.append(0)
            elif isinstance(booking, dict) and "availability" in booking:
                places_left.append(booking["availability"])
            dates.append([starts.isoformat(), ends.isoformat(), note])
        if dates:
            row.dates = dates
        if places_left and all(left == 0 for left in places_left):
            row.fields["availability"] = Availability.FULL
        elif places_left:
            row.fields["availability"] = Availability.PLACES
    elif calendar in ("periodic", "permanent"):
        valid_from = valid_until = None
        if calendar == "periodic":
            if document.get("startDate"):
                valid_from = _moment(document["startDate"], "startDate").date().isoformat()
            if document.get("endDate"):
                valid_until = _moment(document["endDate"], "endDate").date().isoformat()
        weekly = []
        for hours in document.get("openingHours") or []:
            if not isinstance(hours, dict):
                continue
            opens, closes = str(hours.get("opens", "")), str(hours.get("closes", ""))
            try:
                if dt.time.fromisoformat(closes) <= dt.time.fromisoformat(opens):
                    raise ValueError(_("opening hours close before they open"))
            except ValueError as error:
                raise ValueError(
                    _("opening hours are not times: %(error)s") % {"error": error}
                ) from error
            for day in hours.get("dayOfWeek") or []:
                if str(day).lower() in WEEKDAYS:
                    weekly.append(
                        [
                            WEEKDAYS.index(str(day).lower()),
                            opens[:5],
                            closes[:5],
                            valid_from,
                            valid_until,
                        ]
                    )
        row.weekly = weekly


def _ages(value) -> list | None:
    match = AGE_RANGE.match(str(value or ""))
    if not match:
        raise ValueError(_("typicalAgeRange is not like 6-12: %(value)s") % {"value": value})
    low, high = match.groups()
    return [int(low) * 12 if low else 0, int(high) * 12 if high else None]


def _price(document: dict, row: OfferRow) -> None:
    prices = document.get("priceInfo")
    if not isinstance(prices, list) or not prices:
        return
    parts, base, reduced = [], None, False
    for price in prices:
        if not isinstance(price, dict):
            continue
        amount = price.get("price")
        name = price.get("name")
        label = (
            (name.get("nl") or next(iter(name.values()), ""))
            if isinstance(name, dict)
            else str(name or "")
        )
        category = price.get("category")
        if category == "base":
            base = amount
        elif category == "uitpas" or "kansen" in label.lower() or "uitpas" in label.lower():
            reduced = True
        if amount is not None:
            parts.append(f"{label}: € {float(amount):.2f}".replace(".", ","))
    row.fields["kansentarief"] = reduced
    row.fields["cost"] = Cost.FREE if base in (0, 0.0) else Cost.PAID
    row.fields["price_text"] = "; ".join(parts)[:150]


def _valid(validator, value: str) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True


def _booking(document: dict, row: OfferRow, languages: list[str]) -> None:
    booking = document.get("bookingInfo")
    if not isinstance(booking, dict) or not booking:
        row.fields.setdefault("access_type", AccessType.WALK_IN)
        return
    row.fields["access_type"] = AccessType.REGISTRATION
    # Only a web address and an e-mail address that are what they say: the link goes on the
    # public offer page and into the open-data API ("javascript:" and the like stay out).
    booking = {name: str(booking.get(name) or "").strip() for name in ("url", "phone", "email")}
    if not _valid(URLValidator(schemes=["http", "https"]), booking["url"]):
        booking["url"] = ""
    if not _valid(validate_email, booking["email"]):
        booking["email"] = ""
    for name, limit in (("url", 200), ("phone", 30), ("email", 254)):
        if booking[name]:
            row.fields[name] = booking[name][:limit]
    how = [booking[name] for name in ("url", "phone", "email") if booking[name]]
    if how:
        row.texts["how_to_join"] = {"nl": _("Register: %(ways)s") % {"ways": ", ".join(how)}}


def _place(document: dict, row: OfferRow, languages: list[str]) -> None:
    place = document.get("location")
    if not isinstance(place, dict):
        return
    address = place.get("address") or {}
    if isinstance(address, dict) and not address.get("streetAddress"):
        address = address.get(languages[0]) or address.get("nl") or next(iter(address.values()), {})
    if not isinstance(address, dict) or not address.get("streetAddress"):
        return
    names = _per_language(place.get("name"), languages)
    geo = place.get("geo") or {}
    try:
        uid = _uuid_of(place.get("@id"))
    except ValueError:
        uid = ""
    row.location = {
        "uid": uid,
        "name": names.get("nl", ""),
        "street": str(address.get("streetAddress", "")),
        "postcode": str(address.get("postalCode", "")),
        "city": str(address.get("addressLocality", "")),
        "latitude": round(float(geo["latitude"]), 6) if geo.get("latitude") else None,
        "longitude": round(float(geo["longitude"]), 6) if geo.get("longitude") else None,
    }


def _terms(document: dict, row: OfferRow, mapping: dict, unmapped: dict) -> None:
    terms = document.get("terms")
    if not isinstance(terms, list):
        return
    domains = []
    for term in terms:
        if not isinstance(term, dict) or not term.get("id"):
            continue
        found = mapping.get(str(term["id"]))
        if found and found.life_domain:
            if found.life_domain not in domains:
                domains.append(found.life_domain)
        elif term.get("domain") in ("eventtype", "theme"):
            unmapped[str(term["id"])] = (
                str(term["id"]),
                str(term.get("label", "")),
                str(term.get("domain", "")),
            )
    row.fields["life_domains"] = domains

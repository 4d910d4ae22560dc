"""iCalendar (.ics) files of offers and agendas, for 'add to my calendar'."""

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event

from .models import Offer
from .schedules import NextDate, next_occurrences

CALENDAR_DATES_PER_OFFER = 20


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Huis van het Kind//aanbod//NL")
    calendar.add("version", "2.0")
    return calendar


def _event(offer: Offer, date: NextDate, url: str) -> Event:
    event = Event()
    event.add("uid", f"{offer.slug}-{date.starts_at:%Y%m%dT%H%M}@huisvanhetkind")
    event.add("summary", offer.title)
    event.add("dtstart", date.starts_at)
    event.add("dtend", date.ends_at)
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    event.add("description", f"{offer.summary}\n{url}")
    event.add("url", url)
    if date.location is not None:
        event.add("location", f"{date.location.name}, {date.location.address}")
    return event


def offer_calendar(offer: Offer, *, url: str, now: dt.datetime) -> bytes:
    calendar = _calendar()
    for date in next_occurrences(offer, after=now, limit=CALENDAR_DATES_PER_OFFER):
        calendar.add_component(_event(offer, date, url))
    return calendar.to_ical()


def agenda_calendar(items: Iterable[tuple[Offer, NextDate, str]]) -> bytes:
    calendar = _calendar()
    for offer, date, url in items:
        calendar.add_component(_event(offer, date, url))
    return calendar.to_ical()

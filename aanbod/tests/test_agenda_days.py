"""The agenda's days are kept per process under what they show (aanbod.agenda_days): a
change shows at once, and no language, filter or time of day gets another one's days."""

import datetime as dt

import pytest
from django.utils import timezone

from aanbod.tests.factories import OccurrenceFactory, OfferFactory
from aanbod.views.agenda import AGENDA_ITEMS_PER_DAY
from partners.opening_hours import BRUSSELS

pytestmark = pytest.mark.django_db


def _later_today() -> dt.datetime:
    later = timezone.now() + dt.timedelta(hours=1)
    if later.astimezone(BRUSSELS).date() != timezone.localdate():  # just before midnight
        later = dt.datetime.combine(timezone.localdate(), dt.time(23, 59), tzinfo=BRUSSELS)
    return later


def test_a_changed_title_shows_on_the_agenda_at_once(client):
    offer = OfferFactory(status="published", title="Babbelhoek")
    OccurrenceFactory(offer=offer, starts_at=_later_today())
    assert "Babbelhoek" in client.get("/nl/agenda/").content.decode()

    offer.title = "Praatcafé"
    offer.save()
    content = client.get("/nl/agenda/").content.decode()

    assert "Praatcafé" in content
    assert "Babbelhoek" not in content


def test_a_new_activity_shows_on_the_agenda_at_once(client):
    client.get("/nl/agenda/")

    OccurrenceFactory(offer=OfferFactory(status="published", title="Voorleesuur"),
                      starts_at=_later_today())  # fmt: skip

    assert "Voorleesuur" in client.get("/nl/agenda/").content.decode()


def test_each_language_gets_its_own_agenda(client):
    offer = OfferFactory(status="published", title="Babbelhoek", title_en="Chat corner")
    OccurrenceFactory(offer=offer, starts_at=_later_today())
    weekday = timezone.localdate().strftime("%A")  # the server's C locale: English names

    dutch = client.get("/nl/agenda/").content.decode()
    english = client.get("/en/agenda/").content.decode()
    dutch_again = client.get("/nl/agenda/").content.decode()

    assert "Babbelhoek" in dutch and "Chat corner" not in dutch
    assert "Chat corner" in english and "Babbelhoek" not in english
    assert weekday in english and weekday not in dutch
    assert f'href="/en/aanbod/{offer.slug}/"' in english
    assert "Babbelhoek" in dutch_again and "Chat corner" not in dutch_again
    # Arabic has no title of its own: the Dutch one, marked as Dutch.
    arabic = client.get("/ar/agenda/").content.decode()
    assert '<bdi lang="nl" dir="ltr">Babbelhoek</bdi>' in arabic


def test_the_link_to_a_whole_day_keeps_each_pages_own_filters(client):
    later = _later_today()
    for minute in range(AGENDA_ITEMS_PER_DAY + 1):
        OccurrenceFactory(
            offer=OfferFactory(status="published"), starts_at=later + dt.timedelta(minutes=minute)
        )
    day = later.astimezone(BRUSSELS).date().isoformat()

    # Both pages show the same lines (every test offer is for every age).
    everyone = client.get("/nl/agenda/").content.decode()
    toddlers = client.get("/nl/agenda/?age=0-3").content.decode()

    assert f'href="?&amp;day={day}"' in everyone
    assert f'href="?age=0-3&amp;day={day}"' in toddlers
